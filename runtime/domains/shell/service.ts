// Shells on the machine Wharf runs on, in a pseudo-terminal, their
// environment pointed at the connected engine (env.ts). Output goes through
// the terminal domain's flow control, so a command printing 100 MB cannot
// outrun the renderer; sessions outlive their subscriber for a while (a
// reloaded page reattaches) and end when Wharf quits.
import { randomBytes } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { basename } from 'node:path';
import type * as PtyLibrary from '@lydell/node-pty';
import type { IPty } from '@lydell/node-pty';
import { ApiError } from '../../api/errors';
import { type ErrorTextKey, errorHint, errorMessage } from '../../api/error-texts';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import type { EngineTls } from '../compose/tool';
import { type FlowController, createFlowController, createReplayBuffer } from '../terminal/flow';
import { ORPHAN_MS, REPLAY_CHARS } from '../terminal/service';
import { type ShellEngineTarget, certPath, pickShell, shellAvailability, shellEngineEnv, shellEnv } from './env';
import type {
  ShellAvailability,
  ShellEngine,
  ShellExit,
  ShellOutput,
  ShellSession,
  ShellUnavailableReason,
} from './types';

/** How long an ended session is remembered, so a late subscriber still hears how it ended. */
const ENDED_MS = 60_000;

type PtyModule = typeof PtyLibrary;

interface Session {
  readonly info: ShellSession;
  readonly pty: IPty;
  readonly flow: FlowController;
  readonly recent: ReturnType<typeof createReplayBuffer>;
  sink: SubscriptionSink<ShellOutput> | null;
  exit: ShellExit | null;
  closing: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface ShellServiceOptions {
  /** Browser mode listens on a non-loopback address: the shell is never offered. */
  remoteClients: boolean;
  /** Settings' switch (absent: on). */
  enabled: () => boolean;
  /** TLS files for an endpoint, when Settings has them for it. */
  tls?: (endpoint: string) => EngineTls | null;
  /** Where links named ca.pem, cert.pem and key.pem to Settings' TLS files are made (DOCKER_CERT_PATH). */
  certDir: string;
  orphanMs?: number;
  flow?: { highWatermark?: number; lowWatermark?: number; batchMs?: number; batchBytes?: number };
  /** Loads the pseudo-terminal library (tests pass one that fails). */
  loadPty?: () => Promise<PtyModule>;
}

export interface ShellService extends ServiceHandlers<
  'shell.available' | 'shell.open' | 'shell.input' | 'shell.resize' | 'shell.ack' | 'shell.close' | 'shell.replay',
  'shell.output'
> {
  /** Ends every session (turned off in Settings). */
  closeAll(): void;
  /** Ends every session (Wharf is quitting). */
  dispose(): void;
  /** Sessions alive right now (tests). */
  count(): number;
}

const REFUSALS = {
  'remote-browser': 'shell.remoteBrowser',
  disabled: 'shell.disabled',
  'no-pty': 'shell.noPty',
} as const satisfies Record<ShellUnavailableReason, ErrorTextKey>;

const ended = () =>
  new ApiError({ code: 'not-found', message: 'This terminal session has ended.', hint: 'Open a new terminal.' });

export function createShellService(engine: Engine, options: ShellServiceOptions): ShellService {
  const orphanMs = options.orphanMs ?? ORPHAN_MS;
  const sessions = new Map<string, Session>();
  const loadPty = options.loadPty ?? (() => import('@lydell/node-pty'));
  let pty: Promise<PtyModule | null> | undefined;
  const ptyModule = () => (pty ??= loadPty().catch(() => null));

  /** The connected engine, with Settings' TLS for it. */
  function target(): ShellEngineTarget | null {
    const info = engine.info();
    const state = engine.state();
    if (!info || state.phase !== 'connected') return null;
    const tls = options.tls?.(info.endpoint) ?? null;
    if (!tls) return { kind: info.kind, endpoint: info.endpoint };
    const path = certPath(tls, options.certDir);
    return {
      kind: info.kind,
      endpoint: info.endpoint,
      tls: { verify: tls.verify, ...(path ? { certPath: path } : {}) },
    };
  }

  const describe = (t: ShellEngineTarget | null): ShellEngine | null =>
    t ? { kind: t.kind, endpoint: t.endpoint, env: shellEngineEnv(t) } : null;

  async function availability(): Promise<ShellAvailability> {
    const decision = shellAvailability({
      remoteClients: options.remoteClients,
      ptyLoaded: options.remoteClients || (await ptyModule()) !== null,
      enabled: options.enabled(),
    });
    return { ...decision, hostname: hostname(), shell: pickShell(), engine: describe(target()) };
  }

  function finish(s: Session, exit: ShellExit) {
    if (s.exit) return;
    s.exit = exit;
    s.flow.flush();
    s.sink?.emit(exit);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => forget(s), ENDED_MS);
    s.timer.unref();
  }

