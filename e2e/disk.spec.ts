// The Disk page against the real engine: the kinds and a volume's size as
// the CLI reports them, a clean-up that removes exactly what its preview
// listed (and keeps what started meanwhile), axe in both themes, screenshots.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DiskPage } from './pages/disk-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { screenshot } from './support/screenshots';
import { DockerCli } from './support/docker-cli';
import { podmanEndpoint, testImage } from './support/env';
import { startWharf } from './support/wharf-server';
import type { WharfServer } from './support/wharf-server';

const fill = (volume: string, bytes: number) => [
  'run',
  '--rm',
  '-v',
  `${volume}:/d`,
  testImage(),
  'sh',
  '-c',
  `head -c ${bytes} /dev/urandom > /d/data`,
];

async function openDisk(
  page: Page,
  wharf: WharfServer,
  language: 'en' | 'ko' = 'en',
  theme: 'light' | 'dark' = 'light',
) {
  const settings = new SettingsPage(page, wharf);
  const disk = new DiskPage(page, wharf);
  if (language === 'en' && theme === 'light') {
    await disk.open();
    return disk;
  }
  await settings.open();
  await settings.chooseTheme(theme);
  if (language !== 'en') await settings.chooseLanguage(language);
  await page.goto(`${new URL(wharf.url).origin}/#/disk`);
  await expect(disk.categories).toHaveCount(4);
  return disk;
}

