// hardenApp's wiring, with Electron's app, shell and a web contents stood in
// for by event emitters: what each event handler does is checked here, what
// Chromium does with it by e2e/electron.spec.ts where Electron runs.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ app: undefined as unknown as EventEmitter, openExternal: vi.fn() }));
vi.mock('electron', async () => {
  const events = await import('node:events');
  electron.app = new events.EventEmitter();
  return { app: electron.app, shell: { openExternal: electron.openExternal } };
});

const { hardenApp } = await import('./hardening');

type Handler = (...args: unknown[]) => unknown;

function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const session = {
    setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
    setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
    setDevicePermissionHandler: (h: Handler) => (handlers.device = h),
  };
  return { session, handlers };
}

function fakeContents() {
  const contents = new EventEmitter() as EventEmitter & {
    windowOpen?: Handler;
    setWindowOpenHandler(h: Handler): void;
  };
  contents.setWindowOpenHandler = (h) => (contents.windowOpen = h);
  return contents;
}

function navigation(url: string, isMainFrame: boolean) {
  return { url, isMainFrame, isSameDocument: false, preventDefault: vi.fn() };
}

describe('hardenApp', () => {
  let contents: ReturnType<typeof fakeContents>;
  let handlers: Record<string, Handler>;

  beforeEach(() => {
    electron.app.removeAllListeners();
    electron.openExternal.mockReset();
    const fake = fakeSession();
    handlers = fake.handlers;
    hardenApp(fake.session as never);
    contents = fakeContents();
    electron.app.emit('web-contents-created', {}, contents);
  });

  it('stops an iframe from navigating anywhere, and sends nothing to the OS browser for it', () => {
    for (const url of ['https://evil.example/', 'app://wharf/index.html', 'file:///etc/passwd', 'about:srcdoc']) {
      const event = navigation(url, false);
      contents.emit('will-frame-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('keeps the page itself on app://wharf/: web links go to the OS browser, other schemes nowhere', () => {
    const web = navigation('https://docs.docker.com/', true);
    contents.emit('will-navigate', web);
    // will-frame-navigate also fires for the main frame: it must not open the link a second time.
    contents.emit('will-frame-navigate', navigation('https://docs.docker.com/', true));
    expect(web.preventDefault).toHaveBeenCalled();
    expect(electron.openExternal.mock.calls).toEqual([['https://docs.docker.com/']]);
    for (const url of ['file:///etc/passwd', 'app://wharf/other.html', 'data:text/html,x']) {
      const event = navigation(url, true);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens no windows, attaches no webviews, follows no redirects', () => {
    expect(contents.windowOpen?.({ url: 'app://wharf/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['https://docs.docker.com/']]);
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('lets the app page, and only it, show notifications', () => {
    const allowed = vi.fn();
    handlers.request?.({}, 'notifications', allowed, { requestingUrl: 'app://wharf/index.html', isMainFrame: true });
    expect(allowed).toHaveBeenCalledWith(true);
    expect(
      handlers.check?.({}, 'notifications', 'app://wharf', {
        requestingUrl: 'app://wharf/index.html',
        isMainFrame: true,
      }),
    ).toBe(true);
    const denied = vi.fn();
    handlers.request?.({}, 'notifications', denied, { requestingUrl: 'https://example.com/', isMainFrame: true });
    handlers.request?.({}, 'notifications', denied, { requestingUrl: 'app://wharf/index.html', isMainFrame: false });
    expect(denied.mock.calls).toEqual([[false], [false]]);
  });

  it('grants no other permission', () => {
    const callback = vi.fn();
    handlers.request?.({}, 'media', callback, { requestingUrl: 'app://wharf/index.html', isMainFrame: true });
    expect(callback).toHaveBeenCalledWith(false);
    expect(handlers.check?.({}, 'clipboard-read', 'app://wharf', { isMainFrame: true })).toBe(false);
    expect(handlers.device?.({ deviceType: 'usb' })).toBe(false);
  });
});
