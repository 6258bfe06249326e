import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 250 ms and stays at 5 s', () => {
    const schedule = Array.from({ length: 8 }, (_, i) => backoffDelay(i + 1));
    expect(schedule).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('takes its own schedule', () => {
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1000, factor: 3 })).toBe(900);
    expect(backoffDelay(4, { initialMs: 100, maxMs: 1000, factor: 3 })).toBe(1000);
    expect(backoffDelay(0)).toBe(250);
  });
});
