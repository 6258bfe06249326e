// The engine's event stream: opened without waiting for its headers, read at
// once, and opened again when it ends while the engine still answers.
import type Docker from 'dockerode';
import { ping } from './client';
import { createNdjsonParser } from './ndjson';
import type { RawEngineEvent } from './types';

export const PING_TIMEOUT_MS = 3000;
/** How often in a row an event stream that brought nothing is opened again before the engine counts as lost. */
const MAX_EVENT_REOPENS = 3;

export interface EventStreamOptions {
  /** False once the connection this stream belongs to was abandoned. */
  isCurrent(): boolean;
  onEvent(event: RawEngineEvent): void;
  /** The stream ended and the engine no longer answers (or keeps ending it empty). */
  onLost(reason: string): void;
  log(message: string): void;
}

export interface EventStream {
  /** Aborts the stream open now (a reopened one included). */
  close(): void;
}

/**
 * Engines send the response headers only with the first event, so the
 * stream is not awaited; `since` replays what happened while it was being
 * opened. It is read at once: the engine drops readers that fall behind.
 */
export function openEventStream(docker: Docker, options: EventStreamOptions): EventStream {
  let abort: AbortController | undefined;
  const open = (since: number, reopened: number): void => {
    const mine = new AbortController();
    abort = mine;
    let ended = false;
    let lastSecond = since;
    let received = false;
    const lost = (reason: string): void => {
      if (ended || !options.isCurrent()) return;
      ended = true;
      // A stream can end while the engine is well (Podman ends it when it
      // rotates its event log): if the engine still answers, open it again from
      // the last event's second (a repeated event is harmless, a missed one is
      // not). Only a stream that keeps ending with nothing in it counts as lost.
      const tries = received ? 0 : reopened;
      if (tries >= MAX_EVENT_REOPENS) {
        options.onLost(reason);
        return;
      }
      ping(docker, PING_TIMEOUT_MS).then(
        () => {
          if (!options.isCurrent()) return;
          options.log(`engine: the event stream ended (${reason}); the engine answers, so it is opened again`);
          open(lastSecond, tries + 1);
        },
        () => {
          if (options.isCurrent()) options.onLost(reason);
        },
      );
    };
    const parser = createNdjsonParser(
      (value) => {
        if (!isRawEvent(value)) return;
        received = true;
        lastSecond = Math.max(lastSecond, value.time);
        options.onEvent(value);
      },
      (line) => options.log(`engine: skipped an event line that is not JSON: ${line.slice(0, 200)}`),
    );
    docker
      .getEvents({ since, abortSignal: mine.signal } as Docker.GetEventsOptions)
      .then((stream) => {
        if (!options.isCurrent()) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return;
        }
        stream.on('data', (chunk: Buffer) => parser.push(chunk));
        stream.on('end', () => lost('The engine closed its event stream.'));
        stream.on('close', () => lost('The connection to the engine was closed.'));
        stream.on('error', (e: Error) => lost(reasonOf(e)));
      })
      .catch((e: unknown) => lost(reasonOf(e)));
  };
  open(Math.floor(Date.now() / 1000) - 1, 0);
  return {
    close() {
      abort?.abort();
      abort = undefined;
    },
  };
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isRawEvent(value: unknown): value is RawEngineEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.Type === 'string' && typeof v.Action === 'string' && typeof v.Actor === 'object' && v.Actor !== null;
}