test.describe('Disk', () => {
  test('shows every kind, and a volume’s size as the engine measures it', async ({ page, wharf, docker }) => {
    const volume = docker.volumeName('disk');
    await docker.run(['volume', 'create', volume]);
    await docker.run(fill(volume, 300_000));
    const disk = await openDisk(page, wharf);

    for (const kind of ['images', 'containers', 'volumes', 'buildCache'] as const)
      await expect(disk.category(kind)).toBeVisible();
    const bytes = Number(await disk.volumeSize(volume).getAttribute('data-bytes'));
    expect(bytes).toBeGreaterThanOrEqual(300_000);
    await expect(disk.volumeSize(volume)).toHaveText(/^30\d kB$/);
    // The counts are the CLI's.
    const rows = (await docker.run(['system', 'df', '--format', '{{json .}}']))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { Type: string; TotalCount: string });
    const volumes = rows.find((r) => r.Type === 'Local Volumes')!;
    await expect(disk.category('volumes').getByTestId('disk-count')).toContainText(`${volumes.TotalCount} volume`);
    // Each item links to its own page.
    await page.locator(`[data-testid="disk-volume"][data-name="${volume}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`#/volumes/${volume}$`));
  });

  test('a clean-up removes exactly what its preview listed and keeps what started meanwhile', async ({
    page,
    wharf,
    docker,
  }) => {
    const stopped = docker.name('disk-stopped');
    await docker.run(['run', '--name', stopped, testImage(), 'sh', '-c', 'head -c 50000 /dev/urandom > /blob']);
    const later = docker.name('disk-later');
    await docker.create(later);
    const dangling = (
      await docker.shell(
        `printf 'FROM ${testImage()}\\nRUN echo ${docker.suffix}-${Date.now()} > /m\\n' | docker build -q - 2>/dev/null`,
      )
    ).trim();
    docker.trackImage(dangling);
    const unused = docker.volumeName('disk-unused');
    await docker.run(['volume', 'create', unused]);
    await docker.run(fill(unused, 100_000));
    const kept = docker.volumeName('disk-kept');
    const user = docker.name('disk-user');
    await docker.runDetached(user, ['-v', `${kept}:/k`]);
    const network = `e2e-disk-${docker.suffix}`;
    await docker.run(['network', 'create', network]);

    const disk = await openDisk(page, wharf);
    await disk.cleanupButton.click();
    await expect(disk.dialog).toBeVisible();
    // Volumes are kept unless chosen; choosing them asks again, naming the data loss.
    const volumes = disk.dialog.getByRole('group', { name: /^Volumes/ });
    await expect(volumes.getByRole('radio', { name: 'Keep all' })).toBeChecked();
    await volumes.getByRole('radio', { name: /All unused volumes/ }).check();
    await expect(disk.previewItem('volumes', unused)).toBeVisible();
    await expect(disk.removeButton).toBeDisabled();
    await disk.dialog.getByRole('checkbox', { name: /Yes, delete the data/ }).check();
    await expect(disk.removeButton).toBeEnabled();

    const stoppedId = (await docker.inspect(stopped)).Id as string;
    const laterId = (await docker.inspect(later)).Id as string;
    await expect(disk.previewItem('containers', stoppedId)).toBeVisible();
    await expect(disk.previewItem('containers', laterId)).toBeVisible();
    await expect(disk.previewItem('images', dangling)).toBeVisible();
    await expect(disk.previewItem('volumes', kept)).toHaveCount(0);
    await expect(disk.dialog.getByTestId('disk-preview-item').filter({ hasText: network })).toHaveCount(1);
    await expect(disk.dialog.getByTestId('disk-system-command')).toHaveText('docker system prune --volumes');
    const previewed = await disk.previewed();
    await expectNoAxeViolations(page, 'clean-up dialog, light');
    await disk.dialog.getByRole('checkbox', { name: /Yes, delete the data/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'disk-cleanup-preview-en-light');

    // Started after the preview: it must stay.
    await docker.run(['start', later]);
    await disk.removeButton.click();
    await expect(disk.outcome).toBeVisible({ timeout: 30_000 });
    await expect(disk.outcome).toContainText('reclaimed');
    await expect(disk.outcome).toContainText('1 item was kept');

    for (const id of (previewed.containers ?? []).filter((i) => i !== laterId))
      await expect(docker.run(['inspect', id])).rejects.toThrow();
    for (const id of previewed.images ?? []) expect(await docker.hasImage(id)).toBe(false);
    for (const name of previewed.volumes ?? []) await expect(docker.run(['volume', 'inspect', name])).rejects.toThrow();
    for (const id of previewed.networks ?? []) await expect(docker.run(['network', 'inspect', id])).rejects.toThrow();
    expect((await docker.inspect(later)).State.Running).toBe(true);
    await docker.run(['volume', 'inspect', kept]);
    expect(await docker.hasImage(testImage())).toBe(true);
    await screenshot(page, 'disk-outcome-en-light');
  });

  for (const { language, theme } of [
    { language: 'en', theme: 'dark' },
    { language: 'ko', theme: 'light' },
    { language: 'ko', theme: 'dark' },
    { language: 'en', theme: 'light' },
  ] as const) {
    test(`is axe-clean and readable in ${language}, ${theme}`, async ({ page, wharf, docker }) => {
      const volume = docker.volumeName('disk-shot');
      await docker.run(['volume', 'create', volume]);
      await docker.run(fill(volume, 20_000));
      const disk = await openDisk(page, wharf, language, theme);
      await screenshot(page, `disk-${language}-${theme}`);
      for (const explainer of await page.locator('.disk-concepts details').all())
        await explainer.locator('summary').click();
      await expectNoAxeViolations(page, `disk page, ${language}, ${theme}`);
      await screenshot(page, `disk-explained-${language}-${theme}`);
      await page.locator('.disk-toolbar .button-primary').click();
      await expect(page.getByTestId('disk-preview')).toBeVisible();
      await expectNoAxeViolations(page, `clean-up dialog, ${language}, ${theme}`);
      await screenshot(page, `disk-cleanup-${language}-${theme}`);
      await page.keyboard.press('Escape');
      await expect(disk.categories).toHaveCount(4);
    });
  }

  test('on Podman, says what the engine does not report', async ({ page }) => {
    const podman = new DockerCli(podmanEndpoint());
    const server = await startWharf({ engine: podmanEndpoint() });
    try {
      const volume = podman.volumeName('disk-podman');
      await podman.run(['volume', 'create', volume]);
      await podman.run(fill(volume, 40_000));
      const disk = new DiskPage(page, server);
      await disk.open();
      await expect(disk.category('buildCache')).toContainText('Podman keeps no separate build cache');
      await expect(disk.category('images')).toContainText('Podman does not report the total of its layers');
      await expect(disk.category('images').getByTestId('disk-size')).toHaveText(/^about /);
      expect(Number(await disk.volumeSize(volume).getAttribute('data-bytes'))).toBeGreaterThanOrEqual(40_000);
      await disk.cleanupButton.click();
      await expect(disk.dialog.getByRole('checkbox', { name: /Build cache/ })).toBeDisabled();
      await expect(disk.dialog.getByTestId('disk-preview')).toBeVisible();
      await expectNoAxeViolations(page, 'disk page on Podman');
      await screenshot(page, 'disk-cleanup-podman-en-light');
      await page.keyboard.press('Escape');
      await screenshot(page, 'disk-podman-en-light');
    } finally {
      await podman.cleanup();
      await server.stop();
    }
  });
});
