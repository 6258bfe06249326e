// Work the first screen does not need, run when the page has nothing else to
// do: while it waits for the engine's reply, or after the rows are drawn.

/** The part of `window` whenIdle uses. */
export interface IdleHost {
  requestIdleCallback?: (fn: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
  setTimeout: (fn: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
}

/** At the latest this long after it was asked for, the work runs even on a busy page. */
export const IDLE_TIMEOUT_MS = 1000;

/** Runs `fn` when the page is idle (within IDLE_TIMEOUT_MS); returns what cancels it. */
export function whenIdle(fn: () => void, host: IdleHost = window): () => void {
  if (typeof host.requestIdleCallback === 'function' && typeof host.cancelIdleCallback === 'function') {
    const id = host.requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
    return () => host.cancelIdleCallback?.(id);
  }
  const id = host.setTimeout(fn, 200);
  return () => host.clearTimeout(id);
}
