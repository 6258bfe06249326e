// The desktop app's habits, in the built app: a wharf:// link given at launch
// opens its page, a second launch hands its link to the running app and quits,
// a hostile link opens nothing, and the window opens where it was left.
// Skips, saying why, where Electron's binary is missing.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { dockerEndpoint, testDir } from './support/env';

const binary = findElectronBinary();
const MAIN = resolve('dist/electron/main.cjs');
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

test.describe('Electron shell: links and the window', () => {
  test.skip(!binary.found, `Electron binary not installed: ${binary.found ? '' : binary.reason}`);
  test.skip(noDisplay, 'No display to open a window on: run under xvfb-run (DISPLAY and WAYLAND_DISPLAY are unset)');

  let dataDir: string;
  const env = () => ({ ...process.env, WHARF_ENGINE: dockerEndpoint(), WHARF_DATA_DIR: dataDir, DOCKER_HOST: '' });
  const launch = (...extra: string[]): Promise<ElectronApplication> =>
    electron.launch({
      executablePath: binary.found ? binary.path : '',
      args: [...sandboxArgs, MAIN, ...extra],
      env: env(),
    });

  /** A second launch, as the system starts it for a clicked link: it must hand the link over and quit. */
  const secondLaunch = (link: string): Promise<number | null> =>
    new Promise((done, fail) => {
      const child = spawn(binary.found ? binary.path : '', [...sandboxArgs, MAIN, link], {
        env: env(),
        stdio: 'ignore',
      });
      child.once('error', fail);
      child.once('exit', (code) => done(code));
    });

  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(testDir(), 'electron-links-'));
  });

  test('opens the page a link names, at launch and from a second launch', async () => {
    const app = await launch('wharf://volumes');
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/#\/volumes$/);

      expect(await secondLaunch('wharf://containers/web-1')).toBe(0);
      await expect(page).toHaveURL(/#\/containers\/web-1$/);

      expect(await secondLaunch('wharf://images/ghcr.io/acme/api:2')).toBe(0);
      await expect(page).toHaveURL(/#\/images\/ghcr\.io%2Facme%2Fapi%3A2$/);

      // Refused links open nothing: every address the page goes to from here on is recorded, and only the good
      // link sent after them (handled in order) shows up.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        window.addEventListener('hashchange', () => seen.push(window.location.hash));
      });
      expect(await secondLaunch('wharf://containers/..%2Fsettings')).toBe(0);
      expect(await secondLaunch('wharf://settings')).toBe(0);
      expect(await secondLaunch('javascript:alert(1)')).toBe(0);
      expect(await secondLaunch('wharf://volumes')).toBe(0);
      await expect(page).toHaveURL(/#\/volumes$/);
      expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['#/volumes']);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('opens the window where it was left', async () => {
    const bounds = { x: 60, y: 50, width: 940, height: 640 };
    let app = await launch();
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]!.setBounds(b), bounds);
    await app.close();

    app = await launch();
    try {
      await app.firstWindow();
      const restored = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
      expect(restored).toEqual(bounds);
    } finally {
      await app.close();
    }
  });
});
