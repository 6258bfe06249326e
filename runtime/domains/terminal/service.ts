// Terminals: `docker exec -it` (a new shell) and `docker attach` (the main
// process) over the engine's hijacked TTY stream. A TTY stream is raw bytes,
// never demultiplexed; they go to the renderer as they are (xterm decodes
// UTF-8). Output is batched and flow-controlled (flow.ts) so a command
// printing 100 MB cannot outrun the renderer. Sessions outlive their subscriber for a while: the
// renderer keeps terminals across page changes and re-subscribes after a
// reconnect; a session nobody listens to is closed after ORPHAN_MS.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { TerminalExit, TerminalSession } from './contract';
import type { ParsedInputOf } from '../../api/contract';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { createFlowController, createReplayBuffer } from './flow';
import { createSessionTable, type SessionCore } from './sessions';
import { attachStream, detectShell } from './engine';

/** Recent output (bytes) a session keeps to redraw a new screen (a reloaded page): about 40 screens of text. */
export const REPLAY_CHARS = 256 * 1024;
/** How long a session without a subscriber lives before it is closed. */
export const ORPHAN_MS = 60_000;
/** After the stream ends, how long to wait for the container's die event before saying the process exited. */
const DIE_GRACE_MS = 1000;
/** Ctrl-P Ctrl-Q: DETACH_KEYS as typed. */
const DETACH_SEQUENCE = '\x10\x11';
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']);

type OpenInput = ParsedInputOf<'terminal.open'>;

interface Session extends SessionCore<TerminalSession, TerminalExit> {
  readonly containerId: string;
  readonly endpoint: string;
  readonly stream: Duplex;
  readonly exec: Docker.Exec | undefined;
  /** The container's exit code, once its die event arrived. */
  died: number | null;
  onDie: (() => void) | null;
}

export interface TerminalService extends ServiceHandlers<
  'terminal.open' | 'terminal.input' | 'terminal.resize' | 'terminal.ack' | 'terminal.replay' | 'terminal.close',
  'terminal.output'
> {
  /** Closes every session (the app is quitting). */
  dispose(): void;
  /** Sessions alive right now (tests). */
  count(): number;
}

export interface TerminalServiceOptions {
  orphanMs?: number;
  /** Flow-control and batching parameters (tests use small ones). */
  flow?: { highWatermark?: number; lowWatermark?: number; batchMs?: number; batchBytes?: number };
  /** Hears when a session's engine stream pauses or resumes (tests). */
  onFlow?: (id: string, paused: boolean) => void;
}

