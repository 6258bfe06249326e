// The engine switcher against both test engines: docker contexts made with
// the real docker CLI and a Podman connection made with real Podman, listed
// with their endpoints and answers; switching changes the containers shown.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContainersPage } from './pages/containers-page';
import { EngineSwitcher } from './pages/engine-switcher';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { screenshot } from './support/screenshots';
import { DockerCli } from './support/docker-cli';
import { dockerEndpoint, podmanEndpoint, testDir } from './support/env';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const run = promisify(execFile);

test.describe('Engine switcher', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let server: WharfServer | undefined;
  const docker = new DockerCli(dockerEndpoint());
  const podman = new DockerCli(podmanEndpoint());

  test.beforeEach(async () => {
    folder = join(testDir(), `contexts-${docker.suffix}-${Date.now()}`);
    await mkdir(join(folder, 'containers'), { recursive: true });
    await writeFile(join(folder, 'containers', 'containers.conf'), '');
    const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, CONTAINER_CONNECTION: _connection, ...rest } = process.env;
    env = {
      ...rest,
      DOCKER_CONFIG: join(folder, 'docker'),
      // Podman as root writes CONTAINERS_CONF (else /etc/containers); as a user, XDG_CONFIG_HOME.
      CONTAINERS_CONF: join(folder, 'containers', 'containers.conf'),
      XDG_CONFIG_HOME: folder,
      PODMAN_CONNECTIONS_CONF: join(folder, 'containers', 'podman-connections.json'),
      REGISTRY_AUTH_FILE: join(folder, 'podman-auth.json'),
    };
    const cli = (program: string, ...args: string[]) => run(program, args, { env });
    await cli(
      'docker',
      '--config',
      env.DOCKER_CONFIG!,
      'context',
      'create',
      'e2e-docker',
      '--docker',
      `host=${dockerEndpoint()}`,
    );
    await cli(
      'docker',
      '--config',
      env.DOCKER_CONFIG!,
      'context',
      'create',
      'e2e-gone',
      '--docker',
      `host=unix://${folder}/none.sock`,
    );
    // Plain tcp:// to another machine (a documentation address nothing answers at).
    await cli(
      'docker',
      '--config',
      env.DOCKER_CONFIG!,
      'context',
      'create',
      'e2e-plain',
      '--docker',
      'host=tcp://192.0.2.10:2375',
    );
    await cli('podman', 'system', 'connection', 'add', 'e2e-podman', podmanEndpoint());
    await cli('podman', 'system', 'connection', 'add', 'e2e-other', `unix://${folder}/none.sock`);
    await cli('podman', 'system', 'connection', 'default', 'e2e-other');
  });

  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    await docker.cleanup();
    await podman.cleanup();
  });

  test('lists every context and connection, switches to Podman, and remembers it', async ({ page }) => {
    const onDocker = docker.name('ctx-docker');
    const onPodman = podman.name('ctx-podman');
    await docker.create(onDocker);
    await podman.create(onPodman);
    server = await startWharf({ engine: dockerEndpoint(), env });
    const containers = new ContainersPage(page, server);
    const switcher = new EngineSwitcher(page);
    await containers.open();
    await expect(containers.row(onDocker)).toBeVisible();
    await expect(containers.engineStatus).toContainText('Docker');

    await switcher.open();
    const dockerRow = switcher.row('docker-context', 'e2e-docker');
    await expect(dockerRow).toContainText(dockerEndpoint());
    await expect(dockerRow).toContainText('Answers');
    await expect(dockerRow).toHaveAttribute('aria-current', 'true');
    await expect(switcher.row('docker-context', 'e2e-gone')).toContainText('No answer');
    await expect(switcher.row('docker-context', 'default')).toContainText('CLI default');
    const podmanRow = switcher.row('podman-connection', 'e2e-podman');
    await expect(podmanRow).toContainText(podmanEndpoint());
    await expect(podmanRow).toContainText('Answers');
    await expect(switcher.row('podman-connection', 'e2e-other')).toContainText('CLI default');
    await expect(switcher.footer.getByTestId('view-command')).toContainText('docker context use e2e-docker');
    await expectNoAxeViolations(page, 'engine switcher (light)', '.engine-popover');

    await test.step('switch to the Podman connection', async () => {
      await switcher.useButton('podman-connection', 'e2e-podman').click();
      await expect(podmanRow).toHaveAttribute('aria-current', 'true');
      await expect(dockerRow).not.toHaveAttribute('aria-current', 'true');
      await expect(containers.engineStatus).toContainText('Podman');
      await expect(containers.row(onPodman)).toBeVisible();
      await expect(containers.row(onDocker)).toHaveCount(0);
      await expect(page.getByTestId('engine-context')).toHaveText('e2e-podman');
    });

    await test.step("the CLI's command is shown, and its default changes only when asked", async () => {
      await expect(switcher.footer.getByTestId('view-command')).toContainText(
        'podman system connection default e2e-podman',
      );
      await expect(switcher.footer).toContainText("Your terminal's docker and podman are not changed");
      expect(await defaultConnection()).toBe('e2e-other');
      await switcher.footer.getByRole('button', { name: "Also make it the CLI's default" }).click();
      await expect(switcher.footer.getByRole('status')).toHaveText('podman now uses "e2e-podman" by default too.');
      expect(await defaultConnection()).toBe('e2e-podman');
    });

    await test.step('Escape closes it and gives the focus back to the indicator', async () => {
      await page.keyboard.press('Escape');
      await expect(switcher.dialog).toBeHidden();
      await expect(switcher.trigger).toBeFocused();
    });

    await test.step('a restarted Wharf connects to the remembered choice', async () => {
      const dataDir = server!.dataDir;
      await server!.stop();
      server = await startWharf({ env, dataDir });
      const again = new ContainersPage(page, server);
      await again.open();
      await expect(again.engineStatus).toContainText('Podman');
      await expect(page.getByTestId('engine-context')).toHaveText('e2e-podman');
      await expect(again.row(onPodman)).toBeVisible();
    });
  });

  test('reads well by keyboard, in Korean and in the dark theme', async ({ page }) => {
    server = await startWharf({ engine: dockerEndpoint(), env });
    const settings = new SettingsPage(page, server);
    await settings.open();
    await settings.chooseTheme('dark');
    await settings.chooseLanguage('ko');
    const trigger = page.getByTestId('engine-switch');
    await trigger.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '엔진: docker 컨텍스트와 Podman 연결' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'docker 컨텍스트' })).toContainText('e2e-docker');
    await dialog.getByText('컨텍스트(context)와 연결(connection)이란?').click();
    await expect(dialog).toContainText('docker 컨텍스트는 엔진에 붙인 이름입니다.');
    await expect(dialog.getByRole('button', { name: 'Podman 연결 e2e-podman 사용' })).toBeEnabled();
    await expectNoAxeViolations(page, 'engine switcher (Korean, dark)', '.engine-popover');
    await screenshot(page, 'engine-switcher-ko-dark');
  });

  test('an unencrypted remote context is not contacted, and switching to it asks first', async ({ page }) => {
    server = await startWharf({ engine: dockerEndpoint(), env });
    const containers = new ContainersPage(page, server);
    const switcher = new EngineSwitcher(page);
    await containers.open();
    await switcher.open();
    const plain = switcher.row('docker-context', 'e2e-plain');
    await expect(plain).toContainText('tcp://192.0.2.10:2375');
    await expect(plain).toContainText('Unencrypted');
    await switcher.useButton('docker-context', 'e2e-plain').click();
    const warning = switcher.dialog.getByTestId('insecure-warning');
    await expect(warning).toContainText('192.0.2.10');
    await expectNoAxeViolations(page, 'engine switcher, unencrypted warning', '.engine-popover');
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await expect(warning).toBeHidden();
    await expect(switcher.row('docker-context', 'e2e-docker')).toHaveAttribute('aria-current', 'true');
    await expect(containers.engineStatus).toHaveAttribute('data-phase', 'connected');
    await expect(containers.engineStatus).toContainText('Docker');
  });

  async function defaultConnection(): Promise<string | undefined> {
    const { stdout } = await run('podman', ['system', 'connection', 'list', '--format', 'json'], { env });
    return (JSON.parse(stdout) as { Name: string; Default: boolean }[]).find((c) => c.Default)?.Name;
  }
});
