// When a screen's file (a script or style chunk) fails to load, the page is
// reloaded for the same address, a few times with a growing pause, before the
// screen's error boundary shows the failure. In browser mode Chromium aborts
// requests in flight with ERR_NETWORK_CHANGED when the engine adds or removes
// a network interface on the same machine (a container starting on a bridge),
// so one failed load is often followed by a good one a moment later.

/** Reloads for one address before giving up. */
export const MAX_RELOADS = 3;
/** Reloads longer ago than this no longer count. */
const WINDOW_MS = 60_000;

interface Record {
  href: string;
  count: number;
  at: number;
}

export interface ReloadDecision {
  reload: boolean;
  /** How long to wait before reloading. */
  delayMs: number;
  /** What to keep (sessionStorage) for the next failure. */
  store: string;
}

function read(stored: string | null): Record | null {
  if (stored === null) return null;
  try {
    const v = JSON.parse(stored) as Partial<Record>;
    return typeof v.href === 'string' && typeof v.count === 'number' && typeof v.at === 'number'
      ? { href: v.href, count: v.count, at: v.at }
      : null;
  } catch {
    return null;
  }
}

/** Whether a failed chunk load at `href` should reload the page, given what was kept from earlier failures. */
export function decideReload(stored: string | null, href: string, now: number): ReloadDecision {
  const last = read(stored);
  const count = last && last.href === href && now - last.at < WINDOW_MS ? last.count : 0;
  if (count >= MAX_RELOADS) return { reload: false, delayMs: 0, store: stored ?? '' };
  return {
    reload: true,
    delayMs: 250 * count,
    store: JSON.stringify({ href, count: count + 1, at: now }),
  };
}
