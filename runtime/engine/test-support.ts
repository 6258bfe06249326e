// What the engine manager's integration tests share: waiting for the state
// the manager reports.
import type { EngineState } from '../api/types';
import type { EngineManager } from './manager';

/** Resolves with the first state (the current one included) that `match` accepts; rejects with the last state after `timeoutMs`. */
export function waitForState(
  m: EngineManager,
  match: (s: EngineState) => boolean,
  timeoutMs = 20_000,
): Promise<EngineState> {
  return new Promise((resolve, reject) => {
    if (match(m.state())) return resolve(m.state());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`state never matched; last: ${JSON.stringify(m.state())}`));
    }, timeoutMs);
    const off = m.onState((s) => {
      if (!match(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}
