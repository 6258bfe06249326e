// Downloads in the file browser with Wharf's own progress (the browser shows
// its own too): a large file and a folder reach "done" with the same bytes as
// the volume holds, and Cancel midway stops it on the runtime's side, which
// the browser sees as a failed download.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { dockerEndpoint, testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { startSlowProxy } from './support/slow-proxy';
import { startWharf } from './support/wharf-server';
import { expect, test } from './fixtures';
import { VolumeActions } from './pages/volume-actions';
import { VolumesPage } from './pages/volumes-page';

const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Wharf's progress line for the download saved as `name`. */
const progressOf = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="download-progress"][data-name="${name}"]`);

async function startDownload(page: Page, button: Locator): Promise<Download> {
  const waiting = page.waitForEvent('download');
  await button.click();
  return waiting;
}

test('a 30 MB file and a folder download with Wharf progress that reaches done', async ({
  volumesPage,
  docker,
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const volume = docker.volumeName('dlp');
  await docker.run(['volume', 'create', volume]);
  await docker.run([
    'run',
    '--rm',
    '-v',
    `${volume}:/d`,
    testImage(),
    'sh',
    '-c',
    `head -c ${30 * MB} /dev/urandom > /d/big.bin && mkdir -p /d/site/css && head -c 2000000 /dev/urandom > /d/site/blob && echo hi > /d/site/css/a.css`,
  ]);
  const sums = (
    await docker.run(['run', '--rm', '-v', `${volume}:/d`, testImage(), 'sha256sum', '/d/big.bin', '/d/site/blob'])
  )
    .split('\n')
    .map((l) => l.slice(0, 64));
  const actions = new VolumeActions(volumesPage);
  await volumesPage.open();
  await actions.openFiles(volume);
  const files = actions.files;

  await test.step('the file: the same bytes, and the progress says 31.5 MB of 31.5 MB, done', async () => {
    const download = await startDownload(
      page,
      files.row('big.bin').getByRole('button', { name: 'Download big.bin', exact: true }),
    );
    const progress = progressOf(page, 'big.bin');
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(progress).toContainText('Downloaded big.bin');
    await expect(progress).toContainText('31.5 MB of 31.5 MB');
    await expect(progress).toContainText('/s on average');
    const bar = progress.getByRole('progressbar', { name: 'Download progress' });
    await expect(bar).toHaveAttribute('value', String(30 * MB));
    await expect(bar).toHaveAttribute('max', String(30 * MB));
    expect(await download.failure()).toBeNull();
    expect(sha256(readFileSync(await download.path()))).toBe(sums[0]);
  });

  await test.step('the folder as tar: an estimated total, done, the same bytes inside', async () => {
    const download = await startDownload(
      page,
      files.row('site').getByRole('button', { name: 'Download site', exact: true }),
    );
    const progress = progressOf(page, 'site.tar');
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(progress).toContainText('estimated beforehand at');
    const tar = testInfo.outputPath('site.tar');
    await download.saveAs(tar);
    expect(sha256(execFileSync('tar', ['-xOf', tar, './site/blob'], { maxBuffer: 16 * MB }))).toBe(sums[1]);
  });

  await test.step('the folder as zip: done', async () => {
    const download = await startDownload(
      page,
      files.row('site').getByRole('button', { name: 'Download site as zip', exact: true }),
    );
    await expect(progressOf(page, 'site.zip')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    expect(await download.failure()).toBeNull();
    expect(
      readFileSync(await download.path())
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('504b0304');
  });
  await expect(volumesPage.commandBar).toContainText('site.zip');
  await screenshot(page, 'files-downloads-done');

  await test.step('a volume export on the Volumes page: the same progress, an estimated total, done', async () => {
    await volumesPage.open();
    const download = await startDownload(
      page,
      volumesPage.row(volume).getByRole('button', { name: `Export ${volume} as a tar file` }),
    );
    const progress = progressOf(page, `${volume}.tar`);
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(progress).toContainText('estimated beforehand at');
    expect(await download.failure()).toBeNull();
    await screenshot(page, 'volume-export-progress');
    await actions.openFiles(volume);
  });

  await test.step('a finished line can be dismissed', async () => {
    await startDownload(page, files.row('big.bin').getByRole('button', { name: 'Download big.bin', exact: true }));
    await expect(progressOf(page, 'big.bin')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await progressOf(page, 'big.bin').getByRole('button', { name: 'Dismiss big.bin' }).click();
    await expect(progressOf(page, 'big.bin')).toHaveCount(0);
  });
});

test('Cancel midway stops the download in the runtime: the page says cancelled, the browser download fails', async ({
  docker,
  page,
}) => {
  test.setTimeout(120_000);
  // The engine reached through a proxy that passes 2 MB/s, so the download is still running when Cancel comes.
  const proxy = await startSlowProxy(dockerEndpoint(), 2 * MB);
  const slowWharf = await startWharf({ engine: `tcp://${proxy.host}` });
  try {
    const volume = docker.volumeName('dlc');
    await docker.run(['volume', 'create', volume]);
    await docker.run([
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      testImage(),
      'sh',
      '-c',
      `head -c ${30 * MB} /dev/urandom > /d/big.bin`,
    ]);
    const volumesPage = new VolumesPage(page, slowWharf);
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await actions.openFiles(volume);
    const download = await startDownload(
      page,
      actions.files.row('big.bin').getByRole('button', { name: 'Download big.bin', exact: true }),
    );
    const progress = progressOf(page, 'big.bin');
    await expect(progress).toHaveAttribute('data-phase', 'running');
    await expect(progress).toContainText(/[1-9][\d.]* MB of 31\.5 MB/, { timeout: 30_000 });
    await expect(progress).toContainText(/\/s/);
    await screenshot(page, 'files-download-running');
    await progress.getByRole('button', { name: 'Cancel download of big.bin' }).click();
    await expect(progress).toHaveAttribute('data-phase', 'cancelled');
    await expect(progress).toContainText('Download of big.bin cancelled');
    // What the browser kept is not the file: its download failed.
    expect(await download.failure()).not.toBeNull();
    const value = Number(await progress.getByRole('progressbar', { name: 'Download progress' }).getAttribute('value'));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(30 * MB);
    await screenshot(page, 'files-download-cancelled');
    // Nothing of the download still runs in the volume's helper (its cat of big.bin ended).
    const helper = (await docker.run(['ps', '-q', '--filter', `label=io.wharf.helper.volume=${volume}`])).trim();
    expect(helper).not.toBe('');
    await expect.poll(async () => docker.run(['top', helper]), { timeout: 15_000 }).not.toContain('big.bin');
  } finally {
    await slowWharf.stop();
    await proxy.stop();
  }
});

test('in Korean, the progress line speaks Korean', async ({ settingsPage, docker, page, wharf }) => {
  const volume = docker.volumeName('dlk');
  await docker.run(['volume', 'create', volume]);
  await docker.run([
    'run',
    '--rm',
    '-v',
    `${volume}:/d`,
    testImage(),
    'sh',
    '-c',
    `head -c ${3 * MB} /dev/urandom > /d/data.bin`,
  ]);
  await settingsPage.open();
  await settingsPage.chooseLanguage('ko');
  await page.goto(`${wharf.origin}/#/volumes/${volume}`);
  const row = page.locator('tr[data-testid="file-row"][data-name="data.bin"]');
  // The row's first action is Download (its name is Korean here).
  const download = await startDownload(page, row.locator('.row-actions button').first());
  const progress = progressOf(page, 'data.bin');
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(progress).toContainText('data.bin 다운로드 완료');
  await expect(progress).toContainText('평균');
  await expect(progress.getByRole('progressbar', { name: '다운로드 진행률' })).toBeVisible();
  expect(await download.failure()).toBeNull();
  await screenshot(page, 'files-downloads-ko');
});
