// Collects keyed changes for a short window, then hands them over in one
// batch. One batch runs at a time: what arrives meanwhile waits for the next
// window, so a burst of events costs one flush per window, and results of
// one key come out in the order the engine sent its events. A lone change
// waits only the short window; while changes keep coming (new keys during a
// window, or anything during a flush) the next window is the longer burst
// window, so a burst of hundreds of events costs a handful of flushes.

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
  /** The window while changes keep coming; default: windowMs. */
  burstWindowMs?: number;
  /** Receives every key changed during the window, with its merged value. */
  flush: (batch: Map<K, V>) => Promise<void>;
  /** How a second value for a key combines with the first; default: the later wins. */
  merge?: (previous: V, next: V) => V;
  onError?: (error: unknown) => void;
  clock?: Clock;
}

export interface Coalescer<K, V> {
  /** `again`: a key handed back by its own flush (a retry); it is not a sign of a burst. */
  add(key: K, value: V, again?: boolean): void;
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
  /** Changes kept coming during the current window or batch. */
  let evidence = false;
  /** The last window was part of a burst. */
  let hot = false;
  /** Set for a burst window after a burst's last batch: a change meanwhile continues the burst. */
  let cooldown: unknown;
  const burstMs = options.burstWindowMs ?? options.windowMs;

  const settleIdle = () => {
    if (timer !== undefined || running !== undefined || pending.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const schedule = () => {
    if (timer !== undefined || running !== undefined || pending.size === 0) return;
    if (cooldown !== undefined) clock.clearTimeout(cooldown);
    cooldown = undefined;
    timer = clock.setTimeout(fire, hot || evidence ? burstMs : options.windowMs);
  };

  function fire() {
    timer = undefined;
    hot = evidence;
    evidence = false;
    const batch = pending;
    pending = new Map();
    running = options
      .flush(batch)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        if (pending.size === 0 && hot) {
          cooldown = clock.setTimeout(() => {
            cooldown = undefined;
            hot = false;
          }, burstMs);
        }
        schedule();
        settleIdle();
      });
  }

  return {
    add(key, value, again = false) {
      const previous = pending.get(key);
      if (!again && (running !== undefined || (timer !== undefined && previous === undefined))) evidence = true;
      pending.set(key, previous === undefined ? value : merge(previous, value));
      schedule();
    },
    clear() {
      pending = new Map();
      evidence = false;
      hot = false;
      if (cooldown !== undefined) clock.clearTimeout(cooldown);
      cooldown = undefined;
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
