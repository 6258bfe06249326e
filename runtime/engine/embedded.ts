// Wharf's private engine on Linux: an app-owned dockerd or `podman system
// service` with its own data root and socket under a folder Wharf owns.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { EmbeddedEngineStatus, PlainError } from '../api/types';
import { backoffDelay } from './backoff';
import { isReachable } from './client';

export interface EmbeddedEngineOptions {
  kind: 'docker' | 'podman';
  dir: string;
  binary?: string;
  keepRunning?: boolean;
  onStatus?: (s: EmbeddedEngineStatus) => void;
  /** How long the engine may take to answer /_ping; 60 s unless told. */
  readyTimeoutMs?: number;
}

export interface EmbeddedEngineHandle {
  endpoint: string;
  status(): EmbeddedEngineStatus;
  stop(): Promise<void>;
}

/** Thrown when the engine cannot be started; carries the status the UI shows. */
export class EmbeddedEngineError extends Error {
  readonly status: EmbeddedEngineStatus;
  constructor(status: EmbeddedEngineStatus) {
    super(status.error?.message ?? 'The engine could not be started.');
    this.name = 'EmbeddedEngineError';
    this.status = status;
  }
}

const LOG_TAIL_LINES = 30;
/** Unix socket paths longer than this do not fit in sockaddr_un. */
const MAX_SOCKET_PATH = 107;
const STOP_GRACE_MS = 20_000;

const searchDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Engine programs installed here (PATH plus the sbin folders a desktop session may lack). */
export function findEngineBinaries(env: NodeJS.ProcessEnv = process.env): { dockerd?: string; podman?: string } {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...searchDirs];
  const find = (name: string): string | undefined => {
    for (const d of dirs) {
      const candidate = join(d, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    return undefined;
  };
  const found: { dockerd?: string; podman?: string } = {};
  const dockerd = find('dockerd');
  const podman = find('podman');
  if (dockerd) found.dockerd = dockerd;
  if (podman) found.podman = podman;
  return found;
}

export interface EmbeddedPaths {
  socket: string;
  endpoint: string;
  pidfile: string;
  log: string;
  /** dockerd only: short, because containerd puts sockets under it. */
  execRoot: string;
  /** podman only. */
  containersConf: string;
  /** dockerd only. */
  daemonJson: string;
}

export function embeddedPaths(kind: 'docker' | 'podman', dir: string): EmbeddedPaths {
  const socket = join(dir, kind === 'docker' ? 'docker.sock' : 'podman.sock');
  let execRoot = join(dir, 'exec');
  if (execRoot.length > 60) {
    execRoot = join(tmpdir(), `wharf-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  }
  return {
    socket,
    endpoint: `unix://${socket}`,
    pidfile: join(dir, kind === 'docker' ? 'docker.pid' : 'podman.pid'),
    log: join(dir, 'engine.log'),
    execRoot,
    containersConf: join(dir, 'containers.conf'),
    daemonJson: join(dir, 'daemon.json'),
  };
}

/** The process's hard limit on open files (Podman containers inherit it as their default). */
export function hardNofileLimit(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return 1_048_576;
    }
  }
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const fields = line?.trim().split(/\s+/) ?? [];
  // "Max open files  <soft>  <hard>  files"
  const hard = fields[4];
  if (hard === undefined) return 1_048_576;
  if (hard === 'unlimited') return 1_048_576;
  const n = Number(hard);
  return Number.isFinite(n) && n > 0 ? n : 1_048_576;
}

export function podmanContainersConf(nofile: number, dir: string): string {
  return [
    '# Written by Wharf for its private Podman engine.',
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=4096:4096"]`,
    '',
    '[engine]',
    // Its own event log: by default every Podman on the machine shares one
    // under /run/libpod, so this engine would report the others' events, and
    // their rotation of that file would end its event stream.
    'events_logger = "file"',
    `events_logfile_path = ${JSON.stringify(join(dir, 'events.log'))}`,
    'events_logfile_max_size = "64m"',
    '',
  ].join('\n');
}

export function engineCommandLine(kind: 'docker' | 'podman', dir: string): string[] {
  const p = embeddedPaths(kind, dir);
  if (kind === 'docker') {
    return [
      '--data-root', join(dir, 'data'),
      '--exec-root', p.execRoot,
      '--host', p.endpoint,
      '--pidfile', p.pidfile,
      // Its own config file: the system's /etc/docker/daemon.json (hosts, data-root) would clash.
      '--config-file', p.daemonJson,
      // If a system containerd is running dockerd uses it; its own namespaces keep
      // Wharf's containers apart from any other dockerd's.
      '--containerd-namespace', 'wharf',
      '--containerd-plugins-namespace', 'wharf-plugins',
    ];
  }
  return ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), 'system', 'service', '--time=0', p.endpoint];
}

