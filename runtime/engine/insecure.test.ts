// Unencrypted tcp:// to another machine is refused until the user accepts it.
// No test here sends anything beyond this computer: connection attempts are
// caught at the HTTP agent (and refused there) so they can be counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ApiError } from '../api/errors';
import { createSettingsStore, type SettingsStore } from '../settings';
import { createClient, isReachable } from './client';
import { describeConnectError } from './connect-error';
import { discover } from './discovery';
import { InsecureEndpointError, isLoopbackHost, unencryptedRemote } from './insecure';
import { createEngineManager, type EngineManager } from './manager';
import { waitForState } from './test-support';

const remote = 'tcp://192.0.2.10:2375';

describe('which endpoints are unencrypted and remote', () => {
  it('loopback is this computer, however the address is written', () => {
    for (const h of [
      'localhost',
      'LOCALHOST.',
      'api.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:7f00:1',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of [
      '192.0.2.10',
      '10.0.0.5',
      '0.0.0.0',
      '::',
      'build.example',
      'localhost.example',
      '::ffff:c000:20a',
    ]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('plain tcp:// or http:// to another host is, under one spelling per endpoint', () => {
    expect(unencryptedRemote(remote)).toEqual({ key: remote, host: '192.0.2.10' });
    expect(unencryptedRemote('tcp://192.0.2.10')?.key).toBe(remote);
    expect(unencryptedRemote(' tcp://Build.Example:2375/ ')?.key).toBe('tcp://build.example:2375');
    expect(unencryptedRemote('http://build.example:8080/engine')?.key).toBe('tcp://build.example:8080/engine');
    expect(unencryptedRemote('tcp://[2001:db8::1]:2375')?.key).toBe('tcp://[2001:db8::1]:2375');
  });

  it('TLS, loopback, sockets and ssh are not', () => {
    for (const e of [
      'tcp://192.0.2.10:2376',
      'https://192.0.2.10',
      'tcp://127.0.0.1:2375',
      'tcp://localhost:2375',
      'tcp://[::1]:2375',
      'unix:///var/run/docker.sock',
      'ssh://me@192.0.2.10',
      'tcp://',
    ]) {
      expect(unencryptedRemote(e), e).toBeUndefined();
    }
    expect(unencryptedRemote(remote, { verify: true })).toBeUndefined();
  });
});

describe('refused before any connection', () => {
  let dial: MockInstance;
  let dir: string;
  let settings: SettingsStore;
  let manager: EngineManager | undefined;

  beforeEach(() => {
    // Every plain-HTTP connection the runtime opens goes through an http.Agent:
    // record it and refuse it at once, so nothing leaves this computer.
    dial = vi.spyOn(Agent.prototype, 'createConnection').mockImplementation(((
      _options: unknown,
      callback: (e: Error) => void,
    ) => {
      process.nextTick(() => callback(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
      return undefined;
    }) as never);
    dir = mkdtempSync(join(tmpdir(), 'wharf-insecure-'));
    settings = createSettingsStore(join(dir, 'settings.json'));
  });
  afterEach(async () => {
    await manager?.dispose();
    manager = undefined;
    dial.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const dialedHosts = (): string[] => dial.mock.calls.map((c) => (c[0] as { host: string }).host);

  function newManager(env: NodeJS.ProcessEnv = {}): EngineManager {
    manager = createEngineManager({
      settings,
      dataDir: dir,
      log: () => {},
      discovery: { env, home: dir, platform: 'linux', exists: () => false },
      rediscoverMs: 60_000,
    });
    return manager;
  }

  it('a client for it cannot be made, and a probe does not dial', async () => {
    expect(() => createClient(remote)).toThrow(InsecureEndpointError);
    expect(await isReachable(remote)).toBe(false);
    expect(dial).not.toHaveBeenCalled();
    // The agent spy does see real attempts (to a closed loopback port here).
    expect(await isReachable('tcp://127.0.0.1:9')).toBe(false);
    expect(dialedHosts()).toEqual(['127.0.0.1']);
  });

  it('the error says what the risk is and what to do', () => {
    const plain = describeConnectError(new InsecureEndpointError(remote, '192.0.2.10'), remote);
    expect(plain).toMatchObject({
      key: 'engine.insecureNotAccepted',
      params: { endpoint: remote, host: '192.0.2.10' },
    });
    expect(plain.message).toMatch(/not encrypted.*take control/);
    expect(plain.hint).toMatch(/ssh:\/\/.*TLS.*Connect anyway/);
  });

  it('DOCKER_HOST pointing at it is listed but not probed', async () => {
    const found = await discover({ env: { DOCKER_HOST: remote }, home: dir, platform: 'linux', exists: () => false });
    expect(found).toEqual([
      { endpoint: remote, source: 'env', label: 'DOCKER_HOST', reachable: false, unencrypted: { accepted: false } },
    ]);
    expect(dial).not.toHaveBeenCalled();
  });

  it('the manager says why DOCKER_HOST is not used, without contacting it', async () => {
    const m = newManager({ DOCKER_HOST: remote });
    await m.start();
    expect(m.state()).toMatchObject({ phase: 'error', endpoint: remote, error: { key: 'engine.insecureNotAccepted' } });
    expect(dial).not.toHaveBeenCalled();
  });

  it('engine.use refuses it with a clear error and leaves the settings alone', async () => {
    const m = newManager();
    await m.start();
    const before = settings.get();
    const error = await m.use(remote).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'forbidden', key: 'engine.insecureNotAccepted', params: { endpoint: remote } });
    expect(settings.get()).toEqual(before);
    expect(dial).not.toHaveBeenCalled();
  });

  it('an endpoint already in the settings is refused at start, then connected once accepted', async () => {
    await settings.update({ engine: 'tcp://192.0.2.10' });
    const m = newManager();
    await m.start();
    expect(m.state()).toMatchObject({ phase: 'error', error: { key: 'engine.insecureNotAccepted' } });
    expect(dial).not.toHaveBeenCalled();

    await m.acceptInsecure('tcp://192.0.2.10');
    expect(settings.get()).toMatchObject({ engine: 'tcp://192.0.2.10', insecureAccepted: [remote] });
    // Now it is tried (and refused by the agent spy: nothing leaves this computer).
    await waitForState(m, (s) => s.phase === 'error' && s.error.key === 'engine.refused');
    expect(dialedHosts()).toContain('192.0.2.10');
    // Accepted for that endpoint only.
    await expect(m.use('tcp://192.0.2.11:2375')).rejects.toMatchObject({ key: 'engine.insecureNotAccepted' });
    expect((await m.candidates())[0]).toMatchObject({ endpoint: 'tcp://192.0.2.10', unencrypted: { accepted: true } });
  });
});
