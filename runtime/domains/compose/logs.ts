// A project's logs: every container of its services streamed through the
// engine (the logs domain's own stream: demultiplexing, timestamps, resuming
// across restarts), merged in time order with the service and container on
// each line. Following picks up containers that start later.
import type { Engine, RawEngineEvent } from '../../engine/types';
import { streamLogs } from '../logs/service';
import { splitTimestamp } from '../logs/parse';
import type { SubscriptionSink } from '../../transport/handlers';
import { COMPOSE_LABELS } from './labels';
import { projectContainers } from './projects';
import type { ComposeLogEvent, ComposeLogLine } from './types';

export interface ComposeLogsInput {
  project: string;
  services?: string[] | undefined;
  tail: number | 'all';
  follow: boolean;
}

/** How long lines wait to be merged with other containers' lines of the same moment. */
const WINDOW_MS = 150;

const sortKey = (time: string) => splitTimestamp(`${time} `)?.key ?? time;

/** Merges lines from several containers by their engine timestamp (stable for equal times). */
export function mergeByTime(lines: readonly ComposeLogLine[]): ComposeLogLine[] {
  return lines
    .map((line, i) => ({ line, i, key: sortKey(line.time) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((x) => x.line);
}

export function streamProjectLogs(
  engine: Engine,
  input: ComposeLogsInput,
  command: string,
  sink: SubscriptionSink<ComposeLogEvent>,
): () => void {
  let stopped = false;
  const streams = new Map<string, { stop: () => void; ended: boolean }>();
  let held: ComposeLogLine[] = [];
  let timer: NodeJS.Timeout | undefined;
  let offEvents: (() => void) | undefined;
  const wanted = (service: string) =>
    !input.services || input.services.length === 0 || input.services.includes(service);

  const flush = () => {
    timer = undefined;
    if (stopped || held.length === 0) return;
    const lines = mergeByTime(held);
    held = [];
    sink.emit({ type: 'lines', lines });
  };
  const finishIfAllEnded = () => {
    if (input.follow || stopped) return;
    if ([...streams.values()].every((s) => s.ended)) {
      flush();
      sink.emit({ type: 'status', state: 'ended' });
      stopped = true;
    }
  };

  const follow = (id: string, name: string, service: string, tail: number | 'all') => {
    if (streams.has(id) || stopped) return;
    const entry = { stop: () => {}, ended: false };
    streams.set(id, entry);
    entry.stop = streamLogs(
      engine,
      { container: id, tail, timestamps: true, follow: input.follow },
      {
        emit(e) {
          if (e.type === 'lines') {
            for (const l of e.lines)
              held.push({ service, container: name, stream: l.stream, text: l.text, time: l.time ?? '' });
            // Without follow everything is merged at the end; with it, in short windows.
            if (input.follow) timer ??= setTimeout(flush, WINDOW_MS);
          } else if (e.type === 'status' && e.state === 'ended') {
            entry.ended = true;
            finishIfAllEnded();
          }
        },
        fail(error) {
          entry.ended = true;
          if (!input.follow) finishIfAllEnded();
          void error;
        },
      },
    );
  };

  void (async () => {
    const containers = (await projectContainers(engine.docker(), input.project)).filter((c) =>
      wanted(c.membership.service),
    );
    if (stopped) return;
    sink.emit({ type: 'reset', command, services: [...new Set(containers.map((c) => c.membership.service))] });
    if (input.follow) {
      offEvents = engine.onEvent((event: RawEngineEvent) => {
        if (event.Type !== 'container' || event.Action !== 'start') return;
        const labels = event.Actor.Attributes ?? {};
        const service = labels[COMPOSE_LABELS.service];
        if (labels[COMPOSE_LABELS.project] !== input.project || service === undefined || !wanted(service)) return;
        const name = labels.name ?? event.Actor.ID.slice(0, 12);
        follow(event.Actor.ID, name, service, 'all');
      });
      sink.emit({ type: 'status', state: 'following' });
    }
    for (const c of containers) follow(c.info.Id, c.name, c.membership.service, input.tail);
    if (containers.length === 0) finishIfAllEnded();
  })().catch((e: unknown) => {
    if (!stopped) sink.fail(e);
  });

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    offEvents?.();
    for (const s of streams.values()) s.stop();
  };
}
