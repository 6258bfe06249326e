// Whether a container died unexpectedly. Pure, fed one event at a time.
// Docker sends kill (with the signal) before die when someone stops or kills
// a container, and stop after it; Podman sends neither for `docker stop`, so
// stops asked for through Wharf are told to the judge (`expectStop`).
import type { ActivityEvent } from './types';

/** A kill, stop or request to stop this long before a die explains it. */
export const EXPLAINS_MS = 30_000;

export interface DeathJudge {
  /** A stop, kill, restart or removal asked for through Wharf. */
  expectStop(containerId: string, now: number): void;
  /** Sees every event in order; returns the event with oom/unexpected set on a die. */
  judge(event: ActivityEvent): ActivityEvent;
}

export function createDeathJudge(): DeathJudge {
  /** Container id → when it was last asked to stop, killed or stopped. */
  const stopped = new Map<string, number>();
  /** Container id → when an oom event came for it. */
  const oomAt = new Map<string, number>();
  const recent = (map: Map<string, number>, id: string, now: number) => {
    const at = map.get(id);
    return at !== undefined && now - at <= EXPLAINS_MS && at - now <= EXPLAINS_MS;
  };
  const forgetOld = (now: number) => {
    for (const map of [stopped, oomAt]) for (const [id, at] of map) if (now - at > EXPLAINS_MS) map.delete(id);
  };
  return {
    expectStop(id, now) {
      stopped.set(id, now);
    },
    judge(event) {
      if (event.object !== 'container') return event;
      forgetOld(event.time);
      const id = event.id;
      switch (event.action) {
        case 'kill':
        case 'stop':
        case 'restart':
        case 'destroy':
          stopped.set(id, event.time);
          return event;
        case 'oom':
          oomAt.set(id, event.time);
          return event;
        case 'die': {
          const oom = event.oom === true || recent(oomAt, id, event.time);
          oomAt.delete(id);
          const asked = recent(stopped, id, event.time);
          // Matches by the full id or the short one (a request may name it either way).
          const askedShort = [...stopped.keys()].some(
            (k) => (id.startsWith(k) || k.startsWith(id)) && recent(stopped, k, event.time),
          );
          stopped.delete(id);
          const unexpected = oom || ((event.exitCode ?? 0) !== 0 && !asked && !askedShort);
          return { ...event, ...(oom ? { oom: true } : {}), ...(unexpected ? { unexpected: true } : {}) };
        }
        default:
          return event;
      }
    },
  };
}
