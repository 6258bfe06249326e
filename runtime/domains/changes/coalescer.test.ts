import { describe, expect, it } from 'vitest';
import { type Clock, type Coalescer, createCoalescer } from './coalescer';

/** A clock that only moves when the test says so. */
function fakeClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    now: () => now,
  };
  /** Moves time on, firing due timers in order and letting their promises settle. */
  async function advance(ms: number) {
    const end = now + ms;
    await settle();
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await settle();
    }
    now = end;
  }
  return { clock, advance, pending: () => timers.size };
}

/** Lets every queued promise callback run (a real macrotask turn; the fake clock owns timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A container-like coalescer (30 ms window, 200 ms burst window) on a fake clock, recording when each batch
 * started and its keys; `then` sees each batch after it is recorded (to hand keys back, as retries).
 */
function timedCoalescer<V = boolean>(then?: (batch: Map<string, V>, c: Coalescer<string, V>) => void) {
  const { clock, advance } = fakeClock();
  const batches: Array<{ at: number; keys: string[] }> = [];
  const c: Coalescer<string, V> = createCoalescer<string, V>({
    windowMs: 30,
    burstWindowMs: 200,
    clock,
    flush: async (b) => {
      batches.push({ at: clock.now(), keys: [...b.keys()] });
      then?.(b, c);
    },
  });
  return { c, batches, advance };
}

