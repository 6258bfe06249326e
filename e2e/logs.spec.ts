// Container details, logs and inspect against the real engine: a container
// that printed 10,000 numbered lines (every thousandth to stderr).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ContainerDetailsPage } from './pages/container-details-page';
import { screenshot } from './support/screenshots';

// Prints line 1…10000 (multiples of 1000 to stderr), then one more line each time it gets SIGUSR1.
const SCRIPT = [
  'for i in $(seq 1 10000); do if [ $((i % 1000)) -eq 0 ]; then echo "line $i" >&2; else echo "line $i"; fi; done',
  'trap "exit 0" TERM',
  'trap "echo printed later" USR1',
  'while :; do sleep 3600 & wait; done',
].join('; ');

// The engine records stdout and stderr as two pipes, each copied as it is
// read, so a stderr line can land a few lines away from where it was printed
// (`docker logs` shows the same order). The last line is therefore whatever
// the engine holds last, read with the docker CLI.
test('logs: the last line, search to the middle, stderr marked, following a new line', async ({
  page,
  wharf,
  docker,
  containersPage,
}) => {
  const name = docker.name('logs');
  await docker.runDetached(name, ['-e', 'API_TOKEN=tok-e2e-secret', '-e', 'GREETING=hello'], ['sh', '-c', SCRIPT]);
  const details = new ContainerDetailsPage(page, wharf);
  await containersPage.open();
  await details.openFromList(name);

  await test.step('environment: a secret is masked until clicked', async () => {
    await expect(details.envRow('GREETING')).toContainText('hello');
    await expect(details.envRow('API_TOKEN')).not.toContainText('tok-e2e-secret');
    await details.envRow('API_TOKEN').getByRole('button', { name: 'Show the value of API_TOKEN' }).click();
    await expect(details.envRow('API_TOKEN')).toContainText('tok-e2e-secret');
  });

  await details.openTab('Logs');
  let engineLines: string[] = [];
  await test.step('all 10,000 lines, ending with the one the engine holds last', async () => {
    await details.tail.selectOption('all');
    await expect(details.viewCommand).toContainText(`docker logs -f ${name}`);
    await expect(page.getByTestId('logs-count')).toHaveText('10,000 lines');
    engineLines = (await docker.logs(name)).split('\n').filter((l) => l !== '');
    expect(engineLines).toHaveLength(10_000);
    const lastText = engineLines.at(-1)!;
    const last = details.logLine(lastText);
    await expect(last).toBeInViewport();
    // Nothing after it: it is the bottom row drawn.
    await expect(details.logLines.last()).toContainText(lastText);
    await expect(last).toHaveAttribute('data-stream', /^line \d+000$/.test(lastText) ? 'stderr' : 'stdout');
  });

  await test.step('stderr lines are marked, stdout lines are not', async () => {
    await details.searchLogs('line 10000');
    const stderrLine = details.logLine('line 10000');
    await expect(stderrLine).toBeInViewport();
    await expect(stderrLine).toHaveAttribute('data-stream', 'stderr');
    await expect(stderrLine).toContainText('stderr');
    await details.searchLogs('line 9999');
    const stdoutLine = details.logLine('line 9999');
    await expect(stdoutLine).toBeInViewport();
    await expect(stdoutLine).toHaveAttribute('data-stream', 'stdout');
    await expect(stdoutLine).not.toContainText('stderr');
  });

  await test.step('search finds a line in the middle and scrolls to it', async () => {
    await details.searchLogs('line 5000');
    await expect(details.logMatches).toHaveText('1 of 1');
    const middle = details.logLine('line 5000');
    await expect(middle).toBeInViewport();
    await expect(middle.locator('mark')).toHaveText('line 5000');
    await expect(middle).toHaveAttribute('data-stream', 'stderr');
    await expect(details.logLine('line 9999')).toHaveCount(0);
  });

  await test.step('next and previous walk the matches; the filter shows only the matching lines', async () => {
    // line 777 and line 7770…7779: eleven matches, and the newest comes first.
    await details.searchLogs('line 777');
    await expect(details.logMatches).toHaveText('11 of 11');
    await expect(details.logLine('line 7779')).toBeInViewport();
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(details.logMatches).toHaveText('1 of 11');
    await expect(details.logLine('line 777')).toBeInViewport();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expect(details.logMatches).toHaveText('11 of 11');
    await expect(details.logLine('line 7779')).toBeInViewport();
    await page.getByRole('checkbox', { name: 'Only matching lines' }).check();
    await expect(details.logView).toHaveAttribute('data-count', '11');
    await expect(details.logLines).toHaveCount(11);
    await page.getByRole('checkbox', { name: 'Only matching lines' }).uncheck();
    await expect(details.logView).toHaveAttribute('data-count', '10000');
  });

  await test.step('scrolling up lets go of the end; the button takes hold again', async () => {
    await details.logSearch.fill('');
    await details.resume.click();
    await expect(details.resume).toHaveCount(0);
    const last = details.logLine(engineLines.at(-1)!);
    await expect(last).toBeInViewport();
    await details.logView.hover();
    await page.mouse.wheel(0, -2000);
    await expect(details.resume).toBeVisible();
    await expect(last).not.toBeInViewport();
  });

  await test.step('following resumes and shows a line printed later', async () => {
    await details.logSearch.fill('');
    await details.resume.click();
    await expect(details.logLine(engineLines.at(-1)!)).toBeInViewport();
    await docker.run(['kill', '-s', 'USR1', name]);
    await expect(details.logLine('printed later')).toBeInViewport();
    await expect(details.logState).toHaveAttribute('data-state', 'following');
  });

  await test.step('inspect shows the JSON, and its search finds the name', async () => {
    await details.openTab('Inspect');
    await expect(details.inspectJson).toContainText('"Config"');
    await expect(details.viewCommand).toContainText(`docker inspect ${name}`);
    await expect(details.inspectJson).not.toContainText('tok-e2e-secret');
    await details.inspectSearch.fill(name);
    await expect(page.locator('#panel-inspect').getByRole('status')).toHaveText(/^1 of \d+$/);
    await expect(details.inspectJson.locator('mark').first()).toHaveText(name);
    await expect(details.inspectJson.locator('mark').first()).toBeInViewport();
  });
});

