// The foundation's flow against the engine inside Wharf's own VM, reached
// through the socket the QEMU driver forwards: list, stop, start, and a shell
// in a container. scripts/test.ts boots the VM and runs this file with
// WHARF_TEST_DOCKER (and WHARF_TEST_VM) set to the forwarded socket.
import { TerminalPage } from './pages/terminal-page';
import { expect, test } from './fixtures';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

test.describe('Engine VM', () => {
  test.beforeAll(() => {
    if (!process.env.WHARF_TEST_VM) throw new Error('WHARF_TEST_VM is not set: run this with `npm test -- --only vm`.');
  });

  test('the engine answering is the one in the VM', async ({ docker }) => {
    expect(docker.endpoint).toBe(process.env.WHARF_TEST_VM);
    const info = JSON.parse(await docker.run(['info', '--format', '{{json .}}'])) as { Name: string; OperatingSystem: string };
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

  test('a shell in a container in the VM answers', async ({ page, wharf, shell, docker }) => {
    const name = docker.name('vm-term');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.useDomRenderer();
    await shell.signIn();
    await terminal.openTab(name);
    await expect(terminal.command).toHaveText(`$docker exec -it ${name} sh`);
    await terminal.run(name, 'echo vm-$((6*7)) && uname -n');
    await terminal.expectLine(name, 'vm-42', 30_000);
  });
});
