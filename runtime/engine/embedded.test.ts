import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedEngineStatus } from '../domains/engine/types';
import { EmbeddedEngineError, startEmbeddedEngine } from './embedded';
import { embeddedPaths, engineCommandLine, hardNofileLimit, podmanContainersConf } from './embedded-config';
import { mountsUnder, readLogTail } from './embedded-process';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-emb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('engine command lines', () => {
  it('dockerd gets its own data root, exec root, socket and pidfile', () => {
    expect(engineCommandLine('docker', '/srv/w')).toEqual([
      '--data-root',
      '/srv/w/data',
      '--exec-root',
      '/srv/w/exec',
      '--host',
      'unix:///srv/w/docker.sock',
      '--pidfile',
      '/srv/w/docker.pid',
      '--config-file',
      '/srv/w/daemon.json',
      '--containerd-namespace',
      'wharf',
      '--containerd-plugins-namespace',
      'wharf-plugins',
    ]);
  });

  it('a long data folder gets a short exec root, stable for the folder', () => {
    const long = `/home/someone/.config/Wharf/${'x'.repeat(40)}/engine/docker`;
    const a = embeddedPaths('docker', long).execRoot;
    expect(a.length).toBeLessThan(40);
    expect(embeddedPaths('docker', long).execRoot).toBe(a);
    expect(embeddedPaths('docker', `${long}2`).execRoot).not.toBe(a);
  });

  it('podman serves the compat API on its own socket with its own storage', () => {
    expect(engineCommandLine('podman', '/srv/p')).toEqual([
      '--root',
      '/srv/p/root',
      '--runroot',
      '/srv/p/run',
      'system',
      'service',
      '--time=0',
      'unix:///srv/p/podman.sock',
    ]);
  });

  it('containers.conf sets nofile to the hard limit and nproc to 4096', () => {
    expect(podmanContainersConf(20000, '/d/p')).toContain(
      'default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]',
    );
    // Its own event log, not the one every Podman on the machine shares.
    expect(podmanContainersConf(20000, '/d/p')).toContain('events_logfile_path = "/d/p/events.log"');
  });

  it('reads the hard nofile limit from /proc/self/limits', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units',
      'Max open files            1024                 524288               files',
    ].join('\n');
    expect(hardNofileLimit(limits)).toBe(524288);
    expect(hardNofileLimit(limits.replace('524288', 'unlimited'))).toBe(1048576);
    expect(hardNofileLimit()).toBeGreaterThan(0);
  });
});

describe('startEmbeddedEngine failure', () => {
  it('an engine that exits at once fails early, in plain words, with its log tail', async () => {
    const script = join(dir, 'fake-dockerd');
    writeFileSync(
      script,
      '#!/bin/sh\necho "starting with $*"\nfor i in $(seq 1 40); do echo "line $i"; done\necho "failed to start daemon: pid file found" >&2\nexit 3\n',
    );
    chmodSync(script, 0o755);
    const seen: EmbeddedEngineStatus[] = [];
    const started = Date.now();
    const error = await startEmbeddedEngine({
      kind: 'docker',
      dir: join(dir, 'engine'),
      binary: script,
      onStatus: (s) => seen.push(s),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EmbeddedEngineError);
    const status = (error as EmbeddedEngineError).status;
    expect(status.phase).toBe('error');
    expect(status.error?.message).toBe('dockerd stopped right after it started (exit code 3).');
    expect(status.logTail).toHaveLength(30);
    expect(status.logTail.at(-1)).toBe('failed to start daemon: pid file found');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(seen.map((s) => s.progress ?? s.phase)).toEqual(
      expect.arrayContaining(['Starting dockerd…', 'Waiting for the engine to answer…', 'error']),
    );
    expect(existsSync(join(dir, 'engine', 'docker.sock'))).toBe(false);
    expect(status.logTail[0]).toBe('line 12');
    expect(existsSync(join(dir, 'engine', 'daemon.json'))).toBe(true);
  });

  it('a missing program is named with the package to install', async () => {
    const error = (await startEmbeddedEngine({ kind: 'podman', dir, binary: join(dir, 'nope') }).catch(
      (e: unknown) => e,
    )) as EmbeddedEngineError;
    expect(error.status.phase).toBe('error');
    expect(error.status.error?.message).toMatch(/^podman stopped right after it started \(spawn .*ENOENT\)\.$/);
  });

  it('the log tail covers this run only', () => {
    const log = join(dir, 'engine.log');
    writeFileSync(log, 'old run\n');
    writeFileSync(log, 'old run\nnew 1\nnew 2\n');
    expect(readLogTail(log, 8)).toEqual(['new 1', 'new 2']);
  });
});

describe('mountsUnder', () => {
  it('lists mount points inside a folder, decoding escaped spaces', () => {
    const mounts = [
      '/dev/vda / ext4 rw 0 0',
      '/dev/vda /tmp/e/root/overlay ext4 rw 0 0',
      'overlay /tmp/e/root/overlay/abc/merged overlay rw 0 0',
      '/dev/vda /tmp/e\\040x/root/overlay ext4 rw 0 0',
      '/dev/vda /tmp/ee ext4 rw 0 0',
    ].join('\n');
    expect(mountsUnder('/tmp/e', mounts)).toEqual(['/tmp/e/root/overlay', '/tmp/e/root/overlay/abc/merged']);
    expect(mountsUnder('/tmp/e x', mounts)).toEqual(['/tmp/e x/root/overlay']);
  });
});