  function forget(s: Session) {
    s.flow.dispose();
    sessions.delete(s.info.id);
  }

  function orphan(s: Session) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      if (s.sink) return;
      if (!s.exit) close(s);
      forget(s);
    }, orphanMs);
    s.timer.unref();
  }

  function close(s: Session) {
    if (s.exit) return;
    s.closing = true;
    try {
      // A hangup, as when a terminal window closes; Windows ends the console.
      s.pty.kill(process.platform === 'win32' ? undefined : 'SIGHUP');
    } catch {
      // already gone
    }
    finish(s, { type: 'exit', reason: 'closed' });
  }

  async function open({ cols, rows }: { cols: number; rows: number }): Promise<ShellSession> {
    const { available, reason } = await availability();
    if (!available) {
      const key = REFUSALS[reason ?? 'disabled'];
      throw new ApiError({ code: 'forbidden', message: errorMessage(key), hint: errorHint(key), key });
    }
    const lib = (await ptyModule())!;
    const engineTarget = target();
    const shell = pickShell();
    const child = lib.spawn(shell, [], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: homedir(),
      env: shellEnv(process.env, engineTarget),
    });
    const id = randomBytes(16).toString('hex');
    const recent = createReplayBuffer(REPLAY_CHARS);
    const session: Session = {
      info: {
        id,
        hostname: hostname(),
        shell,
        command: basename(shell).replace(/\.exe$/i, ''),
        engine: describe(engineTarget),
      },
      pty: child,
      recent,
      sink: null,
      exit: null,
      closing: false,
      timer: undefined,
      flow: createFlowController({
        ...options.flow,
        send: (data) => {
          recent.add(data);
          session.sink?.emit({ type: 'data', data });
        },
        pause: () => child.pause(),
        resume: () => child.resume(),
      }),
    };
    sessions.set(id, session);
    child.onData((data) => {
      if (!session.exit) session.flow.push(data);
    });
    child.onExit(({ exitCode, signal }) => {
      if (session.closing) return;
      finish(session, {
        type: 'exit',
        reason: 'process-exited',
        exitCode,
        ...(signal ? { signal } : {}),
      });
    });
    // Counted from here: the renderer subscribes as soon as open answers.
    orphan(session);
    return session.info;
  }

  const get = (id: string): Session => {
    const s = sessions.get(id);
    if (!s) throw ended();
    return s;
  };
  const live = (id: string): Session => {
    const s = get(id);
    if (s.exit) throw new ApiError({ code: 'conflict', message: 'This terminal session has ended.' });
    return s;
  };

  return {
    requests: {
      'shell.available': availability,
      'shell.open': open,
      'shell.input': async ({ id, data, binary }) => {
        // Binary input is bytes, one per character: written as they are, not encoded as UTF-8.
        // (node-pty's write takes a Buffer too; its types say string.)
        live(id).pty.write(binary ? (Buffer.from(data, 'latin1') as unknown as string) : data);
      },
      'shell.resize': async ({ id, cols, rows }) => {
        live(id).pty.resize(cols, rows);
      },
      'shell.ack': async ({ id, bytes }) => {
        const s = sessions.get(id);
        if (s && !s.exit) s.flow.ack(bytes);
      },
      'shell.replay': async ({ id }) => {
        const s = live(id);
        return { session: s.info, text: s.recent.text() };
      },
      'shell.close': async ({ id }) => {
        const s = sessions.get(id);
        if (s) close(s);
      },
    },
    subscriptions: {
      'shell.output': ({ id }, sink) => {
        const s = sessions.get(id);
        if (!s) {
          sink.fail(ended());
          return () => {};
        }
        // One screen per session: a newer subscriber (a reconnect) takes over.
        const previous = s.sink;
        s.sink = sink;
        previous?.fail(new ApiError({ code: 'conflict', message: 'This terminal was opened elsewhere.' }));
        clearTimeout(s.timer);
        s.flow.setAttached(true);
        if (s.exit) sink.emit(s.exit);
        return () => {
          if (s.sink !== sink) return;
          s.sink = null;
          s.flow.setAttached(false);
          if (!s.exit) orphan(s);
        };
      },
    },
    closeAll() {
      for (const s of sessions.values()) close(s);
    },
    dispose() {
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
