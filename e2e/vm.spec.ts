// The foundation's flow against the engine inside Wharf's own VM, reached
// through the socket the QEMU driver forwards: list, stop, start, and a shell
// in a container. scripts/test.ts boots the VM and runs this file with
// WHARF_TEST_DOCKER (and WHARF_TEST_VM) set to the forwarded socket.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppShell } from './pages/app-shell';
import { TerminalPage } from './pages/terminal-page';
import { VmSettings } from './pages/vm-panel';
import { testDir } from './support/env';
import { screenshot } from './support/screenshots';
import { startWharf } from './support/wharf-server';
import { expect, test } from './fixtures';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

test.describe('Engine VM', () => {
  test.beforeAll(() => {
    if (!process.env.WHARF_TEST_VM) throw new Error('WHARF_TEST_VM is not set: run this with `npm test -- --only vm`.');
  });

  test('the engine answering is the one in the VM', async ({ docker }) => {
    expect(docker.endpoint).toBe(process.env.WHARF_TEST_VM);
    const info = JSON.parse(await docker.run(['info', '--format', '{{json .}}'])) as {
      Name: string;
      OperatingSystem: string;
    };
    expect(info.Name).toBe('wharf-vm');
    expect(info.OperatingSystem).toMatch(/Debian/);
  });

  test('lists, stops and starts containers in the VM', async ({ containersPage, docker }) => {
    const running = docker.name('vm-running');
    const exited = docker.name('vm-exited');
    await docker.runDetached(running);
    await docker.runDetached(exited, [], ['true']);
    await expect.poll(() => docker.state(exited), { timeout: 30_000 }).toBe('exited');
    await containersPage.open();
    await containersPage.expectState(running, 'running');
    await containersPage.expectState(exited, 'exited');
    await expect(async () => {
      const [shown, truth] = await Promise.all([containersPage.shown(), docker.ps()]);
      expect(shown.sort(byName)).toEqual(truth.sort(byName));
    }).toPass({ timeout: 20_000 });

    await containersPage.act(running, 'Stop');
    await expect.poll(() => docker.state(running), { timeout: 30_000 }).toBe('exited');
    await containersPage.expectState(running, 'exited', 30_000);
    await expect(containersPage.commandBar).toContainText(`docker stop ${running}`);
    await containersPage.act(running, 'Start');
    await expect.poll(() => docker.state(running), { timeout: 30_000 }).toBe('running');
    await containersPage.expectState(running, 'running', 30_000);
  });

  test('a shell in a container in the VM answers', async ({ page, wharf, docker }) => {
    const name = docker.name('vm-term');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    await expect(terminal.command).toHaveText(`$docker exec -it ${name} sh`);
    await terminal.run(name, 'echo vm-$((6*7)) && uname -n');
    await terminal.expectLine(name, 'vm-42', 30_000);
  });
});

test.describe('Engine VM, started by Wharf', () => {
  test('boots with its steps shown, can be cancelled while booting and started again, connects, refuses bad settings, and stops from Settings', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const image = process.env.WHARF_TEST_VM_IMAGE;
    if (!image) throw new Error('WHARF_TEST_VM_IMAGE is not set: run this with `npm test -- --only vm`.');
    const dataDir = join(testDir(), `vm-ui-${randomBytes(3).toString('hex')}`);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'vm-settings.json'),
      JSON.stringify({
        enabled: true,
        autoStart: true,
        cpus: 1,
        memoryMiB: 1024,
        diskGiB: 8,
        idleStopMinutes: 0,
        shares: [],
      }),
    );
    const server = await startWharf({ dataDir, env: { ...process.env, WHARF_VM_IMAGE: image } });
    try {
      const shell = new AppShell(page, server);
      await shell.signIn();
      // The welcome screen follows the start, step by step; Cancel ends it while it boots.
      const panel = page.getByTestId('vm-panel');
      await expect(panel).toHaveAttribute('data-phase', /preparing|booting/, { timeout: 60_000 });
      await expect(
        page.getByRole('banner').getByRole('button', { name: "Cancel the engine VM's start", exact: true }),
      ).toBeVisible();
      await screenshot(page, 'vm-welcome-booting');
      const pidFile = join(dataDir, 'vm', 'qemu', 'qemu.pid');
      await expect.poll(() => existsSync(pidFile), { timeout: 60_000 }).toBe(true);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await panel.getByRole('button', { name: 'Cancel the start', exact: true }).click();
      await expect(panel).toHaveAttribute('data-phase', 'stopped', { timeout: 30_000 });
      await expect(panel.getByTestId('vm-cancelled')).toContainText('The start was cancelled.');
      await expect(panel.getByRole('alert')).toHaveCount(0);
      await shell.expectPhase('vm');
      await expect(shell.commandBar).toContainText(/kill -TERM \d+/);
      expect(() => process.kill(pid, 0)).toThrow();
      expect(existsSync(pidFile)).toBe(false);
      expect(existsSync(join(dataDir, 'vm', 'qemu', 'docker.sock'))).toBe(false);
      await screenshot(page, 'vm-welcome-cancelled');
      // A later start goes all the way.
      await panel.getByRole('button', { name: 'Start the VM', exact: true }).click();
      await expect(panel).toHaveAttribute('data-phase', /preparing|booting|waiting-engine|running/);
      await expect(panel.getByTestId('vm-cancelled')).toHaveCount(0);
      await shell.expectPhase('connected', 300_000);
      const info = page.getByTestId('engine-status');
      await expect(info).toContainText(/Docker 20\./);

      await shell.goTo('settings');
      const vm = new VmSettings(page);
      await vm.expectPhase('running');
      await expect(vm.panel).toContainText('unix://');
      await expect(vm.usage).toContainText(/% of a CPU/, { timeout: 20_000 });

      // Bad input: a clear message, and nothing is sent.
      await vm.cpus.fill('two');
      await expect(vm.alert).toContainText('CPUs: use a whole number from 1 to 64.');
      await expect(vm.save).toBeDisabled();
      await vm.cpus.fill('1');
      // A disk cannot shrink: the runtime says so, and the setting stays.
      await vm.disk.fill('4');
      await vm.save.click();
      await expect(vm.alert).toContainText('can only grow');
      expect(JSON.parse(readFileSync(join(dataDir, 'vm-settings.json'), 'utf8')).diskGiB).toBe(8);

      await vm.stop.click();
      await vm.expectPhase('stopped', 90_000);
      await shell.expectPhase('vm');
      await expect(vm.start).toBeEnabled();
      expect(existsSync(join(dataDir, 'vm', 'qemu', 'docker.sock'))).toBe(false);
      await screenshot(page, 'vm-settings-stopped');
    } finally {
      await server.stop();
    }
  });
});
