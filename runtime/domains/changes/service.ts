// The engine's event stream, turned into row-level changes for the UI.
// A container event fetches just that container (many at once, one request
// per window); image events re-list images (cheap); volume events inspect one
// volume. One engine listener serves every subscriber.
import type { ChangeEvent } from './types';
import type { ContainerState, ContainerSummary } from '../containers/types';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import { listContainers } from '../containers/service';
import { type Clock, type Coalescer, createCoalescer, systemClock } from './coalescer';
import { effectsOf } from './event-effects';
import { listImages } from '../images/service';
import { inspectVolume } from '../volumes/service';

export interface ChangesOptions {
  /** Window over which events for one container are merged into one fetch. */
  containerWindowMs?: number;
  /** While container events keep coming (many containers created, started, removed at once), fetches start at most this often. */
  containerBurstWindowMs?: number;
  /** Window over which image events are merged into one re-list. */
  imageWindowMs?: number;
  volumeWindowMs?: number;
  clock?: Clock;
  /** Failed fetches are dropped (a reconnect re-lists everything); this hears about them. */
  onError?: (error: unknown) => void;
}

export interface ChangesService extends ServiceHandlers<never, 'changes.watch'> {
  /** Resolves when no event is waiting to be turned into a change. For tests and shutdown. */
  idle(): Promise<void>;
}

/** Ids per list request: keeps the filter short however many containers changed. */
const IDS_PER_FETCH = 50;

/** removed wins: once the engine said a container is gone, a later fetch adds nothing. */
const mergeRemoved = (a: boolean, b: boolean) => a || b;

/** What is known about one container between its events and the fetch. */
export interface ContainerChange {
  removed: boolean;
  /** States the latest event implies; see EventEffect. */
  expect?: readonly ContainerState[];
  /** Fetches already made that disagreed with `expect`. */
  retries: number;
}

/** `a` waits in the window; `b` arrives: a newer event, or a retry of an older one (retries > 0). */
export function mergeContainerChange(a: ContainerChange, b: ContainerChange): ContainerChange {
  const removed = a.removed || b.removed;
  if (b.retries > 0) {
    // A retry carries older knowledge than anything already waiting.
    const expect = a.expect ?? b.expect;
    return { removed, retries: a.expect ? a.retries : b.retries, ...(expect ? { expect } : {}) };
  }
  const expect = b.expect ?? a.expect;
  return { removed, retries: b.expect ? 0 : a.retries, ...(expect ? { expect } : {}) };
}

/**
 * The list shows a state past the one the event implies: created and already
 * started, started and already exited (a short command). Its own next event
 * follows, so there is nothing to look at again.
 */
const movedOn = (expect: readonly ContainerState[], state: ContainerState) =>
  (expect.includes('created') && state !== 'created') ||
  (expect.includes('running') && (state === 'exited' || state === 'dead'));

/** Fetches of one container that may disagree with its latest event before the row is shown as is. */
const MAX_RETRIES = 5;

/**
 * A fetch behind its events for at most this many containers waits for the
 * engine to let go of them, outside a burst (a few containers going about
 * their business): a burst's retries ride on its next batches instead.
 */
const BARRIER_LIMIT = 4;
/** The longest a fetch waits for the engine to let go of a container before the next window looks again. */
const BARRIER_MS = 1000;

/** The fetched row does not show what the event said (yet). */
const isStale = (change: ContainerChange, container: ContainerSummary | undefined) =>
  change.expect !== undefined &&
  (container === undefined || (!change.expect.includes(container.state) && !movedOn(change.expect, container.state)));

