// Resource use: the Stats tab's charts and numbers against a container with a
// memory limit, the list's CPU and memory cells, and the dashboard; axe-clean
// in both themes.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { screenshot } from './support/screenshots';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// axe is injected as a script; the page's CSP allows only its own scripts.
test.use({ bypassCSP: true });

/**
 * axe on the part of the page this feature draws. The shared command line
 * (and the app's header and command bar) are left to their own checks.
 */
async function axeViolations(page: Page, include: string): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async (include) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: object,
            o: object,
          ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run({ include: [[include]], exclude: [['.command-line']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, include);
}

async function checkBothThemes(page: Page, name: string, include: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    expect(await axeViolations(page, include), `axe in ${scheme}`).toEqual([]);
    await screenshot(page, `${name}-en-${scheme}`);
  }
}

test.describe('Stats', () => {
  test('the Stats tab shows live CPU and memory against the --memory limit, as charts with tables', async ({
    page,
    shell,
    docker,
  }) => {
    const name = docker.name('stats-mem');
    await docker.runDetached(
      name,
      ['--memory', '64m'],
      ['sh', '-c', 'head -c 20m /dev/zero > /dev/shm/fill; sleep 3600'],
    );
    const id = (await docker.inspect(name)).Id as string;
    await shell.signIn();
    await page.goto(shell.server.linkTo(`/containers/${id}/stats`));

    const panel = page.locator('#panel-stats');
    await expect(panel.getByTestId('view-command')).toContainText(`docker stats ${name}`);
    for (const title of [
      'CPU (% of one core)',
      'Memory in use',
      'Network (per second)',
      'Disk reads and writes (per second)',
      'Processes (PIDs)',
    ]) {
      await expect(panel.getByRole('figure', { name: title })).toBeVisible();
      await expect(panel.getByRole('img', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}: `) })).toBeVisible();
    }
    // The engine's reading: 20 MiB in /dev/shm counts against the 64 MiB limit.
    const usage = panel.locator('dt', { hasText: 'Usage / limit' }).locator('xpath=following-sibling::dd');
    await expect(usage).toContainText('/ 64 MiB', { timeout: 20_000 });
    const used = Number(/^([\d.]+) MiB/.exec((await usage.textContent()) ?? '')?.[1]);
    expect(used).toBeGreaterThanOrEqual(20);
    expect(used).toBeLessThan(64);
    await expect(
      panel.locator('dt', { hasText: 'CPU % (as docker stats)' }).locator('xpath=following-sibling::dd'),
    ).toHaveText(/%$/, { timeout: 20_000 });
    await expect(panel.getByRole('img', { name: /^Memory in use: now [\d.]+ MiB/ })).toBeVisible();

    // The table under the memory chart holds the same readings as text.
    await panel.getByText('Memory in use as a table (last 10 readings)').click();
    await expect(panel.getByRole('table', { name: 'Memory in use' }).getByRole('row').nth(1)).toContainText('MiB');
    await checkBothThemes(page, 'stats-tab', '#panel-stats');
  });

  test('the list shows CPU and memory of a running row; the dashboard adds them up', async ({
    page,
    shell,
    docker,
  }) => {
    const name = docker.name('stats-list');
    await docker.runDetached(name, ['--memory', '32m']);
    await shell.signIn();
    await page.goto(shell.server.linkTo('/containers'));
    const row = page.locator(`tr[data-testid="container-row"][data-name="${name}"]`);
    await expect(row.getByTestId('cell-memory')).toContainText(/iB$/, { timeout: 20_000 });
    await expect(row.getByTestId('cell-cpu')).toContainText('%');

    await page.goto(shell.server.linkTo('/dashboard'));
    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    const running = Number(await page.getByTestId('dashboard-running').textContent());
    expect(running).toBe((await docker.ps()).filter((c) => c.state === 'running').length);
    const byContainer = page.getByRole('region', { name: 'By container' });
    await expect(byContainer.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(page.getByTestId('dashboard-memory')).toContainText('iB', { timeout: 20_000 });
    // The test engine is not in Wharf's VM.
    await expect(page.getByTestId('dashboard-vm-na')).toContainText('Not applicable');
    await checkBothThemes(page, 'dashboard', '.dashboard-page');
  });
});
