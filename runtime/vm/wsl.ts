// The WSL2 driver (Windows): the guest image's root as a WSL distro, the
// engine run inside it, and its socket served on this computer as a named
// pipe. Each connection to the pipe runs `docker system dial-stdio` in the
// distro, which joins the connection to the engine's socket there; nothing
// listens on a network address.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import type { VmResources } from '../domains/vm/types';
import type { VmImage } from './image';
import { pipeEndpoint, servePipe } from './pipe-join';
import { showCommand } from './qemu-args';
import { createStatusBox, run, sleep, tailLines, type RunResult } from './support';
import { VmCancelled, VmError, type VmDriver } from './types';

export const WSL_DISTRO = 'Wharf';
export const WSL_PIPE = '\\\\.\\pipe\\wharf-engine';
const REMOTE_SOCKET = '/run/docker.sock';

export interface WslDriverOptions {
  dir: string;
  image: VmImage;
  resources: VmResources;
  distro?: string;
  pipe?: string;
  wsl?: string;
  log?: (message: string) => void;
  /** Tests replace how commands run and how long-running ones start. */
  runner?: (program: string, args: readonly string[]) => Promise<RunResult>;
  spawner?: (program: string, args: readonly string[]) => ChildProcess;
  /** Tests serve the pipe elsewhere, or not at all (null). */
  serve?: ((pipe: string, connect: () => ChildProcess) => Promise<Server>) | null;
  readyTimeoutMs?: number;
}

/** `wsl.exe` prints UTF-16LE; this reads either that or plain text. */
export function decodeWslOutput(raw: string | Buffer): string {
  const buf = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  const looksUtf16 =
    buf.length >= 2 && buf.subarray(0, Math.min(buf.length, 64)).filter((b, i) => i % 2 === 1 && b === 0).length > 4;
  return (looksUtf16 ? buf.toString('utf16le') : buf.toString('utf8')).replace(/^\uFEFF/, '').replace(/\0/g, '');
}

/** Reads `wsl.exe --list --verbose`: each distro's state and WSL version. */
export function parseWslList(
  text: string,
): Array<{ name: string; state: string; version: number; isDefault: boolean }> {
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((line) => /^\s*(\*)?\s*(\S+)\s+(\S+)\s+(\d)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[2] as string, state: m[3] as string, version: Number(m[4]), isDefault: m[1] === '*' }));
}

export const wslCommands = {
  import: (distro: string, installDir: string, tarball: string) => [
    '--import',
    distro,
    installDir,
    tarball,
    '--version',
    '2',
  ],
  list: () => ['--list', '--verbose'],
  engine: (distro: string) => [
    '-d',
    distro,
    '-u',
    'root',
    '-e',
    'dockerd',
    '--host',
    `unix://${REMOTE_SOCKET}`,
    '--log-level',
    'warn',
  ],
  dialStdio: (distro: string) => [
    '-d',
    distro,
    '-u',
    'root',
    '-e',
    'docker',
    '-H',
    `unix://${REMOTE_SOCKET}`,
    'system',
    'dial-stdio',
  ],
  ping: (distro: string) => [
    '-d',
    distro,
    '-u',
    'root',
    '-e',
    'docker',
    '-H',
    `unix://${REMOTE_SOCKET}`,
    'version',
    '--format',
    '{{.Server.Version}}',
  ],
  stopEngine: (distro: string) => [
    '-d',
    distro,
    '-u',
    'root',
    '-e',
    'sh',
    '-c',
    'pkill -TERM dockerd; for i in $(seq 1 100); do pgrep -x dockerd >/dev/null || exit 0; sleep 0.1; done',
  ],
  terminate: (distro: string) => ['--terminate', distro],
  /** Stops every distro and WSL's VM: how a changed .wslconfig takes effect. */
  shutdown: () => ['--shutdown'],
  unregister: (distro: string) => ['--unregister', distro],
};

