// The life of a terminal session, whatever runs in it (a container's shell,
// or the shell on this machine): kept while a screen watches it, closed when
// none has for a while, remembered for a minute after it ends so a late
// screen still hears how; one screen at a time, a newer one taking over.
import { ApiError } from '../../api/errors';
import type { SubscriptionSink } from '../../transport/handlers';
import type { FlowController, createReplayBuffer } from './flow';

/** How long an ended session is remembered, so a late subscriber still hears how it ended. */
const ENDED_MS = 60_000;

export interface SessionCore<Info extends { id: string }, Exit> {
  readonly info: Info;
  readonly flow: FlowController;
  /** The most recent output sent, to redraw a new screen. */
  readonly recent: ReturnType<typeof createReplayBuffer>;
  sink: SubscriptionSink<{ type: 'data'; data: Uint8Array } | Exit> | null;
  exit: Exit | null;
  closing: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface SessionTableOptions<S> {
  /** How long a session without a screen lives before it is closed. */
  orphanMs: number;
  /** Ends what runs in the session (it calls `finish` when it has). */
  close: (s: S) => void;
  /** Lets go of what the session holds once it has ended (its stream). */
  released?: (s: S) => void;
}

export const sessionEnded = () =>
  new ApiError({ code: 'not-found', message: 'This terminal session has ended.', hint: 'Open a new terminal.' });

export function createSessionTable<Info extends { id: string }, Exit, S extends SessionCore<Info, Exit>>(
  options: SessionTableOptions<S>,
) {
  const sessions = new Map<string, S>();

  function forget(s: S) {
    s.flow.dispose();
    sessions.delete(s.info.id);
  }

  function close(s: S) {
    if (s.exit) return;
    s.closing = true;
    options.close(s);
  }

  /** The session's end: its output so far, then how it ended, to the screen; remembered a while. */
  function finish(s: S, exit: Exit) {
    if (s.exit) return;
    s.exit = exit;
    s.flow.flush();
    options.released?.(s);
    s.sink?.emit(exit);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => forget(s), ENDED_MS);
    s.timer.unref();
  }

  /** No screen watches it: closed and forgotten unless one comes back in time. */
  function orphan(s: S) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      if (s.sink) return;
      if (!s.exit) close(s);
      forget(s);
    }, options.orphanMs);
    s.timer.unref();
  }

  const get = (id: string): S => {
    const s = sessions.get(id);
    if (!s) throw sessionEnded();
    return s;
  };
  /** A session still running: input, resizes and replays go only to those. */
  const live = (id: string): S => {
    const s = get(id);
    if (s.exit) throw new ApiError({ code: 'conflict', message: 'This terminal session has ended.' });
    return s;
  };

  return {
    /** Keeps a new session; counted as without a screen until one subscribes. */
    add: (s: S) => {
      sessions.set(s.info.id, s);
    },
    values: () => sessions.values(),
    get,
    live,
    finish,
    orphan,
    close,
    closeById: (id: string) => {
      const s = sessions.get(id);
      if (s) close(s);
    },
    ack: (id: string, bytes: number) => {
      const s = sessions.get(id);
      if (s && !s.exit) s.flow.ack(bytes);
    },
    replay: (id: string) => {
      const s = live(id);
      return { session: s.info, text: s.recent.text() };
    },
    /** A screen for the session's output; a newer one (a reconnect) takes over. Returns its unsubscribe. */
    subscribe: (id: string, sink: NonNullable<S['sink']>): (() => void) => {
      const s = sessions.get(id);
      if (!s) {
        sink.fail(sessionEnded());
        return () => {};
      }
      const previous = s.sink;
      s.sink = sink;
      previous?.fail(new ApiError({ code: 'conflict', message: 'This terminal was opened elsewhere.' }));
      clearTimeout(s.timer);
      // Output that waited for a screen first, then how it ended.
      s.flow.setAttached(true);
      if (s.exit) sink.emit(s.exit);
      return () => {
        if (s.sink !== sink) return;
        s.sink = null;
        s.flow.setAttached(false);
        if (!s.exit) orphan(s);
      };
    },
    /** Closes every session (the app is quitting). */
    dispose: () => {
      for (const s of sessions.values()) {
        clearTimeout(s.timer);
        close(s);
        s.flow.dispose();
      }
      sessions.clear();
    },
    count: () => [...sessions.values()].filter((s) => !s.exit).length,
  };
}
