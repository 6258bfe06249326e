// The preload with Electron's contextBridge and ipcRenderer stood in for:
// which pages it hands the transport to. e2e/electron.spec.ts checks the same
// in a real window.
import { afterEach, describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({ exposeInMainWorld: vi.fn() }));
vi.mock('electron', () => ({
  contextBridge: bridge,
  ipcRenderer: { send: vi.fn(), on: vi.fn(), removeListener: vi.fn(), invoke: vi.fn() },
}));

async function loadPreloadAt(origin: string | undefined, href = `${origin}/index.html`): Promise<string[]> {
  bridge.exposeInMainWorld.mockReset();
  vi.resetModules();
  vi.stubGlobal('location', origin === undefined ? undefined : { origin, href });
  await import('./preload');
  return bridge.exposeInMainWorld.mock.calls.map(([key]) => String(key));
}

describe('the preload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives the app’s own page window.wharf', async () => {
    expect(await loadPreloadAt('app://wharf')).toEqual(['wharf']);
    expect(await loadPreloadAt('app://wharf', 'app://wharf/')).toEqual(['wharf']);
  });

  it('gives any other document nothing', async () => {
    for (const origin of ['null', 'https://evil.example', 'file://', 'app://evil', 'http://127.0.0.1:7420']) {
      expect(await loadPreloadAt(origin), origin).toEqual([]);
    }
    expect(await loadPreloadAt(undefined)).toEqual([]);
    // about:blank and about:srcdoc documents inherit the origin of the page that made them.
    expect(await loadPreloadAt('app://wharf', 'about:blank')).toEqual([]);
    expect(await loadPreloadAt('app://wharf', 'about:srcdoc')).toEqual([]);
  });
});
