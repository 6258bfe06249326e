// Volumes and the files in them, against the real engine: what the UI does
// is checked with the docker CLI.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';
import { FileBrowser } from './pages/file-browser';
import { MountsPage } from './pages/mounts-page';
import { VolumeActions } from './pages/volume-actions';

test.describe('Volumes and files', () => {
  test('create a volume, write a file in the editor, upload and download the same bytes', async ({
    volumesPage,
    docker,
    page,
  }, testInfo) => {
    const volume = docker.volumeName('files');
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await actions.create(volume, { team: 'e2e' });
    expect(await docker.volumeNames()).toContain(volume);
    const labels = JSON.parse(
      await docker.run(['volume', 'inspect', '--format', '{{json .Labels}}', volume]),
    ) as Record<string, string>;
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
    expect(sum.split(' ')[0]).toBe(createHash('md5').update(bytes).digest('hex'));
    const downloaded = await files.download('blob.bin');
    expect(downloaded.equals(bytes)).toBe(true);

    const folder = testInfo.outputPath('site');
    mkdirSync(join(folder, 'css'), { recursive: true });
    writeFileSync(join(folder, 'index.html'), '<p>hi</p>');
    writeFileSync(join(folder, 'css', 'a.css'), 'p{}');
    await files.uploadFolder(folder, 'site');
    expect(
      await docker.run([
        'run',
        '--rm',
        '-v',
        `${volume}:/d`,
        testImage(),
        'cat',
        '/d/site/index.html',
        '/d/site/css/a.css',
      ]),
    ).toBe('<p>hi</p>p{}');

    await files.drop([{ name: 'dropped.txt', text: 'dropped on the page' }]);
    expect(await docker.run(['run', '--rm', '-v', `${volume}:/d`, testImage(), 'cat', '/d/dropped.txt'])).toBe(
      'dropped on the page',
    );

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
    await expect(dialog.getByRole('alert')).toContainText(`is in use by ${user}.`);
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
    await expect(
      page.getByText('listed from a read-only snapshot of the stopped container (docker commit)'),
    ).toBeVisible();
    await expect(page.getByTestId('files-stopped-note')).toBeVisible();
    // The engine attaches /etc/hosts from outside the container: deleting it is refused with a reason, and it stays.
    await files.row('hosts').getByRole('button', { name: 'Delete hosts' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('mount point');
    await expect(files.row('hosts')).toBeVisible();
    expect(await docker.shell(`docker cp ${name}:/etc/hosts - | tar -t`)).toBe('hosts\n');
  });

  test('in a stopped container, rename a file and delete a folder, each confirmed, with the commands shown', async ({
    volumesPage,
    docker,
    page,
    wharf,
  }) => {
    const name = docker.name('files-stopped');
    await docker.run([
      'run',
      '--name',
      name,
      testImage(),
      'sh',
      '-c',
      'mkdir -p /srv/box/inner && echo hi > /srv/box/inner/f && echo note > /srv/note',
    ]);
    const id = (await docker.inspect(name)).Id as string;
    await volumesPage.signIn();
    await new MountsPage(page, wharf).openContainerTab(id, 'files');
    const files = new FileBrowser(page);
    await expect(files.row('srv')).toBeVisible({ timeout: 20_000 });
    await files.openFolder('srv');
    // A short line says what works; how it is done waits behind a question, for who wants to know.
    await expect(page.getByTestId('files-stopped-note')).toContainText('renaming and deleting included');
    const how = page.getByText('How does Wharf change files in a stopped container?');
    await expect(page.getByText(/no docker command does them in a stopped container/)).toBeHidden();
    await how.click();
    await expect(page.getByText(/no docker command does them in a stopped container/)).toBeVisible();

    await files.rename('note', 'renamed');
    // The bar ends on the step no docker command does; the copies before it are in its history.
    await expect(volumesPage.commandBar).toContainText("Wharf removes /srv/note through the engine's archive endpoint");
    await volumesPage.commandBar.getByRole('button', { name: 'Recent commands' }).click();
    await expect(page.getByRole('region', { name: 'Recent commands' })).toContainText(
      `docker cp ./renamed ${name}:/srv/renamed`,
    );
    await page.keyboard.press('Escape');

    await files.row('box').getByRole('button', { name: 'Delete box' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('delete-note')).toContainText("through the engine's archive endpoint");
    await screenshot(page, 'files-stopped-delete');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(files.row('box')).toHaveCount(0);
    await expect(volumesPage.commandBar).toContainText("Wharf removes /srv/box through the engine's archive endpoint");
    expect(await docker.shell(`docker cp ${name}:/srv - | tar -t | sort`)).toBe('srv/\nsrv/renamed\n');
    expect(await docker.shell(`docker cp ${name}:/srv/renamed - | tar -xO`)).toBe('note\n');
  });

  test('a 110 MB file uploads in chunks with a progress bar and downloads as the same bytes', async ({
    volumesPage,
    docker,
  }, testInfo) => {
    test.setTimeout(180_000);
    const volume = docker.volumeName('big');
    await docker.run(['volume', 'create', volume]);
    const bytes = randomBytes(110 * 1024 * 1024);
    const file = testInfo.outputPath('big.bin');
    writeFileSync(file, bytes);
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await actions.openFiles(volume);
    const files = actions.files;
    await files.uploadPaths([file], { progress: true });
    const sum = await docker.run(['run', '--rm', '-v', `${volume}:/d`, testImage(), 'sha256sum', '/d/big.bin']);
    expect(sum.split(' ')[0]).toBe(sha256(bytes));
    const downloaded = await files.download('big.bin');
    expect(downloaded.length).toBe(bytes.length);
    expect(sha256(downloaded)).toBe(sha256(bytes));
  });
});

test('export a volume in the browser, import the tar into another, download a folder as zip', async ({
  volumesPage,
  docker,
  page,
}, testInfo) => {
  const from = docker.volumeName('exp');
  const to = docker.volumeName('imp');
  for (const v of [from, to]) await docker.run(['volume', 'create', v]);
  await docker.run([
    'run',
    '--rm',
    '-v',
    `${from}:/d`,
    testImage(),
    'sh',
    '-c',
    'mkdir /d/conf && echo one > /d/conf/a && head -c 2000000 /dev/urandom > /d/blob && ln -s conf/a /d/link',
  ]);
  await volumesPage.open();
  const waiting = page.waitForEvent('download');
  await volumesPage
    .row(from)
    .getByRole('button', { name: `Export ${from} as a tar file` })
    .click();
  const exported = await waiting;
  expect(exported.suggestedFilename()).toBe(`${from}.tar`);
  expect(new URL(exported.url()).pathname).toMatch(/^\/download\/[0-9a-f]{64}$/);
  const tar = testInfo.outputPath(`${from}.tar`);
  await exported.saveAs(tar);
  // The saved tar holds what the engine holds: the blob's bytes, read back out of the file on disk.
  const saved = await exported.path();
  expect(sha256(execFileSync('tar', ['-xOf', saved, './blob'], { maxBuffer: 64 * 1024 * 1024 }))).toBe(
    (await docker.run(['run', '--rm', '-v', `${from}:/d`, testImage(), 'sha256sum', '/d/blob'])).split(' ')[0],
  );
  // The address served once: asking again (as Wharf's own page would) finds nothing.
  expect((await page.request.get(exported.url(), { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status()).toBe(404);
  await expect(volumesPage.commandBar).toContainText(`${from}.tar`);
  await screenshot(page, 'volume-export-downloaded');

  await volumesPage
    .row(to)
    .getByRole('button', { name: `Import a tar file into ${to}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Import a tar file into ${to}` });
  await dialog.getByLabel('Tar file to import').setInputFiles(tar);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const sums = 'cd /d && sha256sum conf/a blob && readlink link';
  expect(await docker.run(['run', '--rm', '-v', `${to}:/d`, testImage(), 'sh', '-c', sums])).toBe(
    await docker.run(['run', '--rm', '-v', `${from}:/d`, testImage(), 'sh', '-c', sums]),
  );

  const actions = new VolumeActions(volumesPage);
  await actions.openFiles(to);
  const zipping = page.waitForEvent('download');
  await actions.files.row('conf').getByRole('button', { name: 'Download conf as zip' }).click();
  const zip = await zipping;
  expect(zip.suggestedFilename()).toBe('conf.zip');
  const stream = await zip.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  // A zip: local header first, the end-of-central-directory record last, naming conf/a.
  expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
  expect(bytes.subarray(bytes.length - 22, bytes.length - 18).toString('hex')).toBe('504b0506');
  expect(bytes.includes(Buffer.from('conf/a'))).toBe(true);
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
