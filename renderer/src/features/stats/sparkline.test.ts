import { describe, expect, it } from 'vitest';
import type { ListSample } from '../../../../runtime/domains/stats/types';
import { cellsView, linePoints } from './sparkline';

describe('linePoints', () => {
  it('draws a flat line as the same two points however many readings it has', () => {
    expect(linePoints([0, 0, 0], 100)).toEqual([
      [0, 15],
      [48, 15],
    ]);
    expect(linePoints(Array(30).fill(0), 100)).toEqual(linePoints([0, 0], 100));
    expect(linePoints([null, 0, null], 100)).toEqual(linePoints([0, 0], 100));
  });

  it('keeps every corner, scaled to the limit or the largest value', () => {
    expect(linePoints([0, 50, 0], 100)).toEqual([
      [0, 15],
      [24, 8],
      [48, 15],
    ]);
    expect(linePoints([0, 0, 10, 10, 10], 0)).toEqual([
      [0, 15],
      [12, 15],
      [24, 1],
      [48, 1],
    ]);
    expect(linePoints([5], 100)).toEqual([]);
  });
});

describe('cellsView', () => {
  const reading = (t: number, cpuPercent: number, memUsage: number) =>
    ({ id: 'a', t, cpuPercent, memUsage, memLimit: 0, memLimited: false }) as ListSample;

  it('is the same for an idle container whose new reading changes nothing on screen', () => {
    const before = [reading(1, 0, 1000), reading(2, 0, 1000)];
    expect(cellsView([...before, reading(3, 0.001, 1000)])).toBe(cellsView(before));
  });

  it('changes when a number shown or a line moves', () => {
    const before = [reading(1, 0, 1000), reading(2, 0, 1000)];
    expect(cellsView([...before, reading(3, 12, 1000)])).not.toBe(cellsView(before));
    expect(cellsView([...before, reading(3, 0, 900_000_000)])).not.toBe(cellsView(before));
  });
});
