import { describe, expect, it } from 'vitest';
import { trayOnCloseDefault } from '../../../../runtime/domains/settings/contract';
import { pagePlatform } from './platform';

describe('the page platform', () => {
  it('reads Windows, macOS and the rest from the browser', () => {
    expect(pagePlatform({ platform: 'Win32', userAgent: 'Mozilla/5.0 (Windows NT 10.0)' })).toBe('win32');
    expect(pagePlatform({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh)' })).toBe('darwin');
    expect(pagePlatform({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('linux');
  });

  it('keeps running in the tray by default on Windows and macOS, not on Linux', () => {
    expect(trayOnCloseDefault('win32')).toBe(true);
    expect(trayOnCloseDefault('darwin')).toBe(true);
    expect(trayOnCloseDefault('linux')).toBe(false);
  });
});
