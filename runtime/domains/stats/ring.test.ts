import { describe, expect, it } from 'vitest';
import { SampleRing } from './ring';
import type { StatsSample } from './types';

const at = (t: number) => ({ id: 'a', t }) as StatsSample;

describe('SampleRing', () => {
  it('keeps the samples of the last keepMs, oldest first', () => {
    const ring = new SampleRing(10_000);
    for (let t = 0; t <= 60_000; t += 1000) ring.push(at(t));
    const all = ring.all();
    expect(all[0]!.t).toBe(50_000);
    expect(all.at(-1)!.t).toBe(60_000);
    expect(ring.size).toBe(11);
  });

  it('holds fifteen minutes of one-second samples and stays that size', () => {
    const ring = new SampleRing(15 * 60_000);
    for (let t = 0; t < 3 * 60 * 60_000; t += 1000) ring.push(at(t));
    expect(ring.size).toBe(15 * 60 + 1);
    expect(ring.all()[0]!.t).toBe(3 * 60 * 60_000 - 1000 - 15 * 60_000);
  });
});
