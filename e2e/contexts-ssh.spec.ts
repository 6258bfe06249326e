// A Podman connection over ssh://, as `podman system connection add` writes it
// into containers.conf (with an identity file), chosen in the engine switcher:
// an SSH server in the test (ssh2's Server on 127.0.0.1, a generated host key
// in the test's known_hosts, one generated client key it accepts) forwards
// direct-streamlocal@openssh.com channels to the test Podman engine's socket.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestSshd, type TestSshd } from '../runtime/test-support/test-sshd';
import { ContainersPage } from './pages/containers-page';
import { EngineSwitcher } from './pages/engine-switcher';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { DockerCli } from './support/docker-cli';
import { screenshot } from './support/screenshots';
import { dockerEndpoint, podmanEndpoint, testDir } from './support/env';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

test.describe('Podman over ssh:// in the engine switcher', () => {
  let sshd: TestSshd;
  let port = 0;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let server: WharfServer | undefined;
  const podman = new DockerCli(podmanEndpoint());
  const socket = podmanEndpoint().replace(/^unix:\/\//, '');
  const gone = '/run/user/4242/podman/podman.sock';

  test.beforeAll(async () => {
    sshd = await startTestSshd();
    port = sshd.port;
  });
  test.afterAll(() => sshd.close());

  test.beforeEach(async () => {
    folder = join(testDir(), `contexts-ssh-${podman.suffix}-${Date.now()}`);
    await mkdir(join(folder, '.ssh'), { recursive: true });
    await mkdir(join(folder, 'containers'), { recursive: true });
    await writeFile(join(folder, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
    const identity = join(folder, '.ssh', 'id_podman');
    await writeFile(identity, sshd.userKey, { mode: 0o600 });
    const uri = (path: string) => `ssh://tester@127.0.0.1:${port}${path}`;
    // What `podman system connection add --identity` (Podman 4) writes.
    await writeFile(
      join(folder, 'containers', 'containers.conf'),
      [
        '[engine]',
        '  [engine.service_destinations]',
        '    [engine.service_destinations.e2e-ssh]',
        `      uri = "${uri(socket)}"`,
        `      identity = "${identity}"`,
        '    [engine.service_destinations.e2e-ssh-gone]',
        `      uri = "${uri(gone)}"`,
        `      identity = "${identity}"`,
        '',
      ].join('\n'),
    );
    const { DOCKER_HOST: _h, DOCKER_CONTEXT: _c, CONTAINER_CONNECTION: _n, SSH_AUTH_SOCK: _a, ...rest } = process.env;
    env = {
      ...rest,
      HOME: folder,
      DOCKER_CONFIG: join(folder, 'docker'),
      CONTAINERS_CONF: join(folder, 'containers', 'containers.conf'),
      XDG_CONFIG_HOME: folder,
      PODMAN_CONNECTIONS_CONF: join(folder, 'containers', 'podman-connections.json'),
      REGISTRY_AUTH_FILE: join(folder, 'podman-auth.json'),
    };
  });

  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    await podman.cleanup();
  });

  test('is listed with its key, answers, and Wharf switches to it', async ({ page }) => {
    const onPodman = podman.name('ssh-podman');
    await podman.create(onPodman);
    server = await startWharf({ engine: dockerEndpoint(), env });
    const containers = new ContainersPage(page, server);
    const switcher = new EngineSwitcher(page);
    await containers.open();
    await expect(containers.engineStatus).toContainText('Docker');

    await switcher.open();
    const row = switcher.row('podman-connection', 'e2e-ssh');
    await expect(row).toContainText(`ssh://tester@127.0.0.1:${port}${socket}`);
    await expect(row).toContainText(`Key: ${join(folder, '.ssh', 'id_podman')}`);
    await expect(row).toContainText('Answers');
    await expect(switcher.row('podman-connection', 'e2e-ssh-gone')).toContainText('No answer');
    await expectNoAxeViolations(page, 'engine switcher with ssh:// connections', '.engine-popover');

    await switcher.useButton('podman-connection', 'e2e-ssh').click();
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(containers.engineStatus).toContainText('Podman');
    await expect(page.getByTestId('engine-context')).toHaveText('e2e-ssh');
    await expect(containers.row(onPodman)).toBeVisible();
    await expect(switcher.footer.getByTestId('view-command')).toContainText('podman system connection default e2e-ssh');
    await expect(switcher.footer.getByTestId('once-command')).toContainText('podman --connection e2e-ssh ps');
    await screenshot(page, 'engine-switcher-ssh');
  });

  test('a socket missing on the far side is said plainly, in English and in Korean', async ({ page }) => {
    server = await startWharf({ engine: dockerEndpoint(), env });
    const containers = new ContainersPage(page, server);
    const switcher = new EngineSwitcher(page);
    await containers.open();
    await switcher.open();
    await switcher.useButton('podman-connection', 'e2e-ssh-gone').click();
    const alert = page.getByRole('alert').filter({ hasText: 'no Podman socket answers there' });
    await expect(alert).toContainText(`Wharf logged in to tester@127.0.0.1:${port}, but no Podman socket`);
    await expect(alert).toContainText(gone);
    await expect(alert).toContainText('systemctl --user enable --now podman.socket');

    const settings = new SettingsPage(page, server);
    await settings.open();
    await settings.chooseTheme('dark');
    await settings.chooseLanguage('ko');
    const korean = page.getByRole('alert').filter({ hasText: '응답하는 Podman 소켓이 없습니다' });
    await expect(korean).toContainText(`Wharf가 tester@127.0.0.1:${port}에 로그인했지만`);
    await expect(korean).toContainText(gone);
    await expectNoAxeViolations(page, 'ssh socket missing (Korean, dark)');
    await screenshot(page, 'engine-ssh-socket-missing-ko-dark');
  });
});
