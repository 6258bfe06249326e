// What the engine tests share: waiting for the state the manager reports,
// known_hosts entries.
import { createHmac, randomBytes } from 'node:crypto';
import type { EngineState } from '../domains/engine/types';
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

/** A host name hashed as `ssh-keygen -H` writes it in known_hosts. */
export function hashedName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}
