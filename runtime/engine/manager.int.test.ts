import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../settings';
import { createEngineManager, type EngineManager, type EngineManagerOptions } from './manager';
import { waitForState } from './test-support';
import type { RawEngineEvent } from './types';

const dockerEndpoint = process.env.WHARF_TEST_DOCKER;
const podmanEndpoint = process.env.WHARF_TEST_PODMAN;

let dir: string;
let manager: EngineManager | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-mgr-'));
});
afterEach(async () => {
  await manager?.dispose();
  manager = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A manager that sees only what a test gives it: no real home, no real sockets. */
function makeManager(extra: Partial<EngineManagerOptions> = {}): EngineManager {
  manager = createEngineManager({
    settings: createSettingsStore(join(dir, 'settings.json')),
    dataDir: dir,
    log: () => {},
    discovery: { env: {}, home: dir, platform: 'linux', exists: () => false },
    ...extra,
  });
  return manager;
}

function waitForEvent(
  m: EngineManager,
  match: (e: RawEngineEvent) => boolean,
  timeoutMs = 15_000,
): Promise<RawEngineEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('the event never arrived'));
    }, timeoutMs);
    const off = m.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

const activeTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

const suffix = (): string => randomBytes(4).toString('hex');

/**
 * A unix socket in front of the engine that passes everything through and can
 * end the open event streams on request, while new connections keep working.
 */
