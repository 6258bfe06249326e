// Pull, push and logins against a real local registry (Debian's
// docker-registry with htpasswd on loopback): wrong credentials are refused in
// plain words; tag, push with progress, remove, pull back with progress; a
// pull cancelled midway leaves no image behind.
import { hasRegistryTools, startTestRegistry, type TestRegistry } from '../runtime/test-support/test-registry';
import { RegistryActions } from './pages/images-page';
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { startSlowProxy, type SlowProxy } from './support/slow-proxy';
import { expect, test } from './fixtures';

test.describe('Registries, pull and push', () => {
  test.skip(!hasRegistryTools(), 'docker-registry and htpasswd are not installed');
  let registry: TestRegistry;
  let proxy: SlowProxy;

  test.beforeAll(async () => {
    registry = await startTestRegistry();
    // 4 MB/s: a 48 MB layer takes about 12 s through it.
    proxy = await startSlowProxy(registry.host, 4 * 1024 * 1024);
  });
  test.afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  test('wrong credentials are refused in plain words; right ones are saved without the password; logout forgets them', async ({
    imagesPage,
  }) => {
    const actions = new RegistryActions(imagesPage);
    // Everything the runtime sends to the page, to show the password is never among it.
    const received: string[] = [];
    imagesPage.page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));
    await imagesPage.open();
    const dialog = await actions.openRegistries();
    await expect(dialog).toContainText('No saved logins.');
    await actions.login(dialog, registry.host, registry.username, 'not-the-password');
    await expect(dialog.getByRole('alert')).toContainText(
      `The registry ${registry.host} did not accept the user name and password.`,
    );
    await expect(actions.savedLogin(dialog, registry.host)).toHaveCount(0);
    await screenshot(imagesPage.page, 'registries-wrong-password');

    await actions.login(dialog, registry.host, registry.username, registry.password);
    await expect(actions.savedLogin(dialog, registry.host)).toContainText(registry.username);
    await expect(dialog.getByRole('status')).toContainText(`Logged in to ${registry.host} as ${registry.username}.`);
    await expect(dialog.getByLabel('Password', { exact: true })).toHaveValue('');
    expect(await imagesPage.page.content()).not.toContain(registry.password);
    // The saved login did come back over the wire (names only): the frames were seen, the password was not in them.
    expect(received.some((f) => f.includes(`"username":"${registry.username}"`))).toBe(true);
    expect(received.filter((f) => f.includes(registry.password))).toEqual([]);
    await expect(imagesPage.commandBar).toContainText(
      `docker login -u ${registry.username} --password-stdin ${registry.host}`,
    );
    await screenshot(imagesPage.page, 'registries-logged-in');

    await dialog.getByRole('button', { name: `Log out of ${registry.host}` }).click();
    await expect(actions.savedLogin(dialog, registry.host)).toHaveCount(0);
    await expect(imagesPage.commandBar).toContainText(`docker logout ${registry.host}`);
  });

  test('tag for the registry, push with progress, remove locally, pull back with per-layer progress', async ({
    imagesPage,
    docker,
  }) => {
    const actions = new RegistryActions(imagesPage);
    const local = docker.imageName('pushme');
    // 3 MB of its own: its transfer and extraction last long enough for the engine to report bytes
    // (it passes on only its latest progress, so a tiny layer's byte lines can all be skipped).
    const id = await docker.buildImage(
      local,
      `FROM ${testImage()}\nRUN echo pushed-${docker.suffix} > /stamp.txt && head -c 3000000 /dev/urandom > /blob.bin\n`,
    );
    const remote = `${registry.host}/e2e/pushme-${docker.suffix}:1`;
    docker.trackImage(remote);
    await imagesPage.open();

    await test.step('push without a login is refused in plain words', async () => {
      await imagesPage.tag(local, remote);
      await imagesPage.untag(local);
      const dialog = await actions.startPush(remote);
      await expect(dialog.getByRole('alert')).toContainText(`not logged in, or not allowed`);
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    const registries = await actions.openRegistries();
    await actions.login(registries, registry.host, registry.username, registry.password);
    await expect(actions.savedLogin(registries, registry.host)).toBeVisible();
    await registries.getByRole('button', { name: 'Close' }).click();

    await test.step('push with progress per layer and overall', async () => {
      const dialog = await actions.startPush(remote);
      await expect(dialog.getByTestId('push-login')).toContainText(`Using the saved login of ${registry.username}`);
      await expect(dialog.getByRole('status')).toContainText(`Pushed ${remote}.`, { timeout: 30_000 });
      await expect(actions.progress(dialog)).toHaveAttribute('data-phase', 'done');
      await expect(actions.layers(dialog).first()).toBeVisible();
      const layers = await actions.layers(dialog).count();
      await expect(dialog.getByTestId('transfer-overall')).toContainText(`${layers} of ${layers} layers done`);
      await expect(dialog.getByRole('progressbar', { name: 'Overall' })).toHaveAttribute('aria-valuenow', '100');
      await screenshot(imagesPage.page, 'images-push-done');
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    await test.step('remove it locally', async () => {
      const dialog = await imagesPage.openRemove(remote);
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(imagesPage.rowById(id)).toHaveCount(0);
      expect(await docker.hasImage(id)).toBe(false);
    });

    await test.step('pull it back: its own layer downloads with bytes shown, the rest already exist', async () => {
      const dialog = await actions.startPull(remote);
      await expect(dialog.getByRole('status')).toContainText(`Pulled ${remote}.`, { timeout: 30_000 });
      await expect(actions.layers(dialog).filter({ hasText: 'Pull complete' })).not.toHaveCount(0);
      await expect(actions.layers(dialog).filter({ hasText: /\d+(\.\d+)? (B|kB|KB|MB) \/ / })).not.toHaveCount(0);
      await expect(imagesPage.commandBar).toContainText(`docker pull ${remote}`);
      await screenshot(imagesPage.page, 'images-pull-done');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(imagesPage.rowById(id)).toContainText(remote);
      expect((await docker.inspectImage(remote)).Id).toBe(id);
    });

    await test.step('a name the registry does not hold: said in plain words', async () => {
      const missing = `${registry.host}/e2e/nothing-here-${docker.suffix}:1`;
      const dialog = await actions.startPull(missing);
      await expect(dialog.getByRole('alert')).toContainText(`The registry has no image ${missing}.`);
      await screenshot(imagesPage.page, 'images-pull-not-found');
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    await test.step('a registry nobody listens on: said in plain words', async () => {
      const unreachable = '127.0.0.1:9/e2e/nowhere:1';
      const dialog = await actions.startPull(unreachable);
      await expect(dialog.getByRole('alert')).toContainText(`The registry for ${unreachable} cannot be reached.`, {
        timeout: 30_000,
      });
      expect(await docker.hasImage(unreachable)).toBe(false);
    });
  });

  test('cancelling a pull midway stops the engine: no image is left', async ({ imagesPage, docker }) => {
    test.setTimeout(180_000);
    const actions = new RegistryActions(imagesPage);
    const local = docker.imageName('big');
    // 48 MB of random bytes: nothing compresses it, so the pull moves every byte.
    await docker.buildImage(local, `FROM ${testImage()}\nRUN head -c 50331648 /dev/urandom > /big-${docker.suffix}\n`);
    const remote = `${registry.host}/e2e/big-${docker.suffix}:1`;
    const slow = `${proxy.host}/e2e/big-${docker.suffix}:1`;
    docker.trackImage(remote);
    docker.trackImage(slow);
    await imagesPage.open();
    await imagesPage.tag(local, remote);
    const registries = await actions.openRegistries();
    await actions.login(registries, registry.host, registry.username, registry.password);
    // The second login is typed while the first may still be on its way: the
    // fields wait for it, and what is typed next is not wiped by its answer.
    await actions.login(registries, proxy.host, registry.username, registry.password);
    await expect(actions.savedLogin(registries, registry.host)).toBeVisible();
    await expect(actions.savedLogin(registries, proxy.host)).toBeVisible();
    await registries.getByRole('button', { name: 'Close' }).click();

    await test.step('push the big image', async () => {
      await imagesPage.untag(local);
      const dialog = await actions.startPush(remote);
      await expect(dialog.getByRole('status')).toContainText(`Pushed ${remote}.`, { timeout: 120_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await imagesPage.untag(remote);
      expect(await docker.hasImage(remote)).toBe(false);
    });

    await test.step('pull it through the slow proxy and cancel once bytes arrive', async () => {
      const dialog = await actions.startPull(slow);
      const big = actions.layers(dialog).filter({ hasText: 'Downloading' });
      await expect(big).not.toHaveCount(0, { timeout: 30_000 });
      await expect(dialog.getByRole('progressbar', { name: 'Overall' })).not.toHaveAttribute('aria-valuenow', '0');
      await screenshot(imagesPage.page, 'images-pull-running');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(dialog.getByRole('status')).toContainText('Cancelled');
      // The engine hung up on the registry: the download really stopped.
      await expect.poll(() => proxy.open(), { timeout: 15_000 }).toBe(0);
      expect(await docker.hasImage(slow)).toBe(false);
      await screenshot(imagesPage.page, 'images-pull-cancelled');
    });
  });
});