export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngineHandle> {
  const { kind, dir } = options;
  const keepRunning = options.keepRunning ?? false;
  const paths = embeddedPaths(kind, dir);
  const program = kind === 'docker' ? 'dockerd' : 'podman';
  let status: EmbeddedEngineStatus = { kind, phase: 'stopped', endpoint: paths.endpoint, logTail: [], keepRunning };
  let pid: number | undefined;
  let child: ChildProcess | undefined;
  let childExit: Promise<void> = Promise.resolve();
  let stopping = false;

  const set = (patch: Partial<EmbeddedEngineStatus>): void => {
    status = { ...status, ...patch };
    for (const key of Object.keys(patch) as (keyof EmbeddedEngineStatus)[]) {
      if (patch[key] === undefined) delete status[key];
    }
    options.onStatus?.(copy(status));
  };
  let logOffset = 0;
  const fail = (error: PlainError): EmbeddedEngineError => {
    set({ phase: 'error', progress: undefined, error, logTail: readLogTail(paths.log, logOffset) });
    return new EmbeddedEngineError(copy(status));
  };

  set({ phase: 'starting', progress: 'Looking for an engine left running…' });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o711 });
  } catch (e) {
    throw fail({ message: `Cannot create the engine folder ${dir}: ${(e as Error).message}` });
  }
  if (Buffer.byteLength(paths.socket) > MAX_SOCKET_PATH) {
    throw fail({
      message: `The engine's socket path is too long (${paths.socket}).`,
      hint: 'Move Wharf’s data folder to a shorter path.',
    });
  }

  const handle: EmbeddedEngineHandle = {
    endpoint: paths.endpoint,
    status: () => copy(status),
    stop: async () => {
      if (status.phase === 'stopped' || stopping) return;
      stopping = true;
      set({ phase: 'stopping', progress: 'Stopping the engine…', error: undefined });
      // A newer engine may have taken the folder over after ours died: leave its files alone.
      const owner = readPid(paths.pidfile);
      const ours = owner === undefined || owner === pid;
      if (pid !== undefined && ours) await terminate(pid, child, childExit);
      if (ours) {
        cleanup(paths, kind);
        if (kind === 'podman') releaseStorageMount(dir);
      }
      set({ phase: 'stopped', progress: undefined });
      stopping = false;
    },
  };

  // An engine left from an earlier run (keepRunning, or Wharf crashed).
  const leftPid = readPid(paths.pidfile);
  if (existsSync(paths.socket) && (await isReachable(paths.endpoint, null, 1000))) {
    if (leftPid !== undefined && isAlive(leftPid)) pid = leftPid;
    set({ phase: 'running', progress: undefined, logTail: [] });
    return handle;
  }
  if (leftPid !== undefined && isAlive(leftPid) && commandLineMentions(leftPid, dir)) {
    set({ progress: 'Stopping an engine that no longer answers…' });
    await terminate(leftPid, undefined, Promise.resolve());
  }
  cleanup(paths, kind);

  const binary = options.binary ?? findEngineBinaries()[kind === 'docker' ? 'dockerd' : 'podman'];
  if (binary === undefined) {
    throw fail({
      message: `${program} is not installed on this computer.`,
      hint: `Install the "${kind === 'docker' ? 'docker.io' : 'podman'}" package, then try again.`,
    });
  }
  if (kind === 'docker' && process.getuid?.() !== 0 && options.binary === undefined) {
    throw fail({
      message: 'dockerd needs administrator (root) rights to run.',
      hint: 'Choose Podman instead: it runs as your own user.',
    });
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (kind === 'docker' && !existsSync(paths.daemonJson)) writeFileSync(paths.daemonJson, '{}\n');
  if (kind === 'podman') {
    writeFileSync(paths.containersConf, podmanContainersConf(hardNofileLimit(), dir));
    env.CONTAINERS_CONF = paths.containersConf;
  }
  // The engine must not talk to some other engine named in our environment.
  delete env.DOCKER_HOST;

  const args = engineCommandLine(kind, dir);
  set({ progress: `Starting ${program}…` });
  try {
    logOffset = existsSync(paths.log) ? statSync(paths.log).size : 0;
  } catch {
    logOffset = 0;
  }
  const logFd = openSync(paths.log, 'a');
  writeSync(logFd, `\n--- ${new Date().toISOString()} Wharf starts: ${binary} ${args.join(' ')}\n`);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null; error?: Error } | undefined;
  try {
    child = spawn(binary, args, { stdio: ['ignore', logFd, logFd], detached: keepRunning, env });
  } finally {
    closeSync(logFd);
  }
  const spawned = child;
  childExit = new Promise<void>((resolve) => {
    spawned.once('error', (error) => {
      exitInfo = { code: null, signal: null, error };
      resolve();
    });
    spawned.once('exit', (code, signal) => {
      exitInfo ??= { code, signal };
      resolve();
    });
  });
  if (keepRunning) spawned.unref();
  pid = spawned.pid;
  if (kind === 'podman' && pid !== undefined) writeFileSync(paths.pidfile, `${pid}\n`);

  set({ progress: 'Waiting for the engine to answer…' });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let attempt = 0;
  for (;;) {
    if (exitInfo) {
      cleanup(paths, kind);
      const how = exitInfo.error
        ? exitInfo.error.message
        : exitInfo.signal
          ? `stopped by ${exitInfo.signal}`
          : `exit code ${exitInfo.code}`;
      throw fail({
        message: `${program} stopped right after it started (${how}).`,
        hint: 'The last lines of its log below usually say why.',
      });
    }
    if (await isReachable(paths.endpoint, null, 1000)) break;
    if (Date.now() >= deadline) {
      await terminate(pid ?? -1, spawned, childExit);
      cleanup(paths, kind);
      throw fail({
        message: `${program} did not answer within ${Math.round((options.readyTimeoutMs ?? 60_000) / 1000)} seconds.`,
        hint: 'The last lines of its log below may say why.',
      });
    }
    attempt += 1;
    await Promise.race([sleep(backoffDelay(attempt, { initialMs: 100, maxMs: 1000, factor: 2 })), childExit]);
  }

  set({ phase: 'running', progress: undefined, logTail: [] });
  void childExit.then(() => {
    if (stopping || status.phase === 'stopped') return;
    const owner = readPid(paths.pidfile);
    if (owner === undefined || owner === pid) cleanup(paths, kind);
    const how = exitInfo?.signal ? `stopped by ${exitInfo.signal}` : `exit code ${exitInfo?.code ?? '?'}`;
    fail({ message: `${program} stopped unexpectedly (${how}).` });
  });
  return handle;
}

