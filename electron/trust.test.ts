import { describe, expect, it } from 'vitest';
import { isExternalWebUrl, isTrustedSender } from './trust';

const ours = new Set([3]);
const from = (frameUrl: string | undefined, webContentsId = 3, isTopFrame = true) =>
  isTrustedSender({ frameUrl, webContentsId, isTopFrame }, ours);

describe('isTrustedSender', () => {
  it('accepts the top frame of our window showing app://wharf/', () => {
    expect(from('app://wharf/index.html')).toBe(true);
    expect(from('app://wharf/')).toBe(true);
    expect(from('app://wharf/index.html#/containers')).toBe(true);
  });

  it('refuses windows that are not ours', () => {
    expect(from('app://wharf/index.html', 4)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'app://wharf/', webContentsId: 3, isTopFrame: true }, new Set())).toBe(false);
  });

  it('refuses iframes, even from app://wharf/', () => {
    expect(from('app://wharf/index.html', 3, false)).toBe(false);
  });

  it('refuses any other origin', () => {
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

describe('isExternalWebUrl', () => {
  it('lets only http and https links go to the OS browser', () => {
    expect(isExternalWebUrl('https://docs.docker.com/')).toBe(true);
    expect(isExternalWebUrl('http://127.0.0.1:8080/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'app://wharf/', 'ms-settings:', 'nope']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});
