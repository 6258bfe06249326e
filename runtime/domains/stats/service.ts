// Stats: one engine stats stream per watched container, shared by every
// watch that asks for it and closed a moment after the last one leaves; the
// samples are kept in a ring per container for history. OOM kills come from
// the engine's `oom` event, or from inspect's State.OOMKilled when a watched
// container dies (Podman sends no such event).
import type { Engine, RawEngineEvent } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import { type ContainerLimits, limitsOf, type RawStats, toSample } from './compute';
import { SampleRing } from './ring';
import { openStatsStream, readStatsOnce } from './stream';
import type { ListSample, StatsEvent, StatsSample } from './types';

export interface StatsOptions {
  /** How long samples are kept per container. */
  keepMs?: number;
  /** How long an engine stream stays open after the last watch left (a re-subscription with another set keeps it). */
  lingerMs?: number;
  /** Longest a sample waits before it is sent: a watch gets at most one batch per this. */
  batchMs?: number;
  /** Wait before opening a stream again after it broke while the container still ran. */
  retryMs?: number;
}

export const KEEP_MS = 15 * 60_000;
/** An OOM event and the exit it causes are one kill, not two. */
const SAME_KILL_MS = 10_000;

interface InspectLite {
  Id: string;
  State?: { Running?: boolean; Paused?: boolean; OOMKilled?: boolean };
  HostConfig?: Parameters<typeof limitsOf>[0];
}

interface Watched {
  id: string;
  refs: number;
  limits: ContainerLimits;
  previous: RawStats | undefined;
  abort: AbortController | undefined;
  linger: ReturnType<typeof setTimeout> | undefined;
  retry: ReturnType<typeof setTimeout> | undefined;
}

