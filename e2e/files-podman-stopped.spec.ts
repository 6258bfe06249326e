// A stopped container's Files tab on Podman: its filesystem is mounted for a
// helper, so renaming, deleting and saving work as in a running one. Checked
// by starting the container afterwards: it sees the changes.
import { ContainersPage } from './pages/containers-page';
import { FileBrowser } from './pages/file-browser';
import { MountsPage } from './pages/mounts-page';
import { DockerCli } from './support/docker-cli';
import { podmanEndpoint, testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { startWharf } from './support/wharf-server';
import { expect, test } from './fixtures';

test('in a stopped Podman container, rename, delete and save, and the container starts with the changes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const podman = new DockerCli(podmanEndpoint());
  const server = await startWharf({ engine: podmanEndpoint() });
  try {
    const name = podman.name('files-mounted');
    const volume = podman.volumeName('files-mounted');
    // The first run fills /srv and the volume; a later start prints what is there.
    const script = [
      'if [ -e /srv/.done ]; then ls -A /srv /data; cat /srv/new.txt; exit 0; fi',
      'mkdir -p /srv/box/inner && echo hi > /srv/box/inner/f && echo note > /srv/note && echo v > /data/v && touch /srv/.done',
    ].join('\n');
    await podman.run(['run', '--name', name, '-v', `${volume}:/data`, testImage(), 'sh', '-c', script]);
    const id = (await podman.inspect(name)).Id as string;

    await new ContainersPage(page, server).signIn();
    const mounts = new MountsPage(page, server);
    await mounts.openContainerTab(id, 'files');
    const files = new FileBrowser(page);
    await expect(files.row('srv')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('files-mounted-note')).toContainText('Podman mounted its filesystem');
    await expect(page.getByTestId('files-stopped-note')).toHaveCount(0);
    await expect(
      page.getByText("through a helper container mounting the stopped container's filesystem"),
    ).toBeVisible();
    await expect(page.locator('.file-footer code')).toContainText(`m=$(podman container mount ${name}) && ls -la "$m"`);

    // The volume is where the container sees it.
    await files.openFolder('data');
    await expect(files.row('v')).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('button', { name: 'root', exact: true })
      .click();
    await files.openFolder('srv');

    await files.rename('note', 'renamed');
    await expect(mounts.commandBar).toContainText(
      `m=$(podman container mount ${name}) && mv "$m"/srv/note "$m"/srv/renamed; podman container unmount ${name}`,
    );

    await expect(files.row('box').getByRole('button', { name: 'Delete box' })).toBeEnabled();
    await files.row('box').getByRole('button', { name: 'Delete box' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('delete-note')).toHaveCount(0);
    await screenshot(page, 'files-podman-stopped-delete');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(files.row('box')).toHaveCount(0);
    await expect(mounts.commandBar).toContainText(`rm -r "$m"/srv/box`);

    await files.newFile('new.txt');
    await files.typeAndSave('saved while stopped');
    await page.getByRole('button', { name: '← Files' }).click();
    await expect(files.row('new.txt')).toBeVisible();
    await screenshot(page, 'files-podman-stopped');

    // The engine holds it: the container starts, sees the changes, and exits cleanly.
    const out = await podman.run(['start', '-a', name]);
    expect(out).toBe(['/data:', 'v', '', '/srv:', '.done', 'new.txt', 'renamed', 'saved while stopped'].join('\n'));
    expect((await podman.run(['inspect', '-f', '{{.State.ExitCode}}', name])).trim()).toBe('0');
  } finally {
    await server.stop();
    await podman.cleanup();
  }
});
