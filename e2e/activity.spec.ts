// Processes, activity, exit codes, health and notifications, driven through
// the UI against the real test engine, with axe in both themes.
import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { screenshot } from './support/screenshots';

const THEMES = ['light', 'dark'] as const;

test.describe('Processes, activity, health and notifications', () => {
  test('the Processes tab lists what docker top lists, with PID 1 inside', async ({ page, wharf, docker }) => {
    const name = docker.name('top');
    await docker.runDetached(name, [], ['sh', '-c', 'trap "exit 0" TERM; sleep 1001 & sleep 1002 & wait']);
    const id = (await docker.inspect(name)).Id as string;
    const activity = new ActivityPage(page, wharf);
    await activity.signIn();
    await activity.openContainerTab(id, 'processes', 'Processes');
    // Wharf's tab runs `ps -o pid,args` inside every 2 s (the PIDs inside): the CLI's top may catch it.
    const top = (await docker.run(['top', name, '-eo', 'pid,args']))
      .trim()
      .split('\n')
      .slice(1)
      .filter((line) => !/\sps -o pid,args$/.test(line));
    const hostPids = top.map((line) => line.trim().split(/\s+/)[0]);
    await expect(activity.processRows).toHaveCount(hostPids.length);
    for (const pid of hostPids)
      await expect(page.locator(`[data-testid="process-row"][data-host-pid="${pid}"]`)).toBeVisible();
    const first = page.locator('[data-testid="process-row"]', { hasText: 'sh -c' });
    await expect(first.locator('td').first()).toHaveText('1');
    await expect(page.locator('[role="tabpanel"]:not([hidden])').getByTestId('view-command')).toContainText(
      `docker top ${name}`,
    );
    // The tab asks again every 2 s: a process started now shows up by itself.
    await docker.run(['exec', '-d', name, 'sleep', '1003']);
    await expect(page.locator('[data-testid="process-row"]', { hasText: 'sleep 1003' })).toBeVisible({ timeout: 6000 });
    await page.getByText('Why does a process have two PIDs?').click();
    await expect(page.getByText(/PID namespace/)).toBeVisible();
    for (const theme of THEMES) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await expectNoAxeViolations(page, `processes tab, ${theme}`);
    }
  });

  test('the Activity page words events, filters them and links to what they touched', async ({
    page,
    wharf,
    docker,
  }) => {
    const activity = new ActivityPage(page, wharf);
    await activity.signIn();
    await activity.open();
    const name = docker.name('feed');
    const volume = docker.volumeName('feed');
    await docker.run(['volume', 'create', volume]);
    await docker.runDetached(name);
    await docker.run(['stop', '-t', '1', name]);
    await expect(activity.row('create', volume)).toContainText(`Volume ${volume} created`);
    await expect(activity.row('create', volume)).toContainText(`docker volume create ${volume}`);
    await expect(activity.row('start', name)).toContainText(`${name} started`);
    await expect(activity.row('die', name)).toContainText(/exit code \d+:/);
    await expect(activity.row('stop', name)).toContainText(`docker stop ${name}`);

    await activity.type.selectOption('volume');
    await expect(activity.row('start', name)).toHaveCount(0);
    await expect(activity.row('create', volume)).toBeVisible();
    await activity.type.selectOption('all');
    await activity.name.fill(name);
    await expect(activity.row('create', volume)).toHaveCount(0);
    await expect(activity.row('start', name)).toBeVisible();

    for (const theme of THEMES) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await expectNoAxeViolations(page, `activity page, ${theme}`);
    }
    await activity
      .row('start', name)
      .getByRole('link', { name: `Open ${name}` })
      .click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

    // An earlier span is read from the engine's own log.
    await activity.open();
    await activity.time.selectOption('1h');
    await expect(activity.row('create', volume)).toBeVisible();
  });

  test('a failing health check shows unhealthy in the list and its output on the page', async ({
    page,
    wharf,
    docker,
  }) => {
    const name = docker.name('sick');
    await docker.runDetached(name, [
      '--health-cmd',
      'echo not ready; exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
    ]);
    const id = (await docker.inspect(name)).Id as string;
    const activity = new ActivityPage(page, wharf);
    await activity.signIn();
    const row = page.locator(`[data-testid="container-row"][data-name="${name}"]`);
    await expect(row.getByTestId('health-badge')).toHaveAttribute('data-health', 'unhealthy', { timeout: 20_000 });
    await activity.openContainerTab(id, 'overview', 'Overview');
    const section = page.getByTestId('health-section');
    await expect(section).toContainText('echo not ready; exit 1');
    await expect(section.getByRole('table', { name: `Last health checks of ${name}` })).toContainText('not ready');
    for (const theme of THEMES) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await expectNoAxeViolations(page, `container page with health, ${theme}`);
    }
  });

  test('a container that dies unexpectedly raises a notification; its exit code is explained', async ({
    page,
    wharf,
    docker,
  }) => {
    const activity = new ActivityPage(page, wharf);
    await activity.signIn();
    const name = docker.name('crash');
    await docker.runDetached(name, [], ['sh', '-c', 'sleep 1; exit 127']);
    const toast = activity.toasts.filter({ hasText: `${name} stopped unexpectedly` });
    await expect(toast).toBeVisible({ timeout: 15_000 });
    await expect(toast).toContainText('Exit code 127');
    await expect(page.getByRole('alert').getByText(`${name} stopped unexpectedly`)).toBeVisible();
    const row = page.locator(`[data-testid="container-row"][data-name="${name}"]`);
    await expect(row.getByTestId('exit-short')).toContainText('command not found');
    for (const theme of THEMES) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await expectNoAxeViolations(page, `notification, ${theme}`);
    }
    await toast.getByRole('link', { name: 'Open' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId('exit-meaning')).toContainText('command does not exist');
    await expect(toast).toHaveCount(0);

    // Switched off in Settings, the next one stays quiet.
    const settings = new SettingsPage(page, wharf);
    await settings.goTo('settings');
    const box = page.getByRole('checkbox', { name: 'A container stops with an error nobody asked for' });
    await box.uncheck();
    await expect(box).not.toBeChecked();
    const quiet = docker.name('quiet');
    await docker.runDetached(quiet, [], ['sh', '-c', 'exit 2']);
    await expect.poll(() => docker.state(quiet)).toBe('exited');
    await page.waitForTimeout(1500);
    await expect(activity.toasts.filter({ hasText: quiet })).toHaveCount(0);
    await box.check();
    await expect(box).toBeChecked();
  });

  test('screenshots in English and Korean, light and dark', async ({ page, wharf, docker }) => {
    const sick = docker.name('shot-sick');
    await docker.runDetached(sick, [
      '--health-cmd',
      'echo failing; exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
    ]);
    const id = (await docker.inspect(sick)).Id as string;
    const settings = new SettingsPage(page, wharf);
    await settings.open();
    const crash = docker.name('shot-crash');
    await docker.runDetached(crash, [], ['sh', '-c', 'sleep 1; exit 139']);
    await expect(page.getByTestId('toast').first()).toBeVisible({ timeout: 15_000 });
    const origin = new URL(wharf.url).origin;
    for (const language of ['en', 'ko'] as const) {
      for (const theme of THEMES) {
        // The first two selects of Settings are the language and the theme, whatever language labels them.
        await page.goto(`${origin}/#/settings`);
        await page.locator('select').nth(0).selectOption(language);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await page.locator('select').nth(1).selectOption(theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.goto(`${origin}/#/activity`);
        await expect(page.getByTestId('activity-row').first()).toBeVisible();
        await screenshot(page, `activity-${language}-${theme}`);
        await page.goto(`${origin}/#/containers/${id}/processes`);
        await expect(page.getByTestId('process-row').first()).toBeVisible();
        await screenshot(page, `processes-${language}-${theme}`);
        await page.goto(`${origin}/#/containers/${id}/overview`);
        await expect(page.getByTestId('health-section')).toBeVisible();
        await screenshot(page, `health-${language}-${theme}`);
        await page.goto(`${origin}/#/containers`);
        await expect(page.getByTestId('container-row').first()).toBeVisible();
        await screenshot(page, `containers-exit-${language}-${theme}`);
      }
    }
  });
});
