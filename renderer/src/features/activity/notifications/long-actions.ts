// Long actions (pull, push, build, compose up) are subscriptions the pages
// start; the client is wrapped once so each one's end is heard here, whatever
// page started it, and a notification can say it finished.
import type { Client } from '../../../api/client';

export type LongAction = 'pull' | 'push' | 'build' | 'composeUp';

export interface FinishedAction {
  action: LongAction;
  /** The image or project it was about. */
  subject: string;
  ok: boolean;
  /** The address (hash) the page had when it started. */
  startedOn: string;
}

type Input = Record<string, unknown> | undefined;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The subscriptions that are long actions, and what each is about. */
export function longActionOf(topic: string, input: Input): { action: LongAction; subject: string } | undefined {
  switch (topic) {
    case 'images.pull':
      return { action: 'pull', subject: str(input?.image) };
    case 'images.push':
      return { action: 'push', subject: str(input?.image) };
    case 'images.build':
      return { action: 'build', subject: Array.isArray(input?.tags) ? str(input.tags[0]) : '' };
    case 'compose.run': {
      const op = input?.op as { kind?: unknown } | undefined;
      return op?.kind === 'up' ? { action: 'composeUp', subject: str(input?.project) } : undefined;
    }
    default:
      return undefined;
  }
}

/** A progress event that says the action is over, and whether it went well. */
export function doneOf(event: unknown): { ok: boolean } | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as { kind?: unknown; type?: unknown; ok?: unknown };
  if (e.kind === 'done') return { ok: true };
  if (e.type === 'done') return { ok: e.ok !== false };
  return undefined;
}

const listeners = new Set<(finished: FinishedAction) => void>();

export function onLongActionFinished(listener: (finished: FinishedAction) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The same client; its long subscriptions report their end to onLongActionFinished. */
export function trackLongActions(client: Client): Client {
  const wrapped = Object.create(client) as Client;
  wrapped.subscribe = ((
    topic: string,
    input: Input,
    onEvent: (event: unknown) => void,
    onEnd?: (error?: unknown) => void,
  ) => {
    const long = longActionOf(topic, input);
    if (long === undefined)
      return (client.subscribe as (...args: unknown[]) => () => void)(topic, input, onEvent, onEnd);
    const startedOn = window.location.hash;
    let reported = false;
    const report = (ok: boolean) => {
      if (reported) return;
      reported = true;
      for (const l of [...listeners]) l({ ...long, ok, startedOn });
    };
    return (client.subscribe as (...args: unknown[]) => () => void)(
      topic,
      input,
      (event: unknown) => {
        const done = doneOf(event);
        if (done) report(done.ok);
        onEvent(event);
      },
      (error?: unknown) => {
        // Ended with an error (a failed pull) counts; ended by the page (unsubscribed) does not reach here.
        if (error !== undefined) report(false);
        onEnd?.(error);
      },
    );
  }) as Client['subscribe'];
  return wrapped;
}
