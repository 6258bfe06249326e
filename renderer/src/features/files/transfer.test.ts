import { describe, expect, it } from 'vitest';
import { bytesToBase64, crumbs, joinPath, modeString, parentOf } from './transfer';

describe('file transfer helpers', () => {
  it('round-trips every byte value through base64', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    expect([...atob(bytesToBase64(bytes))].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
  });

  it('builds breadcrumbs, parents and joined paths', () => {
    expect(crumbs('/etc/ssl')).toEqual([
      { name: '/', path: '/' },
      { name: 'etc', path: '/etc' },
      { name: 'ssl', path: '/etc/ssl' },
    ]);
    expect(crumbs('/')).toEqual([{ name: '/', path: '/' }]);
    expect(parentOf('/etc/ssl')).toBe('/etc');
    expect(parentOf('/etc')).toBe('/');
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
  });

  it('shows modes as ls -l does', () => {
    expect(modeString(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(modeString(0o644, 'file')).toBe('-rw-r--r--');
    expect(modeString(0o777, 'symlink')).toBe('lrwxrwxrwx');
  });
});
