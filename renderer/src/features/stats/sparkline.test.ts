import { describe, expect, it } from 'vitest';
import { linePoints } from './StatsCells';

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
