import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelative, shortId } from './format';

describe('format', () => {
  it('prints sizes as docker does', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_234_567)).toBe('1.23 MB');
    expect(formatBytes(45_600_000)).toBe('45.6 MB');
    expect(formatBytes(2_000_000_000)).toBe('2 GB');
  });

  it('prints times relative to now', () => {
    const now = new Date('2024-01-01T12:00:00Z');
    expect(formatRelative(new Date('2024-01-01T11:57:00Z'), 'en', now)).toBe('3 minutes ago');
    expect(formatRelative(new Date('2023-12-30T12:00:00Z'), 'en', now)).toBe('2 days ago');
  });

  it('shortens ids', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
  });
});