test('details tabs: arrow keys, Home and End move the selection; only the selected tab takes Tab', async ({
  page,
  wharf,
  docker,
  containersPage,
}) => {
  const name = docker.name('tabs-keys');
  await docker.create(name);
  const details = new ContainerDetailsPage(page, wharf);
  await containersPage.open();
  await details.openFromList(name);
  const tab = (n: string) => details.tablist.getByRole('tab', { name: n, exact: true });
  const expectSelected = async (n: string) => {
    await expect(tab(n)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(n)).toBeFocused();
    await expect(tab(n)).toHaveAttribute('tabindex', '0');
    await expect(details.tablist.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
    await expect(page.locator(`#${await tab(n).getAttribute('aria-controls')}`)).toBeVisible();
  };

  await tab('Overview').focus();
  await page.keyboard.press('ArrowRight');
  await expectSelected('Logs');
  await expect(page).toHaveURL(/\/logs$/);
  await page.keyboard.press('End');
  await expectSelected('Inspect');
  await page.keyboard.press('ArrowRight');
  await expectSelected('Overview');
  await page.keyboard.press('ArrowLeft');
  await expectSelected('Inspect');
  await page.keyboard.press('Home');
  await expectSelected('Overview');
});

test('details of a removed container say so and lead back', async ({ page, wharf, docker, containersPage }) => {
  const name = docker.name('gone');
  await docker.create(name);
  const details = new ContainerDetailsPage(page, wharf);
  await containersPage.open();
  await details.openFromList(name);
  await docker.run(['rm', name]);
  await expect(page.getByRole('heading', { name: 'This container no longer exists' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to containers' }).click();
  await expect(containersPage.heading).toBeVisible();
});

test('logs: wrap long lines, since a chosen time, download as .log', async ({
  page,
  wharf,
  docker,
  containersPage,
}) => {
  const name = docker.name('logs-opts');
  const long = 'w'.repeat(400);
  await docker.runDetached(
    name,
    [],
    [
      'sh',
      '-c',
      `echo old-line; echo ${long}; trap "exit 0" TERM; trap "echo new-line" USR1; while :; do sleep 3600 & wait; done`,
    ],
  );
  const details = new ContainerDetailsPage(page, wharf);
  await containersPage.open();
  await details.openFromList(name);
  await details.openTab('Logs');
  const longRow = details.logLine(long);
  await expect(longRow).toBeVisible();

  await test.step('a long line scrolls sideways, and wraps when asked', async () => {
    const oneRow = await longRow.boundingBox();
    expect(oneRow!.height).toBeLessThanOrEqual(21);
    expect(await details.logView.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.getByRole('checkbox', { name: 'Wrap long lines' }).check();
    await expect.poll(async () => (await longRow.boundingBox())!.height).toBeGreaterThan(30);
    expect(await details.logView.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
    // The rows below moved down: nothing overlaps the wrapped line.
    const wrapped = (await longRow.boundingBox())!;
    const rows = await details.logLines.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(rows.filter((top) => top > wrapped.y && top < wrapped.y + wrapped.height - 1)).toEqual([]);
    await screenshot(page, 'logs-wrapped');
  });

  await test.step('download: a .log file with the lines shown', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .log' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-.+\\.log$`));
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(`old-line\n${long}\n`);
  });

  await test.step('since a chosen time: only what was printed from then on', async () => {
    // The engine's time of old-line; "since" one second later leaves it out.
    const stamped = (await docker.run(['logs', '-t', name])).split('\n')[0]!;
    const after = Math.floor(Date.parse(stamped.split(' ')[0]!) / 1000) + 1;
    // That second has to have come before anything can be printed in it.
    await expect.poll(() => Date.now() >= after * 1000, { timeout: 5_000 }).toBe(true);
    await docker.run(['kill', '-s', 'USR1', name]);
    await expect(details.logLine('new-line')).toBeVisible();

    const since = page.getByRole('combobox', { name: 'Since', exact: true });
    await since.selectOption('custom');
    const field = page.getByLabel('Since (date and time)');
    await field.fill('2099-01-01T00:00:00');
    await expect(page.getByRole('alert')).toHaveText('That time is in the future: choose one before now.');
    await expect(details.viewCommand).toHaveText(/docker logs -f --tail 500 \S+$/);

    // datetime-local is in the browser's time zone.
    const local = await page.evaluate((s) => {
      const d = new Date(s * 1000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, after);
    await field.fill(local);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(details.viewCommand).toContainText(
      `--since ${new Date(after * 1000).toISOString().replace('.000Z', 'Z')}`,
    );
    await expect(details.logLine('new-line')).toBeVisible();
    await expect(details.logLine('old-line')).toHaveCount(0);
    await expect(page.getByTestId('logs-count')).toHaveText('1 line');
    await screenshot(page, 'logs-since-custom');
  });
});