export function createTerminalService(engine: Engine, options: TerminalServiceOptions = {}): TerminalService {
  const table = createSessionTable<TerminalSession, TerminalExit, Session>({
    orphanMs: options.orphanMs ?? ORPHAN_MS,
    close: (s) => end(s),
    released: (s) => s.stream.destroy(),
  });
  const { finish, orphan } = table;

  const offEvent = engine.onEvent((event) => {
    if (event.Type !== 'container' || event.Action !== 'die') return;
    for (const s of table.values()) {
      if (s.containerId !== event.Actor.ID || s.exit) continue;
      const code = Number(event.Actor.Attributes?.exitCode);
      s.died = Number.isFinite(code) ? code : -1;
      s.onDie?.();
      // The stream normally ends with the container; if it lingers, end it.
      const stream = s.stream;
      setTimeout(() => {
        if (!s.exit) stream.destroy();
      }, DIE_GRACE_MS).unref();
    }
  });

  const offState = engine.onState((state) => {
    for (const s of table.values()) {
      if (s.exit) continue;
      if (state.phase !== 'connected' || state.engine.endpoint !== s.endpoint) {
        finish(s, { type: 'exit', reason: 'engine-lost' });
      }
    }
  });

  /** Ends what runs in a closed session: a detach for attach, else the stream. */
  function end(s: Session) {
    // Podman's compat attach does not honour detach keys: they would reach
    // the process as input. Closing our end detaches there.
    if (s.info.mode === 'attach' && s.stream.writable && engine.info()?.kind !== 'podman') {
      // Detach the way `docker attach` does: the engine ends the stream and
      // the main process keeps running.
      s.stream.write(DETACH_SEQUENCE);
      const timer = setTimeout(() => finish(s, { type: 'exit', reason: 'detached' }), DIE_GRACE_MS);
      timer.unref();
    } else {
      finish(s, { type: 'exit', reason: 'detached' });
    }
  }

  /** Why the stream ended: the process, the container, the engine, or a detach. */
  async function decideExit(s: Session): Promise<TerminalExit> {
    if (s.closing && s.info.mode === 'attach') return { type: 'exit', reason: 'detached' };
    const docker = currentDocker(s);
    if (!docker) return { type: 'exit', reason: 'engine-lost' };
    try {
      let exitCode: number | undefined;
      if (s.exec) {
        const exec = (await s.exec.inspect()) as { ExitCode?: number | null };
        if (typeof exec.ExitCode === 'number') exitCode = exec.ExitCode;
      }
      // A process killed with its container (137, 143) or whose code is not
      // known yet may be the container stopping: give its die event a moment.
      const maybeContainer = exitCode === undefined || exitCode >= 128 || s.info.mode === 'attach';
      if (s.died === null && maybeContainer) await waitForDie(s, DIE_GRACE_MS);
      if (s.died !== null) return { type: 'exit', reason: 'container-stopped', containerExitCode: s.died };
      const state = ((await docker.getContainer(s.containerId).inspect()) as EngineContainerInspect).State;
      if (state?.Running !== true) {
        return {
          type: 'exit',
          reason: 'container-stopped',
          ...(typeof state?.ExitCode === 'number' ? { containerExitCode: state.ExitCode } : {}),
        };
      }
      if (s.info.mode === 'attach') return { type: 'exit', reason: 'detached' };
      return { type: 'exit', reason: 'process-exited', ...(exitCode !== undefined ? { exitCode } : {}) };
    } catch (error) {
      if (isUnreachable(error) || !currentDocker(s)) return { type: 'exit', reason: 'engine-lost' };
      // The container is gone (removed): it stopped.
      if ((error as { statusCode?: number }).statusCode === 404) {
        return { type: 'exit', reason: 'container-stopped', ...(s.died !== null ? { containerExitCode: s.died } : {}) };
      }
      return { type: 'exit', reason: 'process-exited' };
    }
  }

  function currentDocker(s: Session): Docker | undefined {
    const state = engine.state();
    if (state.phase !== 'connected' || state.engine.endpoint !== s.endpoint) return undefined;
    try {
      return engine.docker();
    } catch {
      return undefined;
    }
  }

  function waitForDie(s: Session, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        s.onDie = null;
        resolve();
      }
      s.onDie = done;
    });
  }

  function wire(s: Session) {
    let ended = false;
    const onEnd = () => {
      if (ended) return;
      ended = true;
      if (s.exit) return;
      void decideExit(s).then((exit) => finish(s, exit));
    };
    s.stream.on('data', (chunk: Buffer) => {
      if (!s.exit) s.flow.push(chunk);
    });
    s.stream.on('end', onEnd);
    s.stream.on('close', onEnd);
    s.stream.on('error', onEnd);
  }

  async function open(input: OpenInput): Promise<TerminalSession> {
    const docker = engine.docker();
    const state = engine.state();
    const endpoint = state.phase === 'connected' ? state.engine.endpoint : '';
    const container = docker.getContainer(input.container);
    const inspect = (await container.inspect()) as EngineContainerInspect;
    const name = (inspect.Name ?? '').replace(/^\//, '') || input.container;
    const id = inspect.Id;
    if (inspect.State?.Paused === true) {
      throw new ApiError({
        code: 'conflict',
        message: `${name} is paused.`,
        hint: 'Unpause it to open a terminal.',
      });
    }
    if (inspect.State?.Running !== true) {
      throw new ApiError({
        code: 'conflict',
        message: `${name} is not running.`,
        hint: 'Start the container to open a terminal in it.',
      });
    }

    let stream: Duplex;
    let exec: Docker.Exec | undefined;
    let info: Omit<TerminalSession, 'id'>;
    if (input.mode === 'exec') {
      const argv = input.command ?? [await detectShell(docker, id, input.user)];
      exec = await container.exec({
        Cmd: argv,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        // What xterm.js is; the docker CLI would pass the host's TERM.
        Env: ['TERM=xterm-256color', 'COLORTERM=truecolor'],
        ...(input.user ? { User: input.user } : {}),
        ...(input.workdir ? { WorkingDir: input.workdir } : {}),
      });
      stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      info = {
        container: { id, name },
        mode: 'exec',
        shell: argv.join(' '),
        command: dockerCommand('container.exec', {
          container: name,
          command: argv,
          tty: true,
          ...(input.user ? { user: input.user } : {}),
          ...(input.workdir ? { workdir: input.workdir } : {}),
        }),
      };
    } else {
      if (inspect.Config?.Tty !== true || inspect.Config.OpenStdin !== true) {
        throw new ApiError({
          code: 'conflict',
          message: `${name}'s main process has no terminal to attach to.`,
          hint: 'Attach works for containers started with -it (docker run -it). Use Exec to open a shell instead.',
        });
      }
      stream = await attachStream(docker, id);
      const main = [...(inspect.Config.Entrypoint ?? []), ...(inspect.Config.Cmd ?? [])];
      info = {
        container: { id, name },
        mode: 'attach',
        shell: main.join(' '),
        command: dockerCommand('container.attach', { container: name }),
      };
    }

    const sessionId = randomBytes(16).toString('hex');
    const session: Session = {
      info: { id: sessionId, ...info },
      containerId: id,
      endpoint,
      stream,
      exec,
      sink: null,
      exit: null,
      died: null,
      onDie: null,
      closing: false,
      timer: undefined,
      recent: createReplayBuffer(REPLAY_CHARS),
      flow: createFlowController({
        ...options.flow,
        send: (data) => {
          session.recent.add(data);
          session.sink?.emit({ type: 'data', data });
        },
        pause: () => {
          stream.pause();
          options.onFlow?.(sessionId, true);
        },
        resume: () => {
          stream.resume();
          options.onFlow?.(sessionId, false);
        },
      }),
    };
    table.add(session);
    wire(session);
    await resize(session, input.cols, input.rows);
    // Counted from here: the renderer subscribes as soon as open answers.
    orphan(session);
    return session.info;
  }

  async function resize(s: Session, cols: number, rows: number) {
    if (s.exit) return;
    const size = { h: rows, w: cols };
    // Docker refuses an exec resize until the process has started; it starts
    // as the stream opens, so a second try finds it running.
    for (let attempt = 0; ; attempt++) {
      try {
        if (s.exec) await s.exec.resize(size);
        else await currentDocker(s)?.getContainer(s.containerId).resize(size);
        return;
      } catch (error) {
        // Podman answers a resize with 201 Created, which dockerode reports as unexpected.
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 200 || status === 201) return;
        if (attempt >= 5 || s.exit) {
          if (s.exit) return;
          throw error;
        }
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
      }
    }
  }

  const { live } = table;

  return {
    requests: {
      'terminal.open': open,
      'terminal.input': async ({ id, data, binary }) => {
        const s = live(id);
        if (s.stream.writable) s.stream.write(binary ? Buffer.from(data, 'latin1') : data);
      },
      'terminal.resize': async ({ id, cols, rows }) => {
        await resize(live(id), cols, rows);
      },
      'terminal.ack': async ({ id, bytes }) => table.ack(id, bytes),
      'terminal.replay': async ({ id }) => table.replay(id),
      'terminal.close': async ({ id }) => table.closeById(id),
    },
    subscriptions: {
      'terminal.output': ({ id }, sink) => table.subscribe(id, sink),
    },
    dispose() {
      offEvent();
      offState();
      table.dispose();
    },
    count: table.count,
  };
}

interface EngineContainerInspect {
  Id: string;
  Name?: string;
  State?: { Running?: boolean; Paused?: boolean; ExitCode?: number };
  Config?: { Tty?: boolean; OpenStdin?: boolean; Cmd?: string[] | null; Entrypoint?: string[] | null };
}

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code !== undefined && UNREACHABLE.has(code);
}