function copy(s: EmbeddedEngineStatus): EmbeddedEngineStatus {
  const c = { ...s, logTail: [...s.logTail] };
  if (s.error) c.error = { ...s.error };
  return c;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readPid(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 1 ? n : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a recycled pid: only a process started for this folder is ours. */
function commandLineMentions(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(dir);
  } catch {
    return false;
  }
}

function cleanup(paths: EmbeddedPaths, kind: 'docker' | 'podman'): void {
  rmSync(paths.socket, { force: true });
  const left = readPid(paths.pidfile);
  if (left === undefined || !isAlive(left)) rmSync(paths.pidfile, { force: true });
  if (kind === 'podman') rmSync(paths.pidfile, { force: true });
}

/** SIGTERM, a grace period, then SIGKILL. */
async function terminate(pid: number, child: ChildProcess | undefined, childExit: Promise<void>): Promise<void> {
  const ours = child !== undefined && child.exitCode === null && child.signalCode === null;
  const gone = (ms: number): Promise<boolean> =>
    ours ? Promise.race([childExit.then(() => true), sleep(ms).then(() => false)]) : waitGone(pid, ms);
  if (!ours && !isAlive(pid)) return;
  if (child !== undefined && !ours) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await gone(STOP_GRACE_MS)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(5000);
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Podman's storage bind-mounts its overlay folder onto itself and leaves it
 * mounted when the service ends. With no container mounts left under it, it
 * is released so the folder can be removed; with containers still running it
 * stays.
 */
function releaseStorageMount(dir: string): void {
  const overlay = join(dir, 'root', 'overlay');
  const under = mountsUnder(dir);
  if (under.length === 1 && under[0] === overlay) spawnSync('umount', [overlay], { stdio: 'ignore' });
}

export function mountsUnder(dir: string, mountsText?: string): string[] {
  let text = mountsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/mounts', 'utf8');
    } catch {
      return [];
    }
  }
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return text
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((m): m is string => m !== undefined)
    .map((m) => m.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))))
    .filter((m) => m.startsWith(prefix));
}

export function readLogTail(file: string, fromOffset = 0, lines = LOG_TAIL_LINES): string[] {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    const start = Math.max(fromOffset, size - 64 * 1024, 0);
    const buffer = Buffer.alloc(size - start);
    fd = openSync(file, 'r');
    readSync(fd, buffer, 0, buffer.length, start);
    return buffer
      .toString('utf8')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '' && !l.startsWith('--- '))
      .slice(-lines);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
