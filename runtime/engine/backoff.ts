export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/** 250 ms, 500 ms, 1 s, 2 s, 4 s, then 5 s each time. */
export const reconnectBackoff: BackoffOptions = { initialMs: 250, maxMs: 5000, factor: 2 };

/** Delay before attempt number `attempt` (1-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = reconnectBackoff): number {
  const n = Math.max(1, Math.floor(attempt));
  const delay = options.initialMs * options.factor ** (n - 1);
  return Math.min(options.maxMs, delay);
}
