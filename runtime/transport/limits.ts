// What one connected client may hold open at once, so a runaway page (or a
// loop in one) cannot pile up engine streams and shells without end. The
// router enforces them per connection; each refusal is an ApiError the UI
// shows in the user's language (apiErrors.limits.*).
import { ApiError } from '../api/errors';

export interface SessionLimits {
  /** Live subscriptions (lists kept current, logs, terminal output, progress). */
  subscriptions: number;
  /** Terminals this connection opened or watches and that have not ended. */
  terminals: number;
}

export const DEFAULT_LIMITS: SessionLimits = { subscriptions: 256, terminals: 32 };

export function tooManySubscriptions(max: number): ApiError {
  return new ApiError({
    code: 'unavailable',
    message: `This window already has ${max} live updates open, the most Wharf allows.`,
    hint: 'Close some terminals or log views, or reload the page.',
    key: 'limits.subscriptions',
    params: { max: String(max) },
  });
}

export function tooManyTerminals(max: number): ApiError {
  return new ApiError({
    code: 'unavailable',
    message: `This window already has ${max} terminals open, the most Wharf allows.`,
    hint: 'Close a terminal you no longer use, then open this one again.',
    key: 'limits.terminals',
    params: { max: String(max) },
  });
}

/**
 * The terminals of one connection: counted from 'terminal.open' (while it is
 * under way too) or from watching one's output (after a reconnect), until
 * 'terminal.close', its exit event, or its output subscription failing.
 */
export function terminalCounter(max: number) {
  const ids = new Set<string>();
  let opening = 0;
  return {
    /** Reserves a place for an open under way, or says no. The returned function ends the reservation. */
    reserve(): ((openedId?: string) => void) | undefined {
      if (ids.size + opening >= max) return undefined;
      opening++;
      return (openedId) => {
        opening--;
        if (openedId !== undefined) ids.add(openedId);
      };
    },
    watch(id: string): void {
      ids.add(id);
    },
    ended(id: string): void {
      ids.delete(id);
    },
  };
}
