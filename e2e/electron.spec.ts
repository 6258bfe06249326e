// The desktop shell: the built app launched as a user starts it, against the
// test Docker engine. Skips, saying why, where Electron's binary is missing.
import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { dockerEndpoint, testDir } from './support/env';

const APP_ENTRY = 'app://wharf/index.html';

const binary = findElectronBinary();
const MAIN = resolve('dist/electron/main.cjs');
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

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
      wharf: ['onMessage', 'saveDownload', 'send'],
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

  test('gives iframes no bridge: a srcdoc one and one on app://wharf/', async () => {
    const page = await app.firstWindow();
    const seen = await page.evaluate(async (entry) => {
      const add = (setup: (frame: HTMLIFrameElement) => void) =>
        new Promise<HTMLIFrameElement>((resolve) => {
          const frame = document.createElement('iframe');
          setup(frame);
          // A refused navigation may fire no load event: give up waiting after a while.
          const timer = setTimeout(() => resolve(frame), 3_000);
          frame.addEventListener(
            'load',
            () => {
              clearTimeout(timer);
              resolve(frame);
            },
            { once: true },
          );
          document.body.append(frame);
        });
      const look = (frame: HTMLIFrameElement) => {
        try {
          const w = frame.contentWindow as unknown as Record<string, unknown> | null;
          return { wharf: typeof w?.wharf, require: typeof w?.require, ipcRenderer: typeof w?.ipcRenderer };
        } catch {
          // A cross-origin document (an error page): nothing of ours can be in it either.
          return { wharf: 'undefined', require: 'undefined', ipcRenderer: 'undefined' };
        }
      };
      const srcdoc = await add((frame) => {
        frame.srcdoc = '<p>inside</p>';
      });
      const own = await add((frame) => {
        frame.src = entry;
      });
      const result = {
        srcdoc: look(srcdoc),
        own: look(own),
        parent: typeof (window as unknown as Record<string, unknown>).wharf,
      };
      srcdoc.remove();
      own.remove();
      return result;
    }, APP_ENTRY);
    const none = { wharf: 'undefined', require: 'undefined', ipcRenderer: 'undefined' };
    expect(seen).toEqual({ srcdoc: none, own: none, parent: 'object' });
  });

  test('refuses an iframe’s navigation in the main process, and the page stays where it is', async () => {
    const page = await app.firstWindow();
    await page.evaluate((entry) => {
      const frame = document.createElement('iframe');
      frame.id = 'probe';
      frame.src = `${entry}?framed`;
      document.body.append(frame);
    }, APP_ENTRY);
    // Give the refused navigation time to have happened, had it not been refused.
    await page.waitForTimeout(1_500);
    const frames = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.webContents.mainFrame.framesInSubtree.map((f) => ({
        url: f.url,
        top: f.parent === null,
      })),
    );
    expect(frames?.filter((f) => f.top).map((f) => f.url)).toEqual([expect.stringMatching(/^app:\/\/wharf\//)]);
    // No subframe ever showed the app: the navigation was stopped (will-frame-navigate), or the page's
    // frame-ancestors 'none' refused to be framed.
    for (const f of frames?.filter((f) => !f.top) ?? []) expect(f.url).not.toContain('?framed');
    await page.evaluate(() => document.getElementById('probe')?.remove());

    // The page itself cannot navigate either: not within the app, not away from it.
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'about:blank';
    });
    await page.evaluate((entry) => {
      location.href = `${entry}?moved`;
    }, APP_ENTRY);
    await page.waitForTimeout(1_500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).wharf)).toBe('object');
  });

  // Last: it leaves the app and comes back.
  test('gives a document from elsewhere no bridge, should the window ever show one', async () => {
    const page = await app.firstWindow();
    // The main process's loadURL is not a navigation the page asks for: it passes will-navigate. The preload
    // still runs there; it must expose nothing outside app://wharf.
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.webContents.loadURL('data:text/html,<title>elsewhere</title><p>elsewhere</p>'),
    );
    await expect(page).toHaveTitle('elsewhere');
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { wharf: typeof w.wharf, require: typeof w.require, ipcRenderer: typeof w.ipcRenderer };
    });
    expect(seen).toEqual({ wharf: 'undefined', require: 'undefined', ipcRenderer: 'undefined' });

    await app.evaluate(
      ({ BrowserWindow }, entry) => BrowserWindow.getAllWindows()[0]?.webContents.loadURL(entry),
      APP_ENTRY,
    );
    await expect(page).toHaveURL(/^app:\/\/wharf\//);
    await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
    expect(await page.evaluate(() => typeof (window as unknown as Record<string, unknown>).wharf)).toBe('object');
  });
});
