import { describe, expect, it } from 'vitest';
import { allowedHosts, isLoopbackHost, tokenEquals } from './security';
import { resolveStaticPath } from './static-files';

describe('server security helpers', () => {
  it('compares tokens exactly', () => {
    expect(tokenEquals('abc', 'abc')).toBe(true);
    expect(tokenEquals('abc', 'abd')).toBe(false);
    expect(tokenEquals('ab', 'abc')).toBe(false);
    expect(tokenEquals('', 'abc')).toBe(false);
  });

  it('allows loopback names and the bound address only', () => {
    const hosts = allowedHosts('192.168.1.5', 7420);
    expect([...hosts].sort()).toEqual(['127.0.0.1:7420', '192.168.1.5:7420', '[::1]:7420', 'localhost:7420']);
    expect(allowedHosts('::1', 80).has('[::1]:80')).toBe(true);
    expect(allowedHosts('0.0.0.0', 80).has('0.0.0.0:80')).toBe(false);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('maps URL paths into the root only', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(resolveStaticPath('/srv/r', '/a/../b.js')).toBe('/srv/r/b.js');
    for (const p of ['/../x', '/%2e%2e/x', '/..%2fx', '/..%5cx', '/%00', '/%E0%A4%A', 'x', '/..']) {
      expect(resolveStaticPath('/srv/r', p), p).toBeNull();
    }
  });
});
