// Container details, logs and inspect against the real engine: a container
// that printed 10,000 numbered lines (every thousandth to stderr).
import { expect, test } from './fixtures';
import { ContainerDetailsPage } from './pages/container-details-page';

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