async function eventCuttingProxy(engineSocket: string, path: string) {
  const events = new Set<Socket>();
  const all = new Set<Socket>();
  let waiting: Array<() => void> = [];
  const server: Server = createServer((client) => {
    const upstream = connect(engineSocket);
    all.add(client);
    all.add(upstream);
    // A kept-alive connection may carry other requests before the events one.
    client.on('data', (chunk: Buffer) => {
      if (!events.has(client) && /(^|\r\n)GET [^ ]*\/events/.test(chunk.toString('latin1'))) {
        events.add(client);
        client.once('close', () => events.delete(client));
        for (const w of waiting.splice(0)) w();
      }
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    path,
    /** Resolves once an event stream is open through the proxy. */
    waitForEvents: () => new Promise<void>((resolve) => (events.size > 0 ? resolve() : waiting.push(resolve))),
    cutEvents: () => {
      for (const s of events) s.end();
      events.clear();
      waiting = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of all) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!dockerEndpoint)('engine manager against Docker', () => {
  it('connects and reports Docker with API 1.41', async () => {
    const m = makeManager({ override: dockerEndpoint! });
    const connected: string[] = [];
    m.onConnected((i) => connected.push(i.kind));
    const timersBefore = activeTimers();
    await m.start();
    // Connected and idle: the event stream is open and nothing polls.
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
    const state = m.state();
    expect(state.phase).toBe('connected');
    if (state.phase !== 'connected') return;
    expect(state.engine).toMatchObject({
      kind: 'docker',
      apiVersion: '1.41',
      endpoint: dockerEndpoint,
      embedded: false,
    });
    expect(state.engine.version).toMatch(/^20\.10/);
    expect(connected).toEqual(['docker']);
    expect(m.info()?.kind).toBe('docker');
    await expect(m.docker().ping()).resolves.toBeTruthy();
  });

  it('passes a real container event to onEvent', async () => {
    const m = makeManager({ override: dockerEndpoint! });
    await m.start();
    const name = `wharf-mgr-evt-${suffix()}`;
    const seen = waitForEvent(
      m,
      (e) => e.Type === 'container' && e.Action === 'create' && e.Actor.Attributes?.name === name,
    );
    const container = await m.docker().createContainer({ Image: 'wharf-test/shell', name, Cmd: ['true'] });
    try {
      const event = await seen;
      expect(event.Actor.ID).toBe(container.id);
    } finally {
      await container.remove({ force: true });
    }
  });

  it('an event stream that ends while the engine still answers is opened again, without a reconnect', async () => {
    const proxy = await eventCuttingProxy(new URL(dockerEndpoint!).pathname, join(dir, 'proxy.sock'));
    try {
      const m = makeManager({ override: `unix://${proxy.path}` });
      await m.start();
      expect(m.state().phase).toBe('connected');
      const phases: string[] = [];
      m.onState((s) => phases.push(s.phase));
      // The engine ends the stream (as Podman does when it rotates its event log).
      await proxy.waitForEvents();
      proxy.cutEvents();
      await proxy.waitForEvents();
      const name = `wharf-mgr-cut-${suffix()}`;
      const seen = waitForEvent(
        m,
        (e) => e.Type === 'container' && e.Action === 'create' && e.Actor.Attributes?.name === name,
      );
      const container = await m.docker().createContainer({ Image: 'wharf-test/shell', name, Cmd: ['true'] });
      try {
        await seen;
      } finally {
        await container.remove({ force: true });
      }
      expect(phases).toEqual([]);
      expect(m.state().phase).toBe('connected');
    } finally {
      await proxy.close();
    }
  });

  it('finds DOCKER_HOST by discovery, and keeps looking until an engine appears', async () => {
    const env: NodeJS.ProcessEnv = {};
    const m = makeManager({ discovery: { env, home: dir, platform: 'linux', exists: () => false }, rediscoverMs: 200 });
    await m.start();
    const none = m.state();
    expect(none.phase).toBe('no-engine');
    if (none.phase === 'no-engine') expect(none.platform).toBe('linux');
    env.DOCKER_HOST = dockerEndpoint!;
    const state = await waitForState(m, (s) => s.phase === 'connected', 5000);
    expect(state.phase === 'connected' && state.engine.source).toBe('env');
  });

  it('use() connects to the chosen endpoint, remembers it, and null goes back to discovery', async () => {
    const m = makeManager();
    await m.start();
    expect(m.state().phase).toBe('no-engine');
    const state = await m.use(dockerEndpoint!);
    expect(state).toMatchObject({ phase: 'connected', engine: { kind: 'docker', source: 'settings' } });
    expect(createSettingsStore(join(dir, 'settings.json')).get().engine).toBe(dockerEndpoint);
    expect((await m.use(null)).phase).toBe('no-engine');
  });
});

describe.skipIf(!podmanEndpoint)('engine manager against Podman', () => {
  it('connects and reports Podman', async () => {
    const m = makeManager({ override: podmanEndpoint! });
    await m.start();
    const state = m.state();
    expect(state).toMatchObject({ phase: 'connected', engine: { kind: 'podman', apiVersion: '1.41' } });
    if (state.phase === 'connected') expect(state.engine.version).toMatch(/^4\./);
  });

  it('passes a real container event to onEvent', async () => {
    const m = makeManager({ override: podmanEndpoint! });
    await m.start();
    const name = `wharf-mgr-evt-${suffix()}`;
    const seen = waitForEvent(
      m,
      (e) => e.Type === 'container' && e.Action === 'create' && e.Actor.Attributes?.name === name,
    );
    const container = await m.docker().createContainer({ Image: 'localhost/wharf-test/shell', name, Cmd: ['true'] });
    try {
      expect((await seen).Actor.ID).toBe(container.id);
    } finally {
      await container.remove({ force: true });
    }
  });
});

describe('engine manager with an endpoint that does not work', () => {
  it('a missing socket is an error in plain words', async () => {
    const endpoint = `unix://${dir}/nobody-${suffix()}.sock`;
    const m = makeManager({ override: endpoint });
    await m.start();
    expect(m.state()).toEqual({
      phase: 'error',
      endpoint,
      error: {
        message: `No engine is listening at ${endpoint.slice(7)}: the socket does not exist.`,
        hint: 'Start the engine, or choose another one in Settings.',
        key: 'engine.socketMissing',
        params: { where: endpoint.slice(7) },
      },
    });
    expect(() => m.docker()).toThrow(/No container engine is connected/);
  });

  it('a refused TCP port and a mistyped address are errors too', async () => {
    const m = makeManager({ override: 'tcp://127.0.0.1:1' });
    await m.start();
    expect(m.state()).toMatchObject({
      phase: 'error',
      error: { message: 'The engine at tcp://127.0.0.1:1 refused the connection.' },
    });
    const bad = makeManager({ override: 'ftp://example' });
    await bad.start();
    expect(bad.state()).toMatchObject({
      phase: 'error',
      error: { message: expect.stringMatching(/not an engine address/) },
    });
    await bad.dispose();
  });
});
