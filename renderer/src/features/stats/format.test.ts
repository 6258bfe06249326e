import { describe, expect, it } from 'vitest';
import { formatMemory, formatPercent, rates } from './format';

describe('stats formatting', () => {
  it('prints memory in binary units as docker stats does', () => {
    expect(formatMemory(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatMemory(327680)).toBe('320 KiB');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1.5 GiB');
  });

  it('prints percent with fewer decimals as it grows, and a dash for no figure', () => {
    expect(formatPercent(0.4912)).toBe('0.49 %');
    expect(formatPercent(48.51)).toBe('48.5 %');
    expect(formatPercent(199.6)).toBe('200 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('turns counters into per-second rates, none across a reset', () => {
    expect(rates([0, 1000, 3000, 4000], [0, 100, 500, 10])).toEqual([null, 100, 200, null]);
  });
});
