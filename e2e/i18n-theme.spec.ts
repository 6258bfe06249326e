// Language and theme, and full-page screenshots of every page in English and
// Korean, light and dark, for a person to look at (e2e/screenshots/).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Route } from './pages/app-shell';
import { ContainersPage } from './pages/containers-page';
import { SettingsPage } from './pages/settings-page';
import { DockerCli, HTTPD } from './support/docker-cli';
import { dockerEndpoint, testDir } from './support/env';
import { screenshot } from './support/screenshots';
import { startWharf, type WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

test.describe('Language and theme', () => {
  test('한국어 in Settings translates the navigation and sets <html lang>', async ({ settingsPage, page }) => {
    await settingsPage.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await settingsPage.chooseLanguage('ko');
    for (const route of ['containers', 'images', 'volumes'] as const) {
      await expect(settingsPage.navLink(route, 'ko')).toBeVisible();
    }
    await expect(settingsPage.navLink('containers', 'en')).toHaveCount(0);

    await test.step('the choice survives a reload', async () => {
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
      await expect(settingsPage.navLink('containers', 'ko')).toBeVisible();
    });
  });

  test('Theme sets <html data-theme> and the page’s colours', async ({ settingsPage, page }) => {
    await settingsPage.open();
    // The first painted background behind the main content.
    const background = async () =>
      luminance(
        await page.evaluate(() => {
          for (let el: Element | null = document.querySelector('main'); el; el = el.parentElement) {
            const color = getComputedStyle(el).backgroundColor;
            if (!/^rgba\(.*, 0\)$|^transparent$/.test(color)) return color;
          }
          return getComputedStyle(document.documentElement).backgroundColor;
        }),
      );
    await settingsPage.chooseTheme('dark');
    const dark = await background();
    await settingsPage.chooseTheme('light');
    const light = await background();
    expect(light, 'a light theme is lighter than the dark one').toBeGreaterThan(dark);

    await test.step('system follows the browser', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await settingsPage.chooseTheme('system');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    });
  });
});

test.describe('Screenshots', () => {
  const combos = [
    { language: 'en', theme: 'light' },
    { language: 'en', theme: 'dark' },
    { language: 'ko', theme: 'light' },
    { language: 'ko', theme: 'dark' },
  ] as const;

  // A few containers in each state and a volume, made once for all four combinations.
  const docker = new DockerCli(dockerEndpoint());
  const names = {
    running: docker.name('shot-web'),
    exited: docker.name('shot-job'),
    created: docker.name('shot-new'),
    paused: docker.name('shot-paused'),
  };
  const volume = docker.volumeName('shot-data');
  let broken: WharfServer | undefined;

  test.beforeAll(async () => {
    await docker.runDetached(names.running, ['-p', '127.0.0.1::80', '-v', `${volume}:/data`], HTTPD);
    await docker.runDetached(names.exited, [], ['true']);
    await docker.create(names.created);
    await docker.runDetached(names.paused);
    await docker.run(['pause', names.paused]);
    const socket = join(testDir(), `nothing-here-${randomBytes(3).toString('hex')}.sock`);
    broken = await startWharf({ engine: `unix://${socket}` });
  });

  test.afterAll(async () => {
    await broken?.stop();
    await docker.cleanup();
  });

  for (const { language, theme } of combos) {
    test(`every page in ${language}, ${theme}`, async ({ page, wharf }) => {
      await setUp(page, wharf, language, theme);
      const containers = new ContainersPage(page, wharf);
      await containers.goTo('containers', language);
      for (const [state, name] of Object.entries(names)) await containers.expectState(name, state);
      await shoot(page, 'containers', language, theme);

      await containers.goTo('images', language);
      await expect(page.locator('tr[data-testid="image-row"]').first()).toBeVisible();
      await shoot(page, 'images', language, theme);

      await containers.goTo('volumes', language);
      await expect(page.locator(`tr[data-testid="volume-row"][data-name="${volume}"]`)).toBeVisible();
      await shoot(page, 'volumes', language, theme);

      await containers.goTo('settings', language);
      await expect(page.getByRole('combobox').first()).toBeVisible();
      await shoot(page, 'settings', language, theme);
    });

    test(`the engine error state in ${language}, ${theme}`, async ({ page }) => {
      if (broken === undefined) throw new Error('the server with no engine did not start');
      await setUp(page, broken, language, theme);
      const shell = new ContainersPage(page, broken);
      await shell.goTo('containers', language);
      await shell.expectPhase('error');
      await shoot(page, 'error', language, theme);
    });
  }
});

/** Relative luminance (0–1) of a computed CSS colour such as "rgb(18, 18, 18)". */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Signs in and chooses theme, then language (the Settings labels change with it). */
async function setUp(page: Page, server: WharfServer, language: 'en' | 'ko', theme: 'light' | 'dark') {
  const settings = new SettingsPage(page, server);
  await settings.open();
  await settings.chooseTheme(theme);
  if (language !== 'en') await settings.chooseLanguage(language);
  await expect(settings.navLink('containers', language)).toBeVisible();
}

async function shoot(page: Page, name: Route | 'error', language: string, theme: string) {
  await screenshot(page, `${name}-${language}-${theme}`);
}
