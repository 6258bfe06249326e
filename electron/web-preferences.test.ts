import { describe, expect, it } from 'vitest';
import { webPreferences } from './web-preferences';

describe('webPreferences of the app window', () => {
  const dev = webPreferences({ preload: '/app/dist/electron/preload.cjs', packaged: false });
  const packaged = webPreferences({ preload: '/app/dist/electron/preload.cjs', packaged: true });

  it('isolates the page: Chromium sandbox, context isolation, no Node anywhere, no webview', () => {
    for (const prefs of [dev, packaged]) {
      expect(prefs).toMatchObject({
        preload: '/app/dist/electron/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    }
  });

  it('runs the preload in the main frame only: iframes get no bridge', () => {
    // Electron loads preloads into subframes only with nodeIntegrationInSubFrames; stated, not left to a default.
    expect(dev.nodeIntegrationInSubFrames).toBe(false);
    expect(packaged.nodeIntegrationInSubFrames).toBe(false);
  });

  it('has developer tools in development only', () => {
    expect(dev.devTools).toBe(true);
    expect(packaged.devTools).toBe(false);
  });
});
