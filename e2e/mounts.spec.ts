// The Mounts tab, the Mounts page, and editing a container's mounts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testDir } from './support/env';
import { freePort } from './support/ports';
import { expect, test } from './fixtures';
import { MountsPage } from './pages/mounts-page';

test.describe('Mounts', () => {
  test('the Mounts tab draws a bind mount and a volume; the Mounts page groups them by source', async ({
    page,
    wharf,
    docker,
  }) => {
    const host = join(testDir(), `bind-${docker.suffix}`);
    mkdirSync(host, { recursive: true });
    const volume = docker.volumeName('mnt');
    const name = docker.name('mounts');
    await docker.run(['volume', 'create', volume]);
    await docker.create(name, ['-v', `${host}:/host:ro`, '-v', `${volume}:/data`]);
    const id = (await docker.inspect(name)).Id as string;

    const mounts = new MountsPage(page, wharf);
    await mounts.open();
    await mounts.filter.fill(volume);
    await expect(mounts.group(`volume:${volume}`)).toContainText(name);
    await expect(mounts.groups).toHaveCount(1);

    await mounts.openContainerTab(id, 'mounts');
    const bind = mounts.mount('bind', '/host');
    await expect(bind).toContainText(host);
    await expect(bind).toContainText('read-only');
    const vol = mounts.mount('volume', '/data');
    await expect(vol).toContainText(volume);
    await expect(vol).toContainText('read-write');
  });

  test('editing mounts keeps the name, image, command, env and ports', async ({ page, wharf, docker }) => {
    const name = docker.name('edit');
    const volume = docker.volumeName('edit-vol');
    const port = await freePort();
    await docker.run(['volume', 'create', volume]);
    await docker.runDetached(name, ['-e', 'GREETING=hello', '-p', `127.0.0.1:${port}:80`]);
    const before = await docker.inspect(name);

    const mounts = new MountsPage(page, wharf);
    await mounts.signIn();
    await mounts.openContainerTab(before.Id as string, 'mounts');
    await page.getByRole('button', { name: 'Edit mounts…' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit the mounts of ${name}` });
    await dialog.getByRole('button', { name: 'Add mount' }).click();
    await dialog.getByRole('textbox', { name: 'Source of mount 1' }).fill(volume);
    await dialog.getByRole('textbox', { name: 'Container path of mount 1' }).fill('/added');
    await expect(dialog.locator('.command-lines')).toContainText(`source=${volume},target=/added`);
    await expect(dialog).toContainText('Lost');
    await dialog.getByRole('button', { name: 'Recreate with these mounts' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    await expect(mounts.mount('volume', '/added')).toContainText(volume);

    const after = await docker.inspect(name);
    expect(after.Id).not.toBe(before.Id);
    expect(after.Name).toBe(before.Name);
    expect(after.Config.Image).toBe(before.Config.Image);
    expect(after.Config.Cmd).toEqual(before.Config.Cmd);
    expect(after.Config.Env).toEqual(before.Config.Env);
    expect(after.HostConfig.PortBindings).toEqual(before.HostConfig.PortBindings);
    expect(after.State.Status).toBe('running');
    expect(
      (after.Mounts as { Name?: string; Destination: string }[]).map((m) => [m.Name, m.Destination]),
    ).toContainEqual([volume, '/added']);
    await expect(page).toHaveURL(new RegExp(`#/containers/${after.Id as string}/mounts$`));
  });
});