export function createChangesService(engine: Engine, options: ChangesOptions = {}): ChangesService {
  const sinks = new Set<SubscriptionSink<ChangeEvent>>();
  const broadcast = (event: ChangeEvent) => {
    for (const sink of sinks) sink.emit(event);
  };
  const onError = options.onError ?? (() => {});
  const clock = options.clock;

  const containers: Coalescer<string, ContainerChange> = createCoalescer({
    windowMs: options.containerWindowMs ?? 10,
    burstWindowMs: options.containerBurstWindowMs ?? 200,
    merge: mergeContainerChange,
    onError,
    ...(clock ? { clock } : {}),
    flush: async (batch) => {
      const changed: Array<[string, ContainerChange]> = [];
      for (const [id, change] of batch) {
        if (change.removed) broadcast({ kind: 'container.remove', id });
        else changed.push([id, change]);
      }
      const docker = engine.docker();
      for (let i = 0; i < changed.length; i += IDS_PER_FETCH) {
        const chunk = changed.slice(i, i + IDS_PER_FETCH);
        const fetch = async (ids: string[]) =>
          new Map((await listContainers(docker, { id: ids }, engine.info()?.kind === 'podman')).map((c) => [c.id, c]));
        let found = await fetch(chunk.map(([id]) => id));
        /** Looked at twice already: before and after waiting for the engine. */
        let waited = new Set<string>();
        const lagging = chunk.filter(([id, change]) => change.retries === 0 && isStale(change, found.get(id)));
        if (lagging.length > 0 && lagging.length <= BARRIER_LIMIT && !containers.busy()) {
          // Docker sends `die` while it still holds the container, and lists it stopped only once it has
          // cleaned up (network, mounts): an inspect waits for that moment, the list after it is current.
          const settled = await waitForEngine(lagging.map(([id]) => id));
          if (settled.length > 0) found = new Map([...found, ...(await fetch(settled))]);
          waited = new Set(settled);
        }
        for (const [id, change] of chunk) {
          const container = found.get(id);
          if (isStale(change, container) && change.retries < MAX_RETRIES) {
            // The engine's list lags its event: look again next window.
            containers.add(id, { ...change, retries: change.retries + (waited.has(id) ? 2 : 1) }, true);
            if (container === undefined) continue;
          }
          // Gone between the event and the fetch (e.g. `docker run --rm`).
          broadcast(container ? { kind: 'container.upsert', container } : { kind: 'container.remove', id });
        }
      }
    },
  });

  /**
   * Inspects each container, which the engine answers only once it lets go of
   * the container; the ids it answered for (at most BARRIER_MS later).
   */
  const waitForEngine = async (ids: string[]): Promise<string[]> => {
    const docker = engine.docker();
    const answered: string[] = [];
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = (clock ?? systemClock).setTimeout(resolve, BARRIER_MS);
    });
    const inspected = Promise.all(
      ids.map(async (id) => {
        try {
          await docker.getContainer(id).inspect();
          answered.push(id);
        } catch {
          // Gone or not answered: the retry in the next window covers it.
        }
      }),
    );
    await Promise.race([inspected, timeout]);
    (clock ?? systemClock).clearTimeout(timer);
    return [...answered];
  };

  const images: Coalescer<'images', true> = createCoalescer({
    windowMs: options.imageWindowMs ?? 100,
    // Each batch re-lists every image: while image events keep coming, at most twice a second.
    burstWindowMs: 500,
    onError,
    ...(clock ? { clock } : {}),
    flush: async () => {
      broadcast({ kind: 'images.replace', images: await listImages(engine.docker()) });
    },
  });

  const volumes: Coalescer<string, boolean> = createCoalescer({
    windowMs: options.volumeWindowMs ?? 30,
    merge: mergeRemoved,
    onError,
    ...(clock ? { clock } : {}),
    flush: async (batch) => {
      for (const [name, removed] of batch) {
        if (removed) {
          broadcast({ kind: 'volume.remove', name });
          continue;
        }
        try {
          broadcast({ kind: 'volume.upsert', volume: await inspectVolume(engine.docker(), name) });
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) broadcast({ kind: 'volume.remove', name });
          else onError(error);
        }
      }
    },
  });

  // A network changed: the UI re-reads its networks (a few, each small).
  const networks: Coalescer<'networks', true> = createCoalescer({
    windowMs: options.imageWindowMs ?? 100,
    burstWindowMs: 500,
    onError,
    ...(clock ? { clock } : {}),
    flush: async () => {
      broadcast({ kind: 'networks.changed' });
    },
  });

  let stopListening: (() => void) | undefined;

  const start = () => {
    const offEvent = engine.onEvent((raw) => {
      for (const effect of effectsOf(raw)) {
        if (effect.kind === 'container') {
          containers.add(effect.id, {
            removed: effect.removed,
            retries: 0,
            ...(effect.expect !== undefined ? { expect: effect.expect } : {}),
          });
        } else if (effect.kind === 'volume') volumes.add(effect.name, effect.removed);
        else if (effect.kind === 'networks') networks.add('networks', true);
        else images.add('images', true);
      }
    });
    const offConnected = engine.onConnected(() => {
      // The UI re-lists everything; what was waiting is covered by that.
      containers.clear();
      images.clear();
      volumes.clear();
      networks.clear();
      broadcast({ kind: 'resync' });
    });
    stopListening = () => {
      offEvent();
      offConnected();
      containers.clear();
      images.clear();
      volumes.clear();
      networks.clear();
    };
  };

  return {
    requests: {},
    subscriptions: {
      'changes.watch': (_input, sink) => {
        sinks.add(sink);
        if (stopListening === undefined) start();
        return () => {
          if (!sinks.delete(sink)) return;
          if (sinks.size === 0 && stopListening !== undefined) {
            stopListening();
            stopListening = undefined;
          }
        };
      },
    },
    idle: async () => {
      await Promise.all([containers.idle(), images.idle(), volumes.idle(), networks.idle()]);
    },
  };
}
