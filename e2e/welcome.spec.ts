// First run with no engine: the welcome screen says so in plain words, and
// Wharf connects on its own, with no reload, once an engine appears where
// discovery looks (here Podman's rootless socket under XDG_RUNTIME_DIR).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from '../runtime/engine/embedded';
import { AppShell } from './pages/app-shell';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const SYSTEM_SOCKETS = ['/var/run/docker.sock', '/run/podman/podman.sock'];

test('with no engine, the welcome screen shows, and an engine that appears is connected on its own', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const present = SYSTEM_SOCKETS.filter((s) => existsSync(s));
  test.skip(
    present.length > 0,
    `this machine runs a system engine (${present.join(', ')}), so discovery always finds one`,
  );

  // Short paths: Podman refuses a run root longer than 50 characters.
  const root = await mkdtemp(join(tmpdir(), 'ww-'));
  const home = join(root, 'h');
  const xdg = join(root, 'x');
  await mkdir(home, { recursive: true });
  await mkdir(xdg, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: xdg };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_CERT_PATH;

  let server: WharfServer | undefined;
  let engine: EmbeddedEngineHandle | undefined;
  try {
    server = await startWharf({ env });
    const shell = new AppShell(page, server);
    await shell.signIn();
    await shell.expectPhase('no-engine');
    await expect(shell.welcomeHeading).toBeVisible();
    // It names what to install on this OS (Debian here).
    await expect(page.getByText(/apt-get install docker\.io/)).toBeVisible();

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });

    engine = await test.step('an engine appears at Podman’s rootless socket', () => startPodman(join(xdg, 'podman')));
    expect(engine.endpoint).toBe(`unix://${join(xdg, 'podman', 'podman.sock')}`);

    await shell.expectPhase('connected', 30_000);
    await expect(shell.engineStatus).toContainText('Podman');
    await expect(shell.welcomeHeading).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
    expect(navigations, 'the page was not reloaded').toEqual([]);
  } finally {
    await server?.stop();
    await engine?.stop();
    await rm(root, { recursive: true, force: true });
  }
});

/**
 * Podman's service now and then exits at once on a loaded machine (exit 125);
 * that is Podman's start, not what this test is about, so it gets one more
 * try, and a failure says what Podman logged.
 */
async function startPodman(dir: string): Promise<EmbeddedEngineHandle> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startEmbeddedEngine({ kind: 'podman', dir });
    } catch (error) {
      const status = (error as { status?: { logTail?: string[] } }).status;
      if (attempt >= 2) throw new Error(`${String(error)}\n${(status?.logTail ?? []).join('\n')}`);
    }
  }
}
