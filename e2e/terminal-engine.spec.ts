// Terminals on a private Podman engine that this test starts, stops and
// starts again (the shared test engines are never restarted): a terminal
// whose engine went away says so and reconnects once it is back; attach and
// Detach on Podman, whose compatible API ignores detach keys, leave the
// container running.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from '../runtime/engine/embedded';
import { buildBusyboxImage } from '../scripts/test-support/busybox-image';
import { TerminalPage } from './pages/terminal-page';
import { DockerCli } from './support/docker-cli';
import { testDir } from './support/env';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

test('on Podman: a terminal reconnects after the engine restarts; attach and Detach leave the container running', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = join(testDir(), `podman-term-${randomBytes(3).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  let engine: EmbeddedEngineHandle | undefined;
  let server: WharfServer | undefined;
  let cli: DockerCli | undefined;
  try {
    engine = await test.step('start a private Podman with the test image', async () => {
      const started = await startEmbeddedEngine({ kind: 'podman', dir });
      await buildBusyboxImage(started.endpoint);
      return started;
    });
    cli = new DockerCli(engine.endpoint);
    const shellBox = cli.name('term-engine');
    const attachBox = cli.name('term-attach');
    await cli.runDetached(shellBox);
    await cli.runDetached(attachBox, ['-it'], ['sh']);
    server = await startWharf({ engine: engine.endpoint });
    const terminal = new TerminalPage(page, server);
    await terminal.useDomRenderer();
    await terminal.signIn();

    await test.step('attach, type, Detach: the container keeps running', async () => {
      await page.getByRole('link', { name: 'Terminals', exact: true }).click();
      await page.getByRole('button', { name: '+ New terminal' }).click();
      await page.getByLabel('Container').selectOption({ label: attachBox });
      await page.getByRole('radio', { name: 'Attach' }).check();
      await page.getByRole('button', { name: 'Attach', exact: true }).click();
      await expect(terminal.command).toHaveText(`$docker attach ${attachBox}`);
      // The hint does not offer Ctrl+P Ctrl+Q, which Podman would pass to the program.
      await expect(terminal.view).toContainText('Podman does not take Ctrl+P Ctrl+Q');
      await terminal.screenOf(attachBox).click();
      await page.keyboard.type('echo attached-$((6*7))');
      await page.keyboard.press('Enter');
      await expect(terminal.text(attachBox)).toContainText('attached-42');
      await terminal.view.getByRole('button', { name: 'Detach' }).click();
      await expect(terminal.banner).toContainText('Detached. The container keeps running.');
      expect(await cli!.state(attachBox)).toBe('running');
      await page.getByRole('button', { name: `Close ${attachBox} · attach` }).click();
    });

    await test.step('a shell answers', async () => {
      await terminal.openTab(shellBox);
      await terminal.run(shellBox, 'echo before-$((6*7))');
      await terminal.expectLine(shellBox, 'before-42');
    });

    const running = engine;
    await test.step('stop the engine: the terminal says the connection was lost', async () => {
      await running.stop();
      await expect(terminal.banner).toContainText('The connection to the engine was lost.');
    });

    engine = await test.step('start the engine again', () => startEmbeddedEngine({ kind: 'podman', dir }));
    await terminal.expectPhase('connected', 30_000);

    await test.step('Reconnect opens a new shell in the same container', async () => {
      expect(await cli!.state(shellBox)).toBe('running');
      await terminal.reconnect.click();
      await terminal.run(shellBox, 'echo after-$((6*7))');
      await expect(terminal.text(shellBox)).toContainText('after-42');
      // The screen from before the restart is still there, above the new session.
      await expect(terminal.text(shellBox)).toContainText('before-42');
    });
  } finally {
    await cli?.cleanup();
    await server?.stop();
    await engine?.stop();
  }
});
