// Logs: a container's output, streamed to the UI in batches. The engine is
// always asked for timestamps: they split the stream into lines and tell
// where to resume when a followed container restarts (the engine ends the
// stream when the container stops). They are stripped again when the user
// did not ask for them.
import type { Readable } from 'node:stream';
import type { ParsedInputOf } from '../../api/contract';
import type { LogEvent, LogLine } from './types';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import { toPlainError } from '../../transport/to-api-error';
import { FrameDemuxer, LineSplitter, type LogStreamKind, ResumeCursor, splitTimestamp } from './parse';

type Input = ParsedInputOf<'logs.stream'>;
type Docker = ReturnType<Engine['docker']>;

export interface LogsOptions {
  /** Longest a line waits before it is sent. */
  batchMs?: number;
  /** Most lines in one batch. */
  batchLines?: number;
}

/** The command a logs stream stands for: `docker logs -f --tail 500 web`. */
export function logsCommand(input: Input, name: string): string {
  return dockerCommand('container.logs', {
    container: name,
    follow: input.follow,
    tail: input.tail,
    ...(input.since !== undefined ? { since: input.since } : {}),
    timestamps: input.timestamps,
  });
}

interface InspectLite {
  Id: string;
  Name?: string;
  Config?: { Tty?: boolean };
  State?: { Running?: boolean; ExitCode?: number; StartedAt?: string };
}

/** Opens the engine's log stream (always a stream, even without follow, so a long log never sits in one buffer). */
function openLogStream(
  docker: Docker,
  id: string,
  query: Record<string, string | number | boolean>,
  signal: AbortSignal,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    (docker.modem as { dial: (options: object, cb: (err: unknown, stream: Readable) => void) => void }).dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        isStream: true,
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: query,
      },
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever else the engine gave, as text
      (err, stream) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(stream)),
    );
  });
}

