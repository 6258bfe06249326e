// Small pieces the VM drivers share: a status holder with listeners, running
// a command with its output kept, a free loopback port, a file's last lines.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { VmStatus } from '../domains/vm/types';

export interface StatusBox {
  get(): VmStatus;
  set(patch: Partial<VmStatus>): void;
  /** Takes another status as a whole (a driver's, shown by the controller). */
  replace(next: VmStatus): void;
  on(listener: (s: VmStatus) => void): () => void;
}

export function createStatusBox(initial: VmStatus): StatusBox {
  let status = initial;
  const listeners = new Set<(s: VmStatus) => void>();
  const copy = (s: VmStatus): VmStatus => structuredClone(s);
  return {
    get: () => copy(status),
    set(patch) {
      const next: VmStatus = { ...status, ...patch };
      for (const key of Object.keys(patch) as (keyof VmStatus)[]) {
        if (patch[key] === undefined) delete next[key];
      }
      status = next;
      for (const l of [...listeners]) {
        try {
          l(copy(status));
        } catch {
          // a listener's failure is its own
        }
      }
    },
    replace(next) {
      status = structuredClone(next);
      for (const l of [...listeners]) {
        try {
          l(copy(status));
        } catch {
          // a listener's failure is its own
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

export function run(program: string, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let child;
    try {
      child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      resolve({ code: null, stdout, stderr, error: error as Error });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, error });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port on 127.0.0.1 nobody listens on right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of a text file (the guest console), without blank lines. */
export function tailLines(file: string, lines: number): string[] {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    const start = Math.max(0, size - 64 * 1024);
    const buffer = Buffer.alloc(size - start);
    fd = openSync(file, 'r');
    readSync(fd, buffer, 0, buffer.length, start);
    return buffer
      .toString('utf8')
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l !== '')
      .slice(-lines);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a file from an offset (the console grows while the VM boots). */
export function readFrom(file: string, offset: number): { text: string; size: number } {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    if (size <= offset) return { text: '', size };
    const buffer = Buffer.alloc(size - offset);
    fd = openSync(file, 'r');
    readSync(fd, buffer, 0, buffer.length, offset);
    return { text: buffer.toString('utf8'), size };
  } catch {
    return { text: '', size: offset };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
