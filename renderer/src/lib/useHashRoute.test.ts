import { describe, expect, it } from 'vitest';
import { hrefTo, parseLocation, parseRoute } from './useHashRoute';

describe('hash routes', () => {
  it('keeps the plain page routes', () => {
    expect(parseRoute('#/images')).toBe('images');
    expect(parseRoute('#/settings')).toBe('settings');
    expect(parseRoute('')).toBe('containers');
    expect(parseRoute('#/nowhere/x')).toBe('containers');
    expect(parseLocation('#/nowhere/x').params).toEqual([]);
  });

  it('carries params and a query', () => {
    const loc = parseLocation('#/containers/abc123/logs?q=error');
    expect(loc.page).toBe('containers');
    expect(loc.params).toEqual(['abc123', 'logs']);
    expect(loc.query.get('q')).toBe('error');
  });

  it('round-trips params that need escaping', () => {
    const href = hrefTo('volumes', 'my vol/1', 'files');
    expect(href).toBe('#/volumes/my%20vol%2F1/files');
    expect(parseLocation(href).params).toEqual(['my vol/1', 'files']);
  });

  it('survives a malformed escape', () => {
    expect(parseLocation('#/containers/%E0%A4%A/logs').params).toEqual(['%E0%A4%A', 'logs']);
  });
});