interface Watch {
  ids: ReadonlySet<string>;
  sink: SubscriptionSink<StatsEvent>;
  /** Only the numbers the containers list shows. */
  list: boolean;
  everyMs: number;
  pending: StatsSample[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

export type StatsService = ServiceHandlers<'stats.history' | 'stats.snapshot', 'stats.watch'> & {
  /** Engine streams open right now (for tests and the benchmark). */
  openStreams(): string[];
  dispose(): void;
};

const toListSample = (s: StatsSample): ListSample => ({
  id: s.id,
  t: s.t,
  cpuPercent: s.cpuPercent,
  memUsage: s.memUsage,
  memLimit: s.memLimit,
  memLimited: s.memLimited,
});

export function createStatsService(engine: Engine, options: StatsOptions = {}): StatsService {
  const keepMs = options.keepMs ?? KEEP_MS;
  const lingerMs = options.lingerMs ?? 3000;
  const batchMs = options.batchMs ?? 1000;
  const retryMs = options.retryMs ?? 2000;
  const watched = new Map<string, Watched>();
  const rings = new Map<string, SampleRing>();
  const ooms = new Map<string, number[]>();
  const watches = new Set<Watch>();

  const ringOf = (id: string) => {
    let ring = rings.get(id);
    if (!ring) rings.set(id, (ring = new SampleRing(keepMs)));
    return ring;
  };

  const toWatches = (id: string, send: (w: Watch) => void) => {
    for (const w of watches) if (w.ids.has(id)) send(w);
  };

  const flush = (w: Watch) => {
    w.timer = undefined;
    if (w.pending.length === 0) return;
    const samples = w.pending;
    w.pending = [];
    if (w.list) w.sink.emit({ type: 'list', samples: samples.map(toListSample) });
    else w.sink.emit({ type: 'samples', samples });
  };

  function onMessage(entry: Watched, raw: RawStats) {
    // A stopped container's stream (Docker) keeps sending empty readings: nothing to show.
    if (!raw.read || raw.read.startsWith('0001-')) return;
    const sample = toSample(entry.id, raw, entry.previous, entry.limits, ooms.get(entry.id)?.length ?? 0);
    entry.previous = raw;
    ringOf(entry.id).push(sample);
    toWatches(entry.id, (w) => {
      w.pending.push(sample);
      w.timer ??= setTimeout(() => flush(w), w.everyMs);
    });
  }

  function recordOom(id: string, t: number) {
    const list = ooms.get(id) ?? [];
    if (list.some((x) => Math.abs(x - t) < SAME_KILL_MS)) return;
    list.push(t);
    ooms.set(id, list);
    toWatches(id, (w) => w.sink.emit({ type: 'oom', id, t }));
  }

  async function open(entry: Watched): Promise<void> {
    if (entry.abort || entry.refs === 0) return;
    const abort = new AbortController();
    entry.abort = abort;
    try {
      const docker = engine.docker();
      const info = (await docker.getContainer(entry.id).inspect()) as InspectLite;
      if (abort.signal.aborted) return;
      entry.limits = limitsOf(info.HostConfig);
      if (info.State?.Running !== true) {
        entry.abort = undefined;
        toWatches(entry.id, (w) => w.sink.emit({ type: 'stopped', id: entry.id }));
        return;
      }
      entry.previous = undefined;
      await openStatsStream(
        docker,
        entry.id,
        abort.signal,
        (raw) => onMessage(entry, raw),
        () => {
          if (entry.abort !== abort) return;
          entry.abort = undefined;
          if (!abort.signal.aborted) void afterEnd(entry);
        },
      );
    } catch {
      if (entry.abort !== abort) return;
      entry.abort = undefined;
      // Gone, or the engine away: a start event or a reconnect opens it again.
      if (!abort.signal.aborted) toWatches(entry.id, (w) => w.sink.emit({ type: 'stopped', id: entry.id }));
    }
  }

  /** The stream ended: the container stopped (say so), or the connection broke while it runs (open again). */
  async function afterEnd(entry: Watched) {
    try {
      const info = (await engine.docker().getContainer(entry.id).inspect()) as InspectLite;
      if (info.State?.OOMKilled === true) recordOom(entry.id, Date.now());
      if (info.State?.Running === true && entry.refs > 0) {
        entry.retry = setTimeout(() => {
          entry.retry = undefined;
          void open(entry);
        }, retryMs);
        return;
      }
    } catch {
      // gone
    }
    toWatches(entry.id, (w) => w.sink.emit({ type: 'stopped', id: entry.id }));
  }

  function close(entry: Watched) {
    clearTimeout(entry.retry);
    clearTimeout(entry.linger);
    entry.abort?.abort();
    entry.abort = undefined;
    watched.delete(entry.id);
  }

  function acquire(id: string) {
    let entry = watched.get(id);
    if (!entry) {
      entry = {
        id,
        refs: 0,
        limits: { cpus: null, memory: null },
        previous: undefined,
        abort: undefined,
        linger: undefined,
        retry: undefined,
      };
      watched.set(id, entry);
    }
    entry.refs += 1;
    clearTimeout(entry.linger);
    entry.linger = undefined;
    if (!entry.abort && !entry.retry) void open(entry);
  }

  function release(id: string) {
    const entry = watched.get(id);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    entry.linger = setTimeout(() => close(entry), lingerMs);
  }

  const onEvent = (event: RawEngineEvent) => {
    if (event.Type !== 'container') return;
    const id = event.Actor.ID;
    const t = event.timeNano ? Math.floor(event.timeNano / 1e6) : event.time * 1000;
    if (event.Action === 'oom') recordOom(id, t);
    const entry = watched.get(id);
    if (event.Action === 'destroy') {
      rings.delete(id);
      ooms.delete(id);
      if (entry) {
        entry.abort?.abort();
        entry.abort = undefined;
        toWatches(id, (w) => w.sink.emit({ type: 'stopped', id }));
      }
      return;
    }
    if (!entry || entry.refs === 0) return;
    if (event.Action === 'start' || event.Action === 'unpause') void open(entry);
    if (event.Action === 'die') {
      // Docker keeps a stopped container's stream open with empty readings; Podman ends it.
      entry.abort?.abort();
      entry.abort = undefined;
      void afterEnd(entry);
    }
  };
  const offEvent = engine.onEvent(onEvent);
  const offConnected = engine.onConnected(() => {
    for (const entry of watched.values()) {
      entry.abort?.abort();
      entry.abort = undefined;
      if (entry.refs > 0) void open(entry);
    }
  });

  return {
    requests: {
      'stats.history': ({ id }) => {
        const ring = rings.get(id);
        return Promise.resolve({ id, samples: ring ? ring.all() : [], ooms: [...(ooms.get(id) ?? [])], keepMs });
      },
      'stats.snapshot': async ({ ids, cpu }, context) => {
        const docker = engine.docker();
        const signal = context?.signal ?? new AbortController().signal;
        return Promise.all(
          [...new Set(ids)].map(async (id) => {
            const info = (await docker.getContainer(id).inspect()) as InspectLite;
            const raw = await readStatsOnce(docker, info.Id, !cpu, signal);
            return toSample(info.Id, raw, undefined, limitsOf(info.HostConfig), ooms.get(info.Id)?.length ?? 0);
          }),
        );
      },
    },
    subscriptions: {
      'stats.watch': ({ ids, view, everyMs }, sink) => {
        const w: Watch = {
          ids: new Set(ids),
          sink,
          list: view === 'list',
          everyMs: everyMs ?? batchMs,
          pending: [],
          timer: undefined,
        };
        watches.add(w);
        for (const id of w.ids) acquire(id);
        return () => {
          clearTimeout(w.timer);
          watches.delete(w);
          for (const id of w.ids) release(id);
        };
      },
    },
    openStreams: () => [...watched.values()].filter((e) => e.abort !== undefined).map((e) => e.id),
    dispose: () => {
      offEvent();
      offConnected();
      for (const w of watches) clearTimeout(w.timer);
      watches.clear();
      for (const entry of [...watched.values()]) close(entry);
    },
  };
}
