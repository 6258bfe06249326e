import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { StatsStore } from './list-stats';

const sample = (id: string, t: number) => ({ id, t }) as StatsSample;

describe('StatsStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the last samples per container and tells only its listeners, at most once per window', () => {
    const store = new StatsStore(3, 2000);
    const a = vi.fn();
    const b = vi.fn();
    store.subscribe('a', a);
    store.subscribe('b', b);
    for (let t = 0; t < 5; t++) store.add([sample('a', t)]);
    expect(a).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    expect(store.get('a')!.map((s) => s.t)).toEqual([2, 3, 4]);
    expect(store.get('b')).toBeUndefined();
  });
});
