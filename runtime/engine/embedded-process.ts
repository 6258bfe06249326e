// The embedded engine's process, seen from outside: its pid file, whether it
// lives, stopping it (SIGTERM, grace, SIGKILL), tidying its socket and
// Podman's storage mount, and the last lines of its log.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedPaths } from './embedded-config';

const LOG_TAIL_LINES = 30;
const STOP_GRACE_MS = 20_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readPid(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 1 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a recycled pid: only a process started for this folder is ours. */
export function commandLineMentions(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(dir);
  } catch {
    return false;
  }
}

/** Removes the socket, and the pid file unless its process lives (Podman's always: Wharf wrote it). */
export function cleanup(paths: EmbeddedPaths, kind: 'docker' | 'podman'): void {
  rmSync(paths.socket, { force: true });
  const left = readPid(paths.pidfile);
  if (left === undefined || !isAlive(left)) rmSync(paths.pidfile, { force: true });
  if (kind === 'podman') rmSync(paths.pidfile, { force: true });
}

/** SIGTERM, a grace period, then SIGKILL. */
export async function terminate(pid: number, child: ChildProcess | undefined, childExit: Promise<void>): Promise<void> {
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
export function releaseStorageMount(dir: string): void {
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
