// Wharf's private engine on Linux: an app-owned dockerd or `podman system
// service` with its own data root and socket under a folder Wharf owns.
// This file starts and supervises it; embedded-config.ts says where its files
// go and how it is run, embedded-process.ts handles its process from outside.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import type { EmbeddedEngineStatus } from '../domains/engine/types';
import type { PlainError } from '../api/types';
import { backoffDelay } from './backoff';
import { isReachable } from './client';
import {
  embeddedPaths,
  engineCommandLine,
  findEngineBinaries,
  hardNofileLimit,
  podmanContainersConf,
} from './embedded-config';
import {
  cleanup,
  commandLineMentions,
  isAlive,
  readLogTail,
  readPid,
  releaseStorageMount,
  sleep,
  terminate,
} from './embedded-process';

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

/** Unix socket paths longer than this do not fit in sockaddr_un. */
const MAX_SOCKET_PATH = 107;

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
