import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedEngineStatus, EngineState } from '../domains/engine/types';
import { createSettingsStore } from '../settings';
import { isReachable } from './client';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from './embedded';
import { mountsUnder } from './embedded-process';
import { createEngineManager } from './manager';

const dockerEndpoint = process.env.WHARF_TEST_DOCKER;
const hasPodman = existsSync('/usr/bin/podman');

/** Short folder under /tmp: the socket path must fit in 108 bytes. */
const makeDir = (): string => mkdtempSync('/tmp/wharf-emb-');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function removeDir(dir: string): void {
  // Only a failed test leaves mounts behind; do not let it leave the folder too.
  for (const m of mountsUnder(dir).reverse()) spawnSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
}

/** `docker save wharf-test/shell` from the dev engine, as a stream. */
function saveTestImage(): NodeJS.ReadableStream {
  const out = new PassThrough();
  const save = spawn('docker', ['save', 'wharf-test/shell'], {
    env: { ...process.env, DOCKER_HOST: dockerEndpoint },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  save.stdout.pipe(out);
  return out;
}

describe.skipIf(!hasPodman || !dockerEndpoint)('embedded Podman', () => {
  let dir: string;
  let engine: EmbeddedEngineHandle | undefined;
  const statuses: EmbeddedEngineStatus[] = [];

  beforeAll(() => {
    dir = makeDir();
  });
  afterAll(async () => {
    await engine?.stop();
    removeDir(dir);
  });

  it('starts a private Podman that answers /_ping, runs a container, and stops without leftovers', async () => {
    engine = await startEmbeddedEngine({ kind: 'podman', dir, onStatus: (s) => statuses.push(s) });
    expect(engine.endpoint).toBe(`unix://${dir}/podman.sock`);
    expect(engine.status()).toMatchObject({ phase: 'running', kind: 'podman', keepRunning: false });
    expect(statuses.map((s) => s.progress).filter(Boolean)).toEqual(
      expect.arrayContaining(['Starting podman…', 'Waiting for the engine to answer…']),
    );
    expect(await isReachable(engine.endpoint)).toBe(true);
    expect(readFileSync(join(dir, 'containers.conf'), 'utf8')).toMatch(/nofile=\d+:\d+", "nproc=4096:4096/);

    const docker = new Docker({ socketPath: `${dir}/podman.sock` });
    await new Promise<void>((resolve, reject) => {
      docker.loadImage(saveTestImage(), {}, (err, stream) => {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the engine's error, as it came
        if (err || !stream) return reject(err ?? new Error('no stream'));
        docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve()));
      });
    });
    const name = `wharf-emb-${randomBytes(4).toString('hex')}`;
    const container = await docker.createContainer({
      Image: 'localhost/wharf-test/shell',
      name,
      Cmd: ['sh', '-c', 'echo hello from the embedded engine'],
    });
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true });
    await container.remove({ force: true });
    expect(exit.StatusCode).toBe(0);
    expect(logs.toString('utf8')).toContain('hello from the embedded engine');

    const pid = Number(readFileSync(join(dir, 'podman.pid'), 'utf8'));
    expect(isAlive(pid)).toBe(true);
    await engine.stop();
    expect(engine.status().phase).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dir, 'podman.sock'))).toBe(false);
    expect(existsSync(join(dir, 'podman.pid'))).toBe(false);
    expect(mountsUnder(dir)).toEqual([]);
  });

  it('reuses a Podman left running in the folder, and cleans one that is dead', async () => {
    const first = await startEmbeddedEngine({ kind: 'podman', dir });
    const pid = Number(readFileSync(join(dir, 'podman.pid'), 'utf8'));
    const again = await startEmbeddedEngine({ kind: 'podman', dir });
    expect(again.status().phase).toBe('running');
    expect(Number(readFileSync(join(dir, 'podman.pid'), 'utf8'))).toBe(pid);

    process.kill(pid, 'SIGKILL');
    await new Promise<void>((resolve) => {
      const check = (): void => (isAlive(pid) ? void setTimeout(check, 50) : resolve());
      check();
    });
    // The socket file is still there, but nothing answers: a fresh engine replaces it.
    engine = await startEmbeddedEngine({ kind: 'podman', dir });
    expect(Number(readFileSync(join(dir, 'podman.pid'), 'utf8'))).not.toBe(pid);
    expect(await isReachable(engine.endpoint)).toBe(true);
    // Stopping the dead first engine must not touch the files of the one that replaced it.
    await first.stop();
    expect(await isReachable(engine.endpoint)).toBe(true);
    expect(existsSync(join(dir, 'podman.pid'))).toBe(true);
    await engine.stop();
  });
});

