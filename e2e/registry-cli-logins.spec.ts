// Logins shared with the docker CLI and Podman, in the Registries dialog: a
// `docker login` made with the real CLI (its own config folder) and a Podman
// auth file are listed with where they come from, in English and Korean, both
// themes, axe-clean; a Wharf login saved for the CLI is written to config.json.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasRegistryTools, startTestRegistry, type TestRegistry } from '../runtime/test-support/test-registry';
import { RegistryActions } from './pages/images-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { dockerEndpoint, testDir } from './support/env';
import { screenshot } from './support/screenshots';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

const auth = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

test.describe('Registries: logins from the docker CLI and Podman', () => {
  test.skip(!hasRegistryTools(), 'docker-registry and htpasswd are not installed');
  let registry: TestRegistry;
  let server: WharfServer;
  let dir: string;
  let configDir: string;

  test.beforeAll(async () => {
    registry = await startTestRegistry();
    dir = mkdtempSync(join(testDir(), 'cli-logins-'));
    configDir = join(dir, 'docker');
    // Only docker on PATH, so `docker login` writes config.json instead of picking an installed credential helper.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim(), join(bin, 'docker'));
    await new Promise<void>((resolve, reject) => {
      const child = execFile(
        'docker',
        ['--config', configDir, 'login', '-u', registry.username, '--password-stdin', registry.host],
        { env: { PATH: bin, HOME: dir, DOCKER_HOST: dockerEndpoint() } },
        (error, _out, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()),
      );
      child.stdin?.end(registry.password);
    });
    const podmanFile = join(dir, 'podman-auth.json');
    writeFileSync(podmanFile, JSON.stringify({ auths: { 'quay.io': { auth: auth('podman-user', 'unused') } } }));
    server = await startWharf({
      engine: dockerEndpoint(),
      env: { ...process.env, DOCKER_CONFIG: configDir, REGISTRY_AUTH_FILE: podmanFile },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const TEXT = {
    en: { cli: (user: string) => `${user} · from the docker CLI (config.json)`, podman: 'podman-user · from Podman' },
    ko: {
      cli: (user: string) => `${user} · docker CLI에서 가져옴 (config.json)`,
      podman: 'podman-user · Podman에서 가져옴',
    },
  } as const;

  for (const { language, theme } of [
    { language: 'en', theme: 'light' },
    { language: 'ko', theme: 'dark' },
  ] as const) {
    test(`lists them with their source, in ${language}, ${theme}`, async ({ page, imagesPage }) => {
      const settings = new SettingsPage(page, server);
      await settings.open();
      await settings.chooseLanguage(language);
      await settings.chooseTheme(theme);
      await page.goto(`${server.origin}/#/images`);
      await page.getByRole('button', { name: language === 'en' ? 'Registries…' : '레지스트리…' }).click();
      const dialog = page.getByRole('dialog', { name: language === 'en' ? 'Registries' : '레지스트리' });
      const actions = new RegistryActions(imagesPage);
      const cliRow = actions.savedLogin(dialog, registry.host);
      await expect(cliRow).toContainText(TEXT[language].cli(registry.username));
      await expect(cliRow).toContainText(`docker logout ${registry.host}`);
      await expect(cliRow.getByRole('button')).toHaveCount(0);
      await expect(actions.savedLogin(dialog, 'quay.io')).toContainText(TEXT[language].podman);
      await expect(dialog.getByRole('checkbox')).not.toBeChecked();
      await expect(dialog.getByTestId('registry-tool-files')).toContainText(join(configDir, 'config.json'));
      await expectNoAxeViolations(page, `registries with CLI logins, ${language}, ${theme}`);
      await screenshot(page, `registries-cli-logins-${language}-${theme}`);
    });
  }

  test('a Wharf login saved for the CLI goes to config.json; logging out of Wharf leaves the CLI its own', async ({
    page,
    imagesPage,
  }) => {
    const settings = new SettingsPage(page, server);
    await settings.open();
    await settings.chooseLanguage('en');
    await page.goto(`${server.origin}/#/images`);
    const actions = new RegistryActions(imagesPage);
    const dialog = await actions.openRegistries();
    const before = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ ...before, auths: {}, detachKeys: 'ctrl-x' }));
    await expect(dialog.getByRole('checkbox', { name: /Save for the docker CLI too/ })).not.toBeChecked();
    await dialog.getByRole('checkbox', { name: /Save for the docker CLI too/ }).check();
    await actions.login(dialog, registry.host, registry.username, registry.password);
    await expect(dialog.getByRole('status')).toContainText(
      `Logged in to ${registry.host} as ${registry.username}. Saved for the docker CLI in ${join(configDir, 'config.json')}.`,
    );
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'))).toMatchObject({
      detachKeys: 'ctrl-x',
      auths: { [registry.host]: { auth: auth(registry.username, registry.password) } },
    });
    // Listed as Wharf's own now; logging out of Wharf shows the CLI's again.
    await dialog.getByRole('button', { name: `Log out of ${registry.host}` }).click();
    await expect(actions.savedLogin(dialog, registry.host)).toContainText('from the docker CLI (config.json)');
  });

  test('a broken config.json is reported in plain words and left as it is', async ({ page, imagesPage }) => {
    const file = join(configDir, 'config.json');
    const kept = readFileSync(file, 'utf8');
    writeFileSync(file, '{ "auths": ');
    try {
      const settings = new SettingsPage(page, server);
      await settings.open();
      await settings.chooseLanguage('en');
      await page.goto(`${server.origin}/#/images`);
      const actions = new RegistryActions(imagesPage);
      const dialog = await actions.openRegistries();
      await expect(dialog.getByRole('list', { name: 'Logins that could not be read' })).toContainText(
        `${file} is not valid JSON; its logins are not used.`,
      );
      await expect(actions.savedLogin(dialog, registry.host)).toHaveCount(0);
      await expect(actions.savedLogin(dialog, 'quay.io')).toContainText('from Podman');
      await expectNoAxeViolations(page, 'registries with a broken config.json');
      expect(readFileSync(file, 'utf8')).toBe('{ "auths": ');
    } finally {
      writeFileSync(file, kept);
    }
  });
});
