// The desktop app's choices in Settings (kept by the runtime, which the
// Electron shell reads: tray on close, what quitting does with Wharf's
// engine, the language of the tray and notifications), and the one notice
// decision both shells share: a container in a crash loop is told once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { expectNoAxeViolations } from './support/axe';

const THEMES = ['light', 'dark'] as const;

/** What the runtime wrote to its settings file. */
async function saved(dataDir: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

test.describe('desktop app settings', () => {
  test('the tray and quit choices are kept by the runtime, in English and Korean, axe-clean', async ({
    page,
    wharf,
    settingsPage,
  }) => {
    await settingsPage.open();
    const section = page.getByTestId('desktop-settings');
    await expect(section.getByRole('heading', { name: 'Desktop app' })).toBeVisible();
    const tray = section.getByRole('checkbox', { name: /Keep running in the tray when the window is closed/ });
    const quit = section.getByRole('combobox', { name: "When quitting while Wharf's own engine or engine VM runs" });
    // Linux (where these tests run) keeps no tray by default: many desktops show none.
    await expect(tray).not.toBeChecked();
    await expect(quit).toHaveValue('ask');
    for (const theme of THEMES) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await expectNoAxeViolations(page, `desktop settings, ${theme}`, '[data-testid="desktop-settings"]');
    }

    await tray.check();
    await quit.selectOption('keep');
    await expect.poll(async () => (await saved(wharf.dataDir)).trayOnClose).toBe(true);
    await expect.poll(async () => (await saved(wharf.dataDir)).quitEngine).toBe('keep');
    await page.reload();
    await expect(tray).toBeChecked();
    await expect(quit).toHaveValue('keep');

    // The page's language goes to the runtime too: the tray and native notifications speak it.
    await settingsPage.language.selectOption('ko');
    await expect(section.getByRole('heading', { name: '데스크톱 앱' })).toBeVisible();
    await expect(section.getByRole('checkbox', { name: /창을 닫아도 트레이에서 계속 실행/ })).toBeChecked();
    await expect.poll(async () => (await saved(wharf.dataDir)).language).toBe('ko');
    await expectNoAxeViolations(page, 'desktop settings, Korean', '[data-testid="desktop-settings"]');

    // Put back what the worker's other tests expect.
    await page.getByRole('combobox', { name: '언어' }).selectOption('en');
    await expect.poll(async () => (await saved(wharf.dataDir)).language).toBe('en');
    await tray.uncheck();
    await quit.selectOption('ask');
    await expect.poll(async () => (await saved(wharf.dataDir)).quitEngine).toBe('ask');
    await expect.poll(async () => (await saved(wharf.dataDir)).trayOnClose).toBe(false);
  });
});

test.describe('notices', () => {
  test('a container in a crash loop is told once, not at every restart', async ({ page, wharf, docker }) => {
    const activity = new ActivityPage(page, wharf);
    await activity.signIn();
    const name = docker.name('loop');
    // Dies three more times as its restart policy brings it back: four unexpected deaths in a few seconds.
    await docker.runDetached(name, ['--restart', 'on-failure:3'], ['sh', '-c', 'sleep 1; exit 3']);
    const told = activity.toasts.filter({ hasText: `${name} stopped unexpectedly` });
    await expect(told).toHaveCount(1, { timeout: 15_000 });
    await expect
      .poll(async () => {
        const inspect = await docker.inspect(name);
        return `${inspect.State.Status} ${inspect.RestartCount}`;
      })
      .toBe('exited 3');
    // The page has heard every death (the feed lists four), and the notice stays one.
    await activity.open();
    await expect(activity.row('die', name)).toHaveCount(4, { timeout: 15_000 });
    await expect(told).toHaveCount(1);
  });
});
