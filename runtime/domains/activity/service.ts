// The activity feed: every engine event of the session in a bounded ring,
// judged (died unexpectedly, out of memory) in order, broadcast to watchers;
// older spans are read from the engine's event log.
import type Docker from 'dockerode';
import { createNdjsonParser } from '../../engine/ndjson';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import { ACTIVITY_LIMIT } from './contract';
import { toActivityEvent, type WireEvent } from './convert';
import { createDeathJudge } from './deaths';
import type { ActivityEvent, ActivityList } from './types';

/** How long the engine may take to send an older span. */
const HISTORY_TIMEOUT_MS = 15_000;

export interface ActivityService extends ServiceHandlers<'activity.list', 'activity.watch'> {
  /** A stop, kill, restart or removal asked for through Wharf: the die that follows is expected. */
  expectStop(containerIds: readonly string[]): void;
  /** Resolves once every event received so far is in the feed. For tests. */
  idle(): Promise<void>;
  dispose(): void;
}

export function createActivityService(engine: Engine, limit = ACTIVITY_LIMIT): ActivityService {
  const ring: ActivityEvent[] = [];
  const keys = new Set<string>();
  const sinks = new Set<SubscriptionSink<ActivityEvent>>();
  const judge = createDeathJudge();
  /** Container id → name, so a network event can name the container it connected. */
  const names = new Map<string, string>();
  const startedAt = Date.now();
  let truncatedBefore = 0;
  let queue: Promise<void> = Promise.resolve();

  const keep = (event: ActivityEvent) => {
    if (keys.has(event.key)) return;
    keys.add(event.key);
    ring.push(event);
    if (ring.length > limit) {
      const dropped = ring.splice(0, ring.length - limit);
      for (const d of dropped) keys.delete(d.key);
      truncatedBefore = dropped[dropped.length - 1]!.time;
    }
    for (const sink of sinks) sink.emit(event);
  };

  const named = (event: ActivityEvent): ActivityEvent => {
    if (event.object === 'container') names.set(event.id, event.name);
    if (event.object === 'network' && event.container !== undefined) {
      const name = names.get(event.container);
      if (name !== undefined) return { ...event, container: name };
    }
    return event;
  };

  const off = engine.onEvent((raw) => {
    const event = toActivityEvent(raw);
    if (event === undefined) return;
    // In order: a die may wait for inspect (was it out of memory?) and the events after it wait with it.
    queue = queue.then(async () => {
      const oom = event.action === 'die' && event.object === 'container' ? await oomKilled(engine, event.id) : false;
      keep(judge.judge(named(oom ? { ...event, oom: true } : event)));
    });
  });

  const list = async (since: number | undefined, until: number | undefined): Promise<ActivityList> => {
    const end = until ?? Date.now();
    const start = since ?? startedAt;
    const inSpan = (e: ActivityEvent) => e.time >= start && e.time <= end;
    const byKey = new Map<string, ActivityEvent>();
    // Older than the session (or than what the ring still holds): ask the engine.
    if (start < Math.max(startedAt, truncatedBefore)) {
      for (const e of await history(engine, start, Math.min(end, Math.max(startedAt, truncatedBefore) + 1000))) {
        if (inSpan(e)) byKey.set(e.key, e);
      }
    }
    for (const e of ring) if (inSpan(e)) byKey.set(e.key, e);
    const all = [...byKey.values()].sort((a, b) => a.time - b.time);
    const events = all.slice(-limit);
    return { events, from: start, truncated: all.length > events.length };
  };

  return {
    requests: {
      'activity.list': ({ since, until }) => list(since, until),
    },
    subscriptions: {
      'activity.watch': (_input, sink) => {
        sinks.add(sink);
        return () => sinks.delete(sink);
      },
    },
    expectStop(ids) {
      const now = Date.now();
      for (const id of ids) judge.expectStop(id, now);
    },
    idle: () => queue,
    dispose() {
      off();
      sinks.clear();
    },
  };
}

async function oomKilled(engine: Engine, id: string): Promise<boolean> {
  try {
    const info = (await engine.docker().getContainer(id).inspect()) as { State?: { OOMKilled?: boolean } };
    return info.State?.OOMKilled === true;
  } catch {
    // Removed already (--rm): the oom event, when the engine sent one, still tells.
    return false;
  }
}

/**
 * The engine's events between two times (ms), judged as the live feed is.
 * Docker ends the stream at `until`; Podman's compat API answers nothing when
 * given `until`, so it is asked with stream=false and cut here.
 */
async function history(engine: Engine, since: number, until: number): Promise<ActivityEvent[]> {
  const podman = engine.info()?.kind === 'podman';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), HISTORY_TIMEOUT_MS);
  const judge = createDeathJudge();
  const out: ActivityEvent[] = [];
  try {
    const options = {
      since: Math.floor(since / 1000),
      ...(podman ? { stream: false } : { until: Math.ceil(until / 1000) }),
      abortSignal: abort.signal,
    } as Docker.GetEventsOptions;
    const stream = await engine.docker().getEvents(options);
    await new Promise<void>((resolve) => {
      const parser = createNdjsonParser((value) => {
        const event = toActivityEvent(value as WireEvent);
        if (event !== undefined && event.time <= until) out.push(judge.judge(event));
      });
      stream.on('data', (chunk: Buffer) => parser.push(chunk));
      stream.on('end', () => {
        parser.end();
        resolve();
      });
      stream.on('error', () => resolve());
      stream.on('close', () => resolve());
    });
  } finally {
    clearTimeout(timer);
  }
  return out;
}
