// Volumes and the files in them, against the real engine: what the UI does
// is checked with the docker CLI.
import { randomBytes } from 'node:crypto';
import { testImage } from './support/env';
import { expect, test } from './fixtures';
import { FileBrowser } from './pages/file-browser';
import { MountsPage } from './pages/mounts-page';
import { VolumeActions } from './pages/volume-actions';

test.describe('Volumes and files', () => {
  test('create a volume, write a file in the editor, upload and download the same bytes', async ({ volumesPage, docker, page }) => {
    const volume = docker.volumeName('files');
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await actions.create(volume, { team: 'e2e' });
    expect(await docker.volumeNames()).toContain(volume);
    const labels = JSON.parse(await docker.run(['volume', 'inspect', '--format', '{{json .Labels}}', volume])) as Record<string, string>;
    expect(labels).toEqual({ team: 'e2e' });
    await expect(volumesPage.commandBar).toContainText(`docker volume create`);

    await actions.openFiles(volume);
    const files = actions.files;
    await files.newFile('hello.txt');
    await files.typeAndSave('written in Wharf');
    const read = await docker.run(['run', '--rm', '-v', `${volume}:/d`, testImage(), 'cat', '/d/hello.txt']);
    expect(read).toBe('written in Wharf');

    await page.getByRole('button', { name: '← Files' }).click();
    const bytes = randomBytes(50_000);
    await files.upload([{ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
    const sum = await docker.run(['run', '--rm', '-v', `${volume}:/d`, testImage(), 'md5sum', '/d/blob.bin']);
    const { createHash } = await import('node:crypto');
    expect(sum.split(' ')[0]).toBe(createHash('md5').update(bytes).digest('hex'));
    const downloaded = await files.download('blob.bin');
    expect(downloaded.equals(bytes)).toBe(true);

    // Opening the binary file offers a download instead of the editor.
    await files.row('blob.bin').getByRole('button', { name: 'blob.bin', exact: true }).click();
    await expect(page.getByText('This is not a text file')).toBeVisible();
  });

  test('removing a volume in use is refused, naming the container', async ({ volumesPage, docker }) => {
    const volume = docker.volumeName('inuse');
    const user = docker.name('inuse-user');
    await docker.run(['volume', 'create', volume]);
    await docker.create(user, ['-v', `${volume}:/data`]);
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await expect(await volumesPage.usedByCell(volumesPage.row(volume))).toContainText('/data');
    const dialog = await actions.remove(volume);
    await expect(dialog.getByRole('alert')).toContainText(`in use by container "${user}"`);
    expect(await docker.volumeNames()).toContain(volume);
  });

  test('prune shows exactly what it then removes', async ({ volumesPage, docker }) => {
    const unused = [docker.volumeName('prune-a'), docker.volumeName('prune-b')];
    const kept = docker.volumeName('prune-kept');
    const user = docker.name('prune-user');
    for (const v of [...unused, kept]) await docker.run(['volume', 'create', v]);
    await docker.create(user, ['-v', `${kept}:/data`]);
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    const dialog = await actions.openPrune();
    const items = dialog.locator('[data-testid="prune-item"]');
    for (const v of unused) await expect(items.and(dialog.locator(`[data-name="${v}"]`))).toHaveCount(1);
    await expect(dialog.locator(`[data-testid="prune-item"][data-name="${kept}"]`)).toHaveCount(0);
    const previewed = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
    await dialog.getByRole('button', { name: /^Remove \d+ volumes?$/ }).click();
    await expect(dialog).toHaveCount(0);
    const left = await docker.volumeNames();
    for (const v of unused) expect(left).not.toContain(v);
    // Everything previewed is gone, unless someone else started using it in between.
    const stillThere = previewed.filter((v) => left.includes(v));
    expect(stillThere.filter((v) => v.startsWith('e2e-prune'))).toEqual([]);
    expect(left).toContain(kept);
    await expect(volumesPage.commandBar).toContainText('docker volume rm');
  });

  test("a container's Files tab lists /etc, stopped or running", async ({ volumesPage, docker, page, wharf }) => {
    const name = docker.name('files-tab');
    await docker.create(name);
    const id = (await docker.inspect(name)).Id as string;
    await volumesPage.signIn();
    const mounts = new MountsPage(page, wharf);
    await mounts.openContainerTab(id, 'files');
    const files = new FileBrowser(page);
    await expect(files.row('etc')).toBeVisible({ timeout: 20_000 });
    await files.openFolder('etc');
    await expect(files.row('hosts')).toBeVisible();
    await expect(page.getByText('engine\'s archive API')).toBeVisible();
  });
});
