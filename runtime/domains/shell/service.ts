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
import type { ServiceHandlers } from '../../transport/handlers';
import type { EngineTls } from '../compose/tool';
import { createFlowController, createReplayBuffer } from '../terminal/flow';
import { createSessionTable, type SessionCore } from '../terminal/sessions';
import { ORPHAN_MS, REPLAY_CHARS } from '../terminal/service';
import { type ShellEngineTarget, certPath, pickShell, shellAvailability, shellEngineEnv, shellEnv } from './env';
import type { ShellAvailability, ShellEngine, ShellExit, ShellSession, ShellUnavailableReason } from './types';

type PtyModule = typeof PtyLibrary;

interface Session extends SessionCore<ShellSession, ShellExit> {
  readonly pty: IPty;
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

export function createShellService(engine: Engine, options: ShellServiceOptions): ShellService {
  const table = createSessionTable<ShellSession, ShellExit, Session>({
    orphanMs: options.orphanMs ?? ORPHAN_MS,
    close: (s) => end(s),
  });
  const { finish, orphan, live } = table;
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

  /** Ends the shell of a closed session: a hangup, as when a terminal window closes; Windows ends the console. */
  function end(s: Session) {
    try {
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
    table.add(session);
    // node-pty decodes the terminal's output; it goes on as UTF-8 bytes, like a container's.
    child.onData((data) => {
      if (!session.exit) session.flow.push(Buffer.from(data));
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
      'shell.ack': async ({ id, bytes }) => table.ack(id, bytes),
      'shell.replay': async ({ id }) => table.replay(id),
      'shell.close': async ({ id }) => table.closeById(id),
    },
    subscriptions: {
      'shell.output': ({ id }, sink) => table.subscribe(id, sink),
    },
    closeAll() {
      for (const s of table.values()) table.close(s);
    },
    dispose: table.dispose,
    count: table.count,
  };
}