describe.skipIf(!hasPodman)('manager reconnects to an engine that comes back', () => {
  it('goes reconnecting when the engine is killed and connected again when it is back, without a restart', async () => {
    const dir = makeDir();
    const data = makeDir();
    let engine = await startEmbeddedEngine({ kind: 'podman', dir });
    const manager = createEngineManager({
      settings: createSettingsStore(join(data, 'settings.json')),
      dataDir: data,
      override: engine.endpoint,
      log: () => {},
      discovery: { env: {}, home: data, platform: 'linux', exists: () => false },
    });
    const phases: EngineState['phase'][] = [];
    manager.onState((s) => phases.push(s.phase));
    let connects = 0;
    manager.onConnected(() => (connects += 1));
    try {
      await manager.start();
      expect(manager.state().phase).toBe('connected');
      expect(connects).toBe(1);

      const reconnecting = new Promise<EngineState>((resolve) => {
        const off = manager.onState((s) => s.phase === 'reconnecting' && (off(), resolve(s)));
      });
      const killedAt = Date.now();
      process.kill(Number(readFileSync(join(dir, 'podman.pid'), 'utf8')), 'SIGKILL');
      const lost = await reconnecting;
      expect(Date.now() - killedAt).toBeLessThan(3000);
      expect(lost).toMatchObject({
        phase: 'reconnecting',
        endpoint: engine.endpoint,
        attempt: 1,
        engine: { kind: 'podman' },
      });
      expect(() => manager.docker()).toThrow(/No container engine/);

      const back = new Promise<EngineState>((resolve) => {
        const off = manager.onState((s) => s.phase === 'connected' && (off(), resolve(s)));
      });
      engine = await startEmbeddedEngine({ kind: 'podman', dir });
      await back;
      expect(connects).toBe(2);
      await expect(manager.docker().ping()).resolves.toBeTruthy();
      expect(phases).toEqual(expect.arrayContaining(['connected', 'reconnecting']));
      expect(phases.at(-1)).toBe('connected');
    } finally {
      await manager.dispose();
      await engine.stop();
      removeDir(dir);
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasPodman)('manager and its embedded engine', () => {
  it('startEmbedded connects to a private Podman under the data folder; stopEmbedded stops it and looks again', async () => {
    const data = makeDir();
    const manager = createEngineManager({
      settings: createSettingsStore(join(data, 'settings.json')),
      dataDir: data,
      log: () => {},
      discovery: { env: {}, home: data, platform: 'linux', exists: () => false },
    });
    const phases: EngineState['phase'][] = [];
    manager.onState((s) => phases.push(s.phase));
    try {
      await manager.start();
      expect(manager.state().phase).toBe('no-engine');

      const status = await manager.startEmbedded('podman');
      expect(status).toMatchObject({
        phase: 'running',
        kind: 'podman',
        endpoint: `unix://${data}/engine/podman/podman.sock`,
      });
      expect(manager.state()).toMatchObject({
        phase: 'connected',
        engine: { kind: 'podman', source: 'embedded', embedded: true },
      });
      expect(phases).toContain('starting-embedded');
      expect((await manager.candidates()).find((c) => c.source === 'embedded')).toMatchObject({
        reachable: true,
        label: "Wharf's own engine (Podman)",
      });

      const pid = Number(readFileSync(join(data, 'engine', 'podman', 'podman.pid'), 'utf8'));
      const stopped = await manager.stopEmbedded();
      expect(stopped.phase).toBe('stopped');
      expect(isAlive(pid)).toBe(false);
      expect(manager.state().phase).toBe('no-engine');

      // dispose() stops an embedded engine the user did not ask to keep.
      await manager.startEmbedded('podman');
      const second = Number(readFileSync(join(data, 'engine', 'podman', 'podman.pid'), 'utf8'));
      await manager.dispose();
      expect(isAlive(second)).toBe(false);
      expect(existsSync(join(data, 'engine', 'podman', 'podman.sock'))).toBe(false);
    } finally {
      await manager.dispose();
      removeDir(join(data, 'engine', 'podman'));
      rmSync(data, { recursive: true, force: true });
    }
  });
});