export function createWslDriver(options: WslDriverOptions): VmDriver {
  const distro = options.distro ?? WSL_DISTRO;
  const pipe = options.pipe ?? WSL_PIPE;
  const wsl = options.wsl ?? 'wsl.exe';
  const log = options.log ?? (() => {});
  const runner = options.runner ?? ((p: string, a: readonly string[]) => run(p, a, 600_000));
  const spawner =
    options.spawner ??
    ((p: string, a: readonly string[]) => spawn(p, a, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true }));
  const serve = options.serve === undefined ? servePipe : options.serve;
  const consoleLog = join(options.dir, 'engine.log');
  const tarball = join(options.image.dir, 'rootfs.tar.gz');
  let resources = { ...options.resources };
  const box = createStatusBox({
    driver: 'wsl',
    phase: 'stopped',
    accel: 'wsl2',
    logTail: [],
    resources,
    imageVersion: options.image.version,
  });
  let engine: ChildProcess | undefined;
  let engineLog: ReturnType<typeof createWriteStream> | undefined;
  let server: Server | undefined;
  let stopping = false;
  let startSignal: AbortSignal | undefined;
  const cancelling = (): boolean => startSignal?.aborted === true;

  const fail = (message: string, hint?: string, lastCommand?: string): VmError => {
    if (cancelling()) return new VmError(box.get());
    box.set({
      phase: 'error',
      progress: undefined,
      error: { message, ...(hint ? { hint } : {}) },
      logTail: tailLines(consoleLog, 20),
      ...(lastCommand ? { lastCommand } : {}),
    });
    return new VmError(box.get());
  };

  async function wslRun(args: string[], what: string): Promise<RunResult> {
    const command = showCommand(wsl, args);
    box.set({ lastCommand: command });
    const r = await runner(wsl, args);
    if (r.code !== 0) {
      const out = decodeWslOutput(r.stderr || r.stdout)
        .trim()
        .split(/\r?\n/)
        .slice(-3)
        .join(' ');
      throw fail(
        `${what} failed: ${r.error?.message ?? out ?? `exit ${r.code}`}`,
        r.error ? 'WSL is not installed: run "wsl --install" in an administrator terminal, then restart.' : undefined,
        command,
      );
    }
    return r;
  }

  async function exists(): Promise<boolean> {
    const r = await wslRun(wslCommands.list(), 'Listing WSL distros');
    return parseWslList(decodeWslOutput(r.stdout)).some((d) => d.name === distro);
  }

  async function create(): Promise<void> {
    mkdirSync(options.dir, { recursive: true });
    if (await exists()) return;
    if (!existsSync(tarball))
      throw fail(`The image has no WSL root (${tarball}).`, 'Build the image with WHARF_VM_WSL=1.');
    box.set({ phase: 'preparing', progress: 'Importing the engine’s Linux into WSL…' });
    await wslRun(wslCommands.import(distro, join(options.dir, 'distro'), tarball), 'Importing the WSL distro');
  }

  async function engineAnswers(): Promise<boolean> {
    const r = await runner(wsl, wslCommands.ping(distro));
    return r.code === 0 && decodeWslOutput(r.stdout).trim() !== '';
  }

  async function start(): Promise<void> {
    stopping = false;
    const began = Date.now();
    box.set({ cancelled: undefined });
    if (cancelling()) return;
    await create();
    if (cancelling()) return;
    box.set({ phase: 'booting', progress: 'Starting the WSL distro…', error: undefined });
    const args = wslCommands.engine(distro);
    box.set({ lastCommand: showCommand(wsl, args) });
    engineLog?.end();
    const out = createWriteStream(consoleLog, { flags: 'a' });
    out.on('error', (e) => log(`vm: cannot write ${consoleLog}: ${e.message}`));
    engineLog = out;
    engine = spawner(wsl, args);
    engine.stdout?.pipe(out);
    engine.stderr?.pipe(out);
    let exited = false;
    engine.once('exit', () => {
      exited = true;
      if (!stopping && box.get().phase === 'running')
        fail('The engine in WSL stopped unexpectedly.', 'The last lines of its log are below.');
    });
    box.set({ phase: 'waiting-engine', progress: 'Waiting for the engine…' });
    const deadline = began + (options.readyTimeoutMs ?? 120_000);
    while (!(await engineAnswers())) {
      if (cancelling()) return;
      if (exited)
        throw fail('The engine in WSL stopped right after it started.', 'The last lines of its log are below.');
      if (Date.now() >= deadline)
        throw fail('The engine in WSL did not answer in time.', 'The last lines of its log are below.');
      await sleep(500);
    }
    if (cancelling()) return;
    if (serve && !server) server = await serve(pipe, () => spawner(wsl, wslCommands.dialStdio(distro)));
    if (cancelling()) return;
    box.set({
      phase: 'running',
      progress: undefined,
      endpoint: pipeEndpoint(pipe),
      readyMs: Date.now() - began,
      logTail: [],
    });
  }

  /** Stops the engine, the distro and the pipe; used by stop and by a cancelled start. */
  async function shutDown(): Promise<void> {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    await runner(wsl, wslCommands.stopEngine(distro));
    await runner(wsl, wslCommands.terminate(distro));
    engine?.kill();
    engine = undefined;
    await new Promise<void>((resolve) => (engineLog ? engineLog.end(() => resolve()) : resolve()));
    engineLog = undefined;
  }

  async function stop(): Promise<void> {
    stopping = true;
    box.set({ phase: 'stopping', progress: 'Stopping the engine and the WSL distro…' });
    await shutDown();
    box.set({ phase: 'stopped', progress: undefined, endpoint: undefined });
  }

  async function endCancelledStart(): Promise<void> {
    stopping = true;
    await shutDown();
    box.set({
      phase: 'stopped',
      progress: undefined,
      endpoint: undefined,
      error: undefined,
      logTail: [],
      cancelled: true,
      lastCommand: showCommand(wsl, wslCommands.terminate(distro)),
    });
    log('vm: the start was cancelled; the WSL distro stopped');
  }

  return {
    name: 'wsl',
    create,
    start: async (signal) => {
      startSignal = signal;
      const onAbort = (): void => {
        stopping = true;
        box.set({ phase: 'stopping', progress: 'Cancelling the start…' });
        engine?.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await start();
      } catch (e) {
        if (!cancelling()) {
          if (e instanceof VmError) throw e;
          throw fail((e as Error).message);
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        startSignal = undefined;
      }
      if (signal?.aborted) {
        await endCancelledStart();
        throw new VmCancelled(box.get());
      }
    },
    stop,
    async remove() {
      await stop();
      await wslRun(wslCommands.unregister(distro), 'Removing the WSL distro');
      box.set({ phase: 'absent' });
    },
    status: () => box.get(),
    onStatus: (l) => box.on(l),
    logs: (lines = 50) => tailLines(consoleLog, lines),
    async resize(next) {
      // WSL2 shares CPUs and memory among all distros (%UserProfile%\.wslconfig), and grows its disk on its own;
      // the controller writes .wslconfig once the user agrees (applyWslConfig).
      resources = { ...resources, ...next };
      box.set({ resources });
      log('vm: WSL2 takes CPUs and memory from .wslconfig, for all distros, after "wsl --shutdown"');
    },
    socket: () => pipeEndpoint(pipe),
  };
}
