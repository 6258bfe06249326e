import { describe, expect, it } from 'vitest';
import {
  isExternalWebUrl,
  isTrustedSender,
  navigationDecision,
  senderOf,
  type FrameLike,
  type SenderInfo,
} from './trust';

const ours = new Set([3]);
const APP = 'app://wharf';
const from = (
  frameUrl: string | undefined,
  webContentsId = 3,
  isMainFrame = true,
  frameOrigin: string | undefined = APP,
) => isTrustedSender({ frameUrl, frameOrigin, webContentsId, isMainFrame }, ours);

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing app://wharf/', () => {
    expect(from('app://wharf/index.html')).toBe(true);
    expect(from('app://wharf/')).toBe(true);
    expect(from('app://wharf/index.html#/containers')).toBe(true);
  });

  it('refuses windows that are not ours', () => {
    expect(from('app://wharf/index.html', 4)).toBe(false);
    const info: SenderInfo = { frameUrl: 'app://wharf/', frameOrigin: APP, webContentsId: 3, isMainFrame: true };
    expect(isTrustedSender(info, new Set())).toBe(false);
  });

  it('refuses iframes and unloading pages, even from app://wharf/', () => {
    expect(from('app://wharf/index.html', 3, false)).toBe(false);
  });

  it('refuses a frame whose origin is not app://wharf, whatever its URL says', () => {
    // A document served with a CSP sandbox (opaque origin), or a URL that does not match its origin.
    expect(from('app://wharf/index.html', 3, true, 'null')).toBe(false);
    expect(from('app://wharf/index.html', 3, true, 'https://evil.example')).toBe(false);
    expect(
      isTrustedSender({ frameUrl: 'app://wharf/', frameOrigin: undefined, webContentsId: 3, isMainFrame: true }, ours),
    ).toBe(false);
  });

  it('refuses any other URL', () => {
    for (const url of [
      'https://wharf/',
      'http://127.0.0.1:7420/',
      'file:///work/dist/renderer/index.html',
      'app://wharf.evil.example/',
      'app://evil/',
      'app://wharf:8080/',
      'app://x@wharf/',
      'app://wharf@evil/',
      'about:blank',
      'about:srcdoc',
      'data:text/html,hi',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      expect(from(url), url).toBe(false);
    }
    expect(from(undefined)).toBe(false);
  });
});

describe('senderOf', () => {
  const main: FrameLike = {
    url: 'app://wharf/index.html',
    origin: APP,
    parent: null,
    detached: false,
    frameTreeNodeId: 1,
    processId: 7,
    frameToken: 'main-token',
  };
  const event = (senderFrame: FrameLike | null) => ({ sender: { id: 3, mainFrame: main }, senderFrame });
  const trusted = (senderFrame: FrameLike | null) => isTrustedSender(senderOf(event(senderFrame)), ours);

  it('reads the current main frame of the window as the main frame', () => {
    expect(senderOf(event(main))).toEqual({
      frameUrl: 'app://wharf/index.html',
      frameOrigin: APP,
      isMainFrame: true,
      webContentsId: 3,
    });
    expect(trusted({ ...main })).toBe(true);
  });

  it('refuses an iframe of our page: a srcdoc one, and one showing app://wharf/ itself', () => {
    const srcdoc = { ...main, url: 'about:srcdoc', parent: main, frameTreeNodeId: 2, frameToken: 'child' };
    const appFrame = {
      ...main,
      url: 'app://wharf/index.html',
      parent: main,
      frameTreeNodeId: 3,
      frameToken: 'child-2',
    };
    expect(senderOf(event(srcdoc)).isMainFrame).toBe(false);
    expect(trusted(srcdoc)).toBe(false);
    expect(trusted(appFrame)).toBe(false);
  });

  it('refuses the previous document of the main frame (detached while it unloads, or another process)', () => {
    expect(trusted({ ...main, detached: true })).toBe(false);
    expect(trusted({ ...main, processId: 8, frameToken: 'old-token' })).toBe(false);
    expect(trusted({ ...main, frameToken: 'old-token' })).toBe(false);
  });

  it('refuses a top-level frame that is not this window’s main frame, and a frame that is gone', () => {
    expect(trusted({ ...main, frameTreeNodeId: 9 })).toBe(false);
    expect(trusted(null)).toBe(false);
    expect(senderOf(event(null))).toEqual({
      frameUrl: undefined,
      frameOrigin: undefined,
      isMainFrame: false,
      webContentsId: 3,
    });
  });
});

describe('navigationDecision', () => {
  it('lets no frame navigate: the app is one document, loaded by the shell', () => {
    for (const url of [
      'app://wharf/index.html',
      'app://wharf/other.html',
      'https://evil.example/',
      'file:///etc/passwd',
      'data:text/html,x',
      'about:blank',
      'about:srcdoc',
    ]) {
      expect(navigationDecision(url, true).allow, url).toBe(false);
      expect(navigationDecision(url, false).allow, url).toBe(false);
    }
  });

  it('opens a web link the page follows in the OS browser, but never one from an iframe', () => {
    expect(navigationDecision('https://docs.docker.com/', true)).toEqual({ allow: false, openExternally: true });
    expect(navigationDecision('https://docs.docker.com/', false)).toEqual({ allow: false, openExternally: false });
    expect(navigationDecision('file:///etc/passwd', true)).toEqual({ allow: false, openExternally: false });
    expect(navigationDecision('app://wharf/index.html', true)).toEqual({ allow: false, openExternally: false });
  });
});

describe('isExternalWebUrl', () => {
  it('lets only http and https links go to the OS browser', () => {
    expect(isExternalWebUrl('https://docs.docker.com/')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:8080/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'app://wharf/',
      'ms-settings:',
      'nope',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});
