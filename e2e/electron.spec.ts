// The desktop shell: the built app launched as a user starts it, against the
// test Docker engine. Skips, saying why, where Electron's binary is missing.
import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { dockerEndpoint, testDir } from './support/env';

const binary = findElectronBinary();
const MAIN = resolve('dist/electron/main.cjs');
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe('Electron shell', () => {
  test.skip(!binary.found, `Electron binary not installed: ${binary.found ? '' : binary.reason}`);
  test.skip(noDisplay, 'No display to open a window on: run under xvfb-run (DISPLAY and WAYLAND_DISPLAY are unset)');

  let app: ElectronApplication;

  test.beforeAll(async () => {
    if (!binary.found || noDisplay) return;
    const dataDir = await mkdtemp(join(testDir(), 'electron-'));
    app = await electron.launch({
      executablePath: binary.path,
      // Chromium refuses to run as root with its OS sandbox (CI containers). What this spec checks (no Node in
      // the page, only window.wharf) comes from contextIsolation and the sandboxed preload, not the OS sandbox.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
      env: { ...process.env, WHARF_ENGINE: dockerEndpoint(), WHARF_DATA_DIR: dataDir, DOCKER_HOST: '' },
    });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('shows the Containers page with the engine connected', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/wharf\//);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
  });

  test('gives the page the transport and nothing of Node', async () => {
    const page = await app.firstWindow();
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const wharf = w.wharf as Record<string, unknown> | undefined;
      return {
        wharf: wharf ? Object.keys(wharf).sort() : null,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(seen).toEqual({
      wharf: ['onMessage', 'send'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('serves the page from app://wharf/ with the strict CSP and opens no windows', async () => {
    const page = await app.firstWindow();
    const shown = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL());
    expect(shown).toMatch(/^app:\/\/wharf\//);
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    // window.open is denied: no second window appears. (An app:// URL, so nothing is handed to the OS browser.)
    expect(await page.evaluate(() => window.open('app://wharf/index.html', '_blank'))).toBeNull();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
