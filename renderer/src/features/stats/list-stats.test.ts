import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListSample } from '../../../../runtime/domains/stats/types';
import { StatsStore } from './list-stats';

const sample = (id: string, t: number) => ({ id, t }) as ListSample;

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

  it('with no window of its own tells listeners at once, with a new array only for what changed', () => {
    const store = new StatsStore(2, 0);
    const a = vi.fn();
    store.subscribe('a', a);
    store.add([sample('a', 1), sample('b', 1)]);
    expect(a).toHaveBeenCalledTimes(1);
    const first = store.get('a');
    const b = store.get('b');
    store.add([sample('a', 2), sample('a', 3)]);
    expect(a).toHaveBeenCalledTimes(2);
    expect(store.get('a')).not.toBe(first);
    expect(first!.map((s) => s.t)).toEqual([1]);
    expect(store.get('a')!.map((s) => s.t)).toEqual([2, 3]);
    expect(store.get('b')).toBe(b);
  });

  it('with a view, tells listeners only when what they show changes', () => {
    const store = new StatsStore(5, 0, (samples) => String(samples.at(-1)!.t > 2));
    const a = vi.fn();
    store.subscribe('a', a);
    store.add([sample('a', 1)]);
    expect(a).toHaveBeenCalledTimes(1);
    store.add([sample('a', 2)]);
    expect(a).toHaveBeenCalledTimes(1);
    expect(store.get('a')!.map((s) => s.t)).toEqual([1]);
    store.add([sample('a', 3)]);
    expect(a).toHaveBeenCalledTimes(2);
    expect(store.get('a')!.map((s) => s.t)).toEqual([1, 2, 3]);
  });
});
