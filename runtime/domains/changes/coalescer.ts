// Collects keyed changes for a short window, then hands them over in one
// batch. One batch runs at a time: what arrives meanwhile waits for the next
// window, so a burst of events costs one flush per window, and results of
// one key come out in the order the engine sent its events. While changes
// to other keys keep coming, batches start at most once per burst window: a
// lone change (or a few to one key, like a container's die and stop) waits
// only the short window, a stream of hundreds costs a handful of batches.
// A stream is batches following one another within the burst window: one
// earlier batch alone (another container started a moment ago) is not. And
// whatever the pattern (changes spread just past the burst window, retries
// of keys the engine's list had not caught up with), once the batches
// started within the last second held KEY_LIMIT different keys, or held one
// key KEY_BATCH_LIMIT times (a container flapping), or were BATCH_LIMIT in
// number, the next one waits out the burst window: a long burst costs at
// most about one fetch per burst window. Counting keys, not batches, lets
// one or two containers go about their business (one stopped and started
// again, another stopped right after: its kill, die and stop, six or seven
// batches in a second, two keys) without waiting, while a burst, which
// touches many keys, is held.

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface CoalescerOptions<K, V> {
  windowMs: number;
  /** While changes keep coming, batches start at most this often; default: windowMs. */
  burstWindowMs?: number;
  /** Receives every key changed during the window, with its merged value. */
  flush: (batch: Map<K, V>) => Promise<void>;
  /** How a second value for a key combines with the first; default: the later wins. */
  merge?: (previous: V, next: V) => V;
  onError?: (error: unknown) => void;
  clock?: Clock;
}

export interface Coalescer<K, V> {
  /** `again`: a key handed back by its own batch (a retry); alone, it waits only the short window. */
  add(key: K, value: V, again?: boolean): void;
  /** Drops what is waiting (a batch already running finishes). */
  clear(): void;
  /** Resolves when nothing waits and no batch runs. */
  idle(): Promise<void>;
  /** The batches of the last second held KEY_LIMIT different keys: a burst, not a container or two going about their business (however many batches they make). */
  busy(): boolean;
}

/** Different keys in the batches of the last second after which the next batch waits out the burst window. */
const KEY_LIMIT = 4;
/** Batches holding one key in the last second after which the next batch waits out the burst window. */
const KEY_BATCH_LIMIT = 6;
/**
 * Batches in the last second after which the next waits out the burst window, whatever their keys.
 * Above what two containers stopped and started one after the other make (kill, die, stop, start: up
 * to eight with the engine's list lagging), which a user waits on.
 */
const BATCH_LIMIT = 10;

export function createCoalescer<K, V>(options: CoalescerOptions<K, V>): Coalescer<K, V> {
  const clock = options.clock ?? systemClock;
  const merge = options.merge ?? ((_previous: V, next: V) => next);
  const burstMs = options.burstWindowMs ?? options.windowMs;
  let pending = new Map<K, V>();
  let timer: unknown;
  let running: Promise<void> | undefined;
  let idleWaiters: Array<() => void> = [];
  /** Changes waiting that came from outside, not handed back by a batch. */
  let fresh = 0;
  let lastBatchAt = -Infinity;
  /** The last batch was part of a stream: held back as one, or started within the burst window of the one before. */
  let inStream = false;
  /** The timer waiting was pushed past the short window by a stream. */
  let heldBack = false;
  let lastBatchKeys = new Set<K>();
  /** The batches started within the last second (at most BATCH_LIMIT kept): when, and their keys. */
  let recent: Array<{ at: number; keys: Set<K> }> = [];

  const settleIdle = () => {
    if (timer !== undefined || running !== undefined || pending.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /** The batches of the last second held KEY_LIMIT different keys, one key KEY_BATCH_LIMIT times, or were BATCH_LIMIT in number. */
  const busyNow = (now: number) => {
    const lastSecond = recent.filter((b) => now - b.at < 1000);
    if (lastSecond.length >= BATCH_LIMIT) return true;
    const times = new Map<K, number>();
    for (const b of lastSecond) for (const key of b.keys) times.set(key, (times.get(key) ?? 0) + 1);
    return times.size >= KEY_LIMIT || [...times.values()].some((n) => n >= KEY_BATCH_LIMIT);
  };

  const schedule = () => {
    if (timer !== undefined || running !== undefined || pending.size === 0) return;
    // A burst: batches follow one another, and changes to keys the last batch did not hold keep coming.
    const now = clock.now();
    const burst = fresh > 0 && inStream && [...pending.keys()].some((key) => !lastBatchKeys.has(key));
    const throttled = burst || busyNow(now) ? lastBatchAt + burstMs - now : 0;
    heldBack = throttled > options.windowMs;
    timer = clock.setTimeout(fire, Math.max(options.windowMs, throttled));
  };

  function fire() {
    timer = undefined;
    const now = clock.now();
    inStream = heldBack || now - lastBatchAt < burstMs;
    heldBack = false;
    lastBatchAt = now;
    const batch = pending;
    pending = new Map();
    fresh = 0;
    lastBatchKeys = new Set(batch.keys());
    recent = [...recent.filter((b) => now - b.at < 1000), { at: now, keys: lastBatchKeys }].slice(-BATCH_LIMIT);
    running = options
      .flush(batch)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        schedule();
        settleIdle();
      });
  }

  return {
    add(key, value, again = false) {
      const previous = pending.get(key);
      pending.set(key, previous === undefined ? value : merge(previous, value));
      if (!again) {
        fresh += 1;
        // Only retries were waiting, on the short window: a new change waits its turn like any other.
        if (fresh === 1 && timer !== undefined) {
          clock.clearTimeout(timer);
          timer = undefined;
        }
      }
      schedule();
    },
    clear() {
      pending = new Map();
      fresh = 0;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      settleIdle();
    },
    busy() {
      const now = clock.now();
      return new Set(recent.filter((b) => now - b.at < 1000).flatMap((b) => [...b.keys])).size >= KEY_LIMIT;
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