export function streamLogs(engine: Engine, input: Input, sink: SubscriptionSink<LogEvent>, options: LogsOptions = {}) {
  const batchMs = options.batchMs ?? 50;
  const batchLines = options.batchLines ?? 1000;
  const cursor = new ResumeCursor();
  let stopped = false;
  let phase: 'opening' | 'open' | 'waiting' = 'opening';
  let id = input.container;
  let abort: AbortController | undefined;
  let stream: Readable | undefined;
  let batch: LogLine[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const offs: Array<() => void> = [];

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0 || stopped) return;
    const lines = batch;
    batch = [];
    sink.emit({ type: 'lines', lines });
  };

  // Once the container has died, what its stream still brings may be the next run's output read
  // out of order (Podman goes on reading the log file for a while after the container ends): such
  // lines are held back, and the stream reopened after it reads them again, in order.
  let holding = false;
  let held = false;

  const push = (stream: LogStreamKind, raw: string) => {
    if (holding) {
      held = true;
      return;
    }
    const stamped = splitTimestamp(raw);
    if (stamped && !cursor.accept(stamped.key, stamped.seconds)) return;
    const line: LogLine = { stream, text: stamped ? stamped.text : raw };
    if (stamped && input.timestamps) line.time = stamped.time;
    batch.push(line);
    if (batch.length >= batchLines) flush();
    else timer ??= setTimeout(flush, batchMs);
  };

  const status = (state: 'following' | 'waiting' | 'ended', extra: { message?: string; exitCode?: number } = {}) => {
    if (!stopped) sink.emit({ type: 'status', state, ...extra });
  };

  async function open(resume: boolean): Promise<void> {
    phase = 'opening';
    const docker = engine.docker();
    const info = (await docker.getContainer(id).inspect()) as InspectLite;
    if (stopped) return;
    id = info.Id;
    if (!resume)
      sink.emit({
        type: 'reset',
        command: logsCommand(input, (info.Name ?? id).replace(/^\//, '')),
        tty: info.Config?.Tty === true,
      });
    const query: Record<string, string | number | boolean> = {
      stdout: true,
      stderr: true,
      timestamps: true,
      follow: input.follow,
    };
    if (resume) {
      cursor.beginResume();
      // Everything since the newest line seen; with none seen, since this run of the container started.
      const since = cursor.resumeSince ?? startedAt(info);
      if (since !== undefined) query.since = since;
    } else {
      query.tail = input.tail === 'all' ? 'all' : input.tail;
      if (input.since !== undefined) query.since = input.since;
    }
    abort = new AbortController();
    const s = await openLogStream(docker, id, query, abort.signal);
    if (stopped) {
      s.destroy();
      return;
    }
    stream = s;
    phase = 'open';
    holding = false;
    if (input.follow && info.State?.Running === true) status('following');
    const splitters = {
      stdout: new LineSplitter((l) => push('stdout', l)),
      stderr: new LineSplitter((l) => push('stderr', l)),
    };
    // A TTY container's stream is raw: one stream, nothing to demultiplex.
    const demux = info.Config?.Tty === true ? null : new FrameDemuxer((kind, payload) => splitters[kind].push(payload));
    s.on('data', (chunk: Buffer) => (demux ? demux.push(chunk) : splitters.stdout.push(chunk)));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      splitters.stdout.end();
      splitters.stderr.end();
      flush();
      if (stream === s) stream = undefined;
      if (!stopped) void afterEnd();
    };
    s.once('end', finish);
    s.once('close', finish);
    s.once('error', finish);
  }

  /** The stream ended: the container stopped, was removed, or the engine went away. */
  async function afterEnd(): Promise<void> {
    if (!input.follow) {
      status('ended');
      return;
    }
    phase = 'waiting';
    const catchUp = held;
    held = false;
    try {
      // Lines were held back: read them again (the reopened stream ends here again when the container is stopped).
      if (catchUp) {
        await open(true);
        return;
      }
      const info = (await engine.docker().getContainer(id).inspect()) as InspectLite;
      if (stopped || phase !== 'waiting') return;
      if (info.State?.Running === true) {
        await reopen();
        return;
      }
      status('waiting', { exitCode: info.State?.ExitCode ?? 0 });
    } catch (error) {
      if (stopped) return;
      if (catchUp) held = true;
      if (isGone(error)) {
        status('ended', { message: 'removed' });
        stop();
        return;
      }
      // The engine is unreachable: onConnected tries again once it is back.
      status('waiting', { message: toPlainError(error).message });
    }
  }

  async function reopen(): Promise<void> {
    if (stopped || phase !== 'waiting') return;
    try {
      await open(true);
    } catch (error) {
      if (!stopped) {
        phase = 'waiting';
        status('waiting', { message: toPlainError(error).message });
      }
    }
  }

  function stop() {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const off of offs.splice(0)) off();
    abort?.abort();
    stream?.destroy();
  }

  if (input.follow) {
    // Registered before the first open, so a start between "stream ended" and "waiting" is not missed.
    offs.push(
      engine.onEvent((event) => {
        if (event.Type !== 'container' || event.Actor.ID !== id) return;
        if (event.Action === 'start' && phase === 'waiting') void reopen();
        if ((event.Action === 'die' || event.Action === 'died') && phase === 'open') holding = true;
        // Docker says destroy; Podman's compat stream says remove.
        if (event.Action === 'destroy' || event.Action === 'remove') {
          flush();
          status('ended', { message: 'removed' });
          stop();
        }
      }),
      engine.onConnected(() => {
        if (phase === 'waiting') void afterEnd();
      }),
    );
  }

  open(false).catch((error: unknown) => {
    if (stopped) return;
    stop();
    sink.fail(error);
  });
  return stop;
}

/** No such container: Docker answers 404; Podman, while removing, a 500 saying so. */
function isGone(error: unknown): boolean {
  const e = error as { statusCode?: number; message?: string };
  return e.statusCode === 404 || /no such container|does not exist in database/i.test(e.message ?? '');
}

function startedAt(info: InspectLite): number | undefined {
  const ms = Date.parse(info.State?.StartedAt ?? '');
  return Number.isNaN(ms) || ms <= 0 ? undefined : Math.floor(ms / 1000);
}

export function createLogsService(engine: Engine, options: LogsOptions = {}): ServiceHandlers<never, 'logs.stream'> {
  return {
    requests: {},
    subscriptions: {
      'logs.stream': (input, sink) => streamLogs(engine, input, sink, options),
    },
  };
}
