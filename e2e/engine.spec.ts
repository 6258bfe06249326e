// The engine status: which engine Wharf talks to, a Podman engine as well as
// Docker, an engine that goes away and comes back, and one that is not there.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from '../runtime/engine/embedded';
import { buildBusyboxImage } from '../scripts/test-support/busybox-image';
import { ContainersPage } from './pages/containers-page';
import { SettingsPage } from './pages/settings-page';
import { DockerCli } from './support/docker-cli';
import { podmanEndpoint, testDir, testImage } from './support/env';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

test.describe('Engine status', () => {
  test('names Docker, its version and API 1.41, and the endpoint', async ({ shell, docker }) => {
    const { version, apiVersion } = await docker.serverVersion();
    expect(apiVersion).toBe('1.41');
    await shell.signIn();
    await shell.expectPhase('connected');
    await expect(shell.engineStatus).toContainText('Docker');
    await expect(shell.engineStatus).toContainText(version);
    await expect(shell.engineStatus).toContainText('API 1.41');
    await expect(shell.engineStatus).toContainText(new URL(docker.endpoint).pathname);
  });

  test('a second Wharf pointed at Podman shows Podman and its containers', async ({ page }) => {
    const podman = new DockerCli(podmanEndpoint());
    const server = await startWharf({ engine: podmanEndpoint() });
    try {
      const name = podman.name('podman');
      await podman.create(name);
      const { version } = await podman.serverVersion();
      const containers = new ContainersPage(page, server);
      await containers.open();
      await expect(containers.engineStatus).toContainText('Podman');
      await expect(containers.engineStatus).toContainText(version);
      await expect(containers.row(name)).toHaveAttribute('data-state', 'created');
      await expect(async () => {
        const [shown, truth] = await Promise.all([containers.shown(), podman.ps()]);
        expect(shown.sort(byName)).toEqual(truth.sort(byName));
      }).toPass({ timeout: 10_000 });
    } finally {
      await server.stop();
      await podman.cleanup();
    }
  });

  test('an engine that restarts is reconnected, without a reload or a restart of Wharf', async ({ page }) => {
    test.setTimeout(150_000);
    const dir = join(testDir(), `podman-${randomBytes(3).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    let engine: EmbeddedEngineHandle | undefined;
    let server: WharfServer | undefined;
    try {
      engine = await test.step('start a private Podman with the test image', async () => {
        const started = await startEmbeddedEngine({ kind: 'podman', dir });
        await buildBusyboxImage(started.endpoint);
        return started;
      });
      const cli = new DockerCli(engine.endpoint);
      const before = cli.name('before');
      const during = cli.name('during');
      await cli.create(before);
      server = await startWharf({ engine: engine.endpoint });

      const containers = new ContainersPage(page, server);
      await containers.open();
      await expect(containers.row(before)).toBeVisible();
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });

      const running = engine;
      await test.step('stop the engine', () => running.stop());
      await containers.expectPhase('reconnecting');

      await test.step('create a container while the engine is down', () => podmanCreate(dir, during));

      engine = await test.step('start the engine again', () => startEmbeddedEngine({ kind: 'podman', dir }));
      await containers.expectPhase('connected', 30_000);
      await expect(containers.row(during)).toHaveAttribute('data-state', 'created');
      await expect(containers.row(before)).toBeVisible();
      expect(navigations, 'the page did not reload').toBe(0);
    } finally {
      await server?.stop();
      await engine?.stop();
    }
  });

  test('an engine address where nothing listens shows the error in plain words', async ({ page }) => {
    const socket = join(testDir(), `nothing-here-${randomBytes(3).toString('hex')}.sock`);
    const server = await startWharf({ engine: `unix://${socket}` });
    try {
      const shell = new ContainersPage(page, server);
      await shell.signIn();
      await shell.expectPhase('error');
      const message = page.getByRole('alert').or(shell.engineStatus).filter({ hasText: socket }).first();
      await expect(message).toBeVisible();
      // The list says why it is missing and where to fix it, rather than waiting forever.
      const unavailable = page.getByTestId('list-unavailable');
      await expect(unavailable).toContainText('not available');
      await expect(unavailable).toContainText(socket);
      await expect(unavailable.getByRole('link', { name: 'Open Settings' })).toHaveAttribute('href', '#/settings');
      await expect(page.getByText('Waiting for the engine')).toHaveCount(0);
      // Plain words: no stack trace or bare system error code.
      await expect(page.locator('body')).not.toContainText(/\n\s+at |\bENOENT\b|ECONNREFUSED|\[object Object\]/);
    } finally {
      await server.stop();
    }
  });
});

// 192.0.2.10 is TEST-NET-1: these tests must never send it anything, and the
// runtime refuses before dialling, so nothing leaves this computer.
const REMOTE = 'tcp://192.0.2.10:2375';

test.describe('Unencrypted engines on other machines', () => {
  test('plain tcp:// to another machine shows the risk and connects to nothing until accepted', async ({
    settingsPage,
    wharf,
    docker,
  }) => {
    await settingsPage.open();
    await settingsPage.expectPhase('connected');
    await settingsPage.watchPhases();
    await settingsPage.connectTo(REMOTE);

    const warning = settingsPage.insecureWarning;
    await expect(warning).toBeVisible();
    await expect(warning).toHaveAttribute('role', 'alert');
    await expect(warning).toContainText('This connection is not protected');
    await expect(warning).toContainText(REMOTE);
    await expect(warning).toContainText('Anyone on the network between this computer and 192.0.2.10');
    await expect(warning).toContainText('take full control of the engine');
    await expect(warning.getByRole('button', { name: 'Connect anyway' })).toBeEnabled();

    await test.step('nothing changed: the same engine, never left, and no choice saved', async () => {
      await expect(settingsPage.engineStatus).toHaveAttribute('data-phase', 'connected');
      await expect(settingsPage.engineStatus).toContainText(new URL(docker.endpoint).pathname);
      expect(await settingsPage.phasesSeen()).toEqual(['connected']);
      const saved = await readFile(join(wharf.dataDir, 'settings.json'), 'utf8').catch(() => '');
      expect(saved).not.toContain('192.0.2.10');
    });

    await test.step('Cancel puts the warning away', async () => {
      await warning.getByRole('button', { name: 'Cancel' }).click();
      await expect(warning).toHaveCount(0);
      expect(await settingsPage.phasesSeen()).toEqual(['connected']);
    });
  });

  test('an unencrypted engine given at start is refused, and Settings offers to connect anyway (한국어)', async ({
    page,
  }) => {
    const server = await startWharf({ engine: REMOTE });
    try {
      const settings = new SettingsPage(page, server);
      await settings.open();
      await settings.expectPhase('error');
      await expect(
        settings.engineStatus.or(page.getByRole('alert')).filter({ hasText: 'not encrypted' }).first(),
      ).toBeVisible();
      await expect(settings.insecureWarning).toContainText(REMOTE);
      await settings.chooseLanguage('ko');
      await expect(settings.insecureWarning).toContainText('이 연결은 보호되지 않습니다');
      await expect(settings.insecureWarning.getByRole('button', { name: '그래도 연결' })).toBeEnabled();
      expect(server.output()).not.toMatch(/connected to/);
    } finally {
      await server.stop();
    }
  });
});

/** Podman's own CLI on the private engine's storage, with no service running. */
async function podmanCreate(dir: string, name: string): Promise<void> {
  await promisify(execFile)(
    'podman',
    ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), 'create', '--name', name, testImage(), 'sh'],
    { env: { ...process.env, CONTAINERS_CONF: join(dir, 'containers.conf') } },
  );
}
