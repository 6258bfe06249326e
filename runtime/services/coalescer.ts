// Collects keyed changes for a short window, then hands them over in one
// batch. One batch runs at a time: what arrives meanwhile waits for the next
// window, so a burst of events costs one flush per window, and results of
// one key come out in the order the engine sent its events.

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CoalescerOptions<K, V> {
  windowMs: number;
  /** Receives every key changed during the window, with its merged value. */
  flush: (batch: Map<K, V>) => Promise<void>;
  /** How a second value for a key combines with the first; default: the later wins. */
  merge?: (previous: V, next: V) => V;
  onError?: (error: unknown) => void;
  clock?: Clock;
}

export interface Coalescer<K, V> {
  add(key: K, value: V): void;
  /** Drops what is waiting (a batch already running finishes). */
  clear(): void;
  /** Resolves when nothing waits and no batch runs. */
  idle(): Promise<void>;
}

export function createCoalescer<K, V>(options: CoalescerOptions<K, V>): Coalescer<K, V> {
  const clock = options.clock ?? systemClock;
  const merge = options.merge ?? ((_previous: V, next: V) => next);
  let pending = new Map<K, V>();
  let timer: unknown;
  let running: Promise<void> | undefined;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (timer !== undefined || running !== undefined || pending.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const schedule = () => {
    if (timer !== undefined || running !== undefined || pending.size === 0) return;
    timer = clock.setTimeout(fire, options.windowMs);
  };

  function fire() {
    timer = undefined;
    const batch = pending;
    pending = new Map();
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
    add(key, value) {
      const previous = pending.get(key);
      pending.set(key, previous === undefined ? value : merge(previous, value));
      schedule();
    },
    clear() {
      pending = new Map();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      settleIdle();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