describe('createCoalescer', () => {
  it('turns a burst for one key into one flush at the end of the window', async () => {
    const { clock, advance } = fakeClock();
    const batches: Array<Map<string, boolean>> = [];
    const c = createCoalescer<string, boolean>({ windowMs: 30, clock, flush: async (b) => void batches.push(b) });
    for (let i = 0; i < 200; i++) c.add('a', false);
    await advance(29);
    expect(batches).toHaveLength(0);
    await advance(1);
    expect(batches).toEqual([new Map([['a', false]])]);
    await advance(1000);
    expect(batches).toHaveLength(1);
  });

  it('puts many keys of one window in one batch', async () => {
    const { clock, advance } = fakeClock();
    const batches: Array<string[]> = [];
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      clock,
      flush: async (b) => void batches.push([...b.keys()]),
    });
    for (let i = 0; i < 200; i++) c.add(`c${i % 50}`, false);
    await advance(30);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(50);
  });

  it('does not stretch the window while events keep coming', async () => {
    const { clock, advance } = fakeClock();
    let flushes = 0;
    const c = createCoalescer<string, boolean>({ windowMs: 30, clock, flush: async () => void flushes++ });
    for (let t = 0; t < 100; t += 10) {
      c.add('a', false);
      await advance(10);
    }
    // 100 ms of steady events: one flush per 30 ms window, not one at the very end.
    expect(flushes).toBeGreaterThanOrEqual(3);
    expect(flushes).toBeLessThanOrEqual(4);
  });

  it('starts batches at most once per burst window while changes keep coming, and only the short window after a lull', async () => {
    const { clock, advance } = fakeClock();
    const batches: string[][] = [];
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      burstWindowMs: 200,
      clock,
      flush: async (b) => void batches.push([...b.keys()]),
    });
    // A second of container events, a new container every 10 ms.
    for (let i = 0; i < 100; i++) {
      c.add(`c${i}`, false);
      await advance(10);
    }
    await advance(500);
    expect(batches.flat()).toHaveLength(100);
    // The first window is short; after it, one flush per burst window instead of one per 30 ms.
    expect(batches[0]).toHaveLength(3);
    expect(batches.length).toBeLessThanOrEqual(8);
    // Quiet again: a lone change waits only the short window.
    c.add('lone', false);
    await advance(30);
    expect(batches.at(-1)).toEqual(['lone']);
  });

  it('caps a long burst near one batch per burst window, whatever the spacing of its changes', async () => {
    // The engine's list lags: every key is looked at again once.
    const { c, batches, advance } = timedCoalescer<number>((b, self) => {
      for (const [key, tries] of b) if (tries === 0) self.add(key, 1, true);
    });
    // Four seconds of containers started one after another, a new one every 140 ms.
    for (let i = 0; i < 28; i++) {
      c.add(`c${i}`, 0);
      await advance(140);
    }
    await advance(1000);
    expect(new Set(batches.flatMap((b) => b.keys))).toHaveLength(28);
    // About five batches a second at most (4.9 s in all), not one or two per change.
    expect(batches.length).toBeLessThanOrEqual(27);
    const gaps = batches.slice(1).map((b, i) => b.at - batches[i]!.at);
    expect(gaps.filter((g) => g < 200).length).toBeLessThanOrEqual(4);
  });

  it('lets a key handed back by its own batch (a retry) wait only the short window', async () => {
    const { clock, advance } = fakeClock();
    const batches: string[][] = [];
    const c = createCoalescer<string, number>({
      windowMs: 30,
      burstWindowMs: 200,
      clock,
      flush: async (b) => {
        batches.push([...b.keys()]);
        for (const [key, tries] of b) if (tries < 2) c.add(key, tries + 1, true);
      },
    });
    c.add('a', 0);
    await advance(30);
    await advance(30);
    await advance(30);
    expect(batches).toEqual([['a'], ['a'], ['a']]);
  });

  it("does not hold back a second change to the key just fetched (a container's die, then its stop)", async () => {
    const { clock, advance } = fakeClock();
    const batches: string[][] = [];
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      burstWindowMs: 200,
      clock,
      flush: async (b) => void batches.push([...b.keys()]),
    });
    c.add('a', false);
    await advance(30);
    c.add('a', false);
    await advance(30);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('does not hold back a lone change to another key shortly after one batch (one container started, another stopped)', async () => {
    const { c, batches, advance } = timedCoalescer();
    c.add('a', false);
    await advance(30);
    await advance(70);
    c.add('b', false);
    await advance(30);
    expect(batches).toEqual([
      { at: 30, keys: ['a'] },
      { at: 130, keys: ['b'] },
    ]);
    // A third batch this soon is a stream: it waits for the burst window.
    c.add('c', false);
    await advance(30);
    expect(batches).toHaveLength(2);
    await advance(170);
    expect(batches.at(-1)).toEqual({ at: 330, keys: ['c'] });
  });

  it('does not hold back a container stopped right after another was stopped and started: few keys are not a burst', async () => {
    const { c, batches, advance } = timedCoalescer();
    // b is stopped (kill, then die and stop), then started again.
    c.add('b', false);
    await advance(60);
    c.add('b', false);
    await advance(10);
    c.add('b', false);
    await advance(230);
    c.add('b', false);
    await advance(150);
    // Right after, c is stopped: its kill, then its die. Five batches within a second, but of two containers.
    c.add('c', false);
    await advance(50);
    c.add('c', false);
    await advance(30);
    expect(batches.map((b) => b.at)).toEqual([30, 90, 330, 480, 530]);
    expect(batches.at(-1)!.keys).toEqual(['c']);
    // A third and a fourth container, each a while later, still go after the short window…
    await advance(220);
    c.add('d', false);
    await advance(30);
    await advance(260);
    c.add('e', false);
    await advance(30);
    expect(batches.slice(5).map((b) => b.at)).toEqual([780, 1070]);
    // …but a fifth within the second after four containers changed is part of a burst: it waits out the burst window.
    await advance(50);
    c.add('f', false);
    await advance(30);
    expect(batches).toHaveLength(7);
    await advance(120);
    expect(batches.at(-1)).toEqual({ at: 1270, keys: ['f'] });
  });

  it('does not hold back a stop right after another container was stopped and started: seven batches of two keys', async () => {
    const { c, batches, advance } = timedCoalescer();
    // b is stopped: its kill, its die (the list still shows it running: looked at again), its stop; then started.
    c.add('b', false);
    await advance(60);
    c.add('b', false);
    await advance(40);
    c.add('b', true);
    await advance(40);
    c.add('b', false);
    await advance(100);
    c.add('b', false);
    await advance(200);
    // Right after, c is stopped: its kill, then its die, 50 ms later: the seventh batch within a second.
    c.add('c', false);
    await advance(50);
    expect(batches).toHaveLength(6);
    c.add('c', false);
    await advance(30);
    expect(batches).toHaveLength(7);
    expect(batches.at(-1)).toEqual({ at: 520, keys: ['c'] });
  });

  it('holds back a container flapping (one key in six batches within a second)', async () => {
    const { c, batches, advance } = timedCoalescer();
    for (let i = 0; i < 25; i++) {
      c.add('a', false);
      await advance(40);
    }
    await advance(500);
    // Each change 40 ms apart would be a batch each (25); past the sixth in a second, one per burst window.
    expect(batches.length).toBeLessThanOrEqual(12);
    const gaps = batches.slice(1).map((b, i) => b.at - batches[i]!.at);
    expect(gaps.filter((g) => g < 200).length).toBeLessThanOrEqual(6);
  });

  it('merges values with the given rule', async () => {
    const { clock, advance } = fakeClock();
    const batches: Array<Map<string, boolean>> = [];
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      clock,
      merge: (a, b) => a || b,
      flush: async (b) => void batches.push(b),
    });
    c.add('a', false);
    c.add('a', true);
    c.add('a', false);
    await advance(30);
    expect(batches[0]?.get('a')).toBe(true);
  });

  it('runs one batch at a time: what arrives meanwhile waits for the next window', async () => {
    const { clock, advance } = fakeClock();
    const gate = deferred();
    const batches: Array<string[]> = [];
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      clock,
      flush: async (b) => {
        batches.push([...b.keys()]);
        if (batches.length === 1) await gate.promise;
      },
    });
    c.add('a', false);
    await advance(30);
    c.add('a', false);
    c.add('b', false);
    await advance(500);
    expect(batches).toEqual([['a']]);
    gate.resolve();
    await advance(0);
    await advance(29);
    expect(batches).toHaveLength(1);
    await advance(1);
    expect(batches).toEqual([['a'], ['a', 'b']]);
  });

  it('keeps going after a failed flush and reports the error', async () => {
    const { clock, advance } = fakeClock();
    const errors: unknown[] = [];
    let calls = 0;
    const c = createCoalescer<string, boolean>({
      windowMs: 30,
      clock,
      onError: (e) => errors.push(e),
      flush: async () => {
        calls++;
        if (calls === 1) throw new Error('engine went away');
      },
    });
    c.add('a', false);
    await advance(30);
    c.add('a', false);
    await advance(30);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('clear drops what waits, and idle resolves once nothing is left', async () => {
    const { clock, advance, pending } = fakeClock();
    let flushes = 0;
    const c = createCoalescer<string, boolean>({ windowMs: 30, clock, flush: async () => void flushes++ });
    c.add('a', false);
    expect(pending()).toBe(1);
    let idle = false;
    void c.idle().then(() => (idle = true));
    await advance(0);
    expect(idle).toBe(false);
    c.clear();
    await advance(100);
    expect(flushes).toBe(0);
    expect(idle).toBe(true);
    expect(pending()).toBe(0);
  });
});
