// Against the real test engines: contexts made with the real docker CLI and a
// connection made with real Podman, in temporary config folders, listed and
// switched to through Wharf.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngineManager, type EngineManager } from '../../engine/manager';
import { waitForState } from '../../engine/test-support';
import { createSettingsStore, type SettingsStore } from '../../settings';
import { createContextsService } from './service';

const dockerEndpoint = process.env.WHARF_TEST_DOCKER;
const podmanEndpoint = process.env.WHARF_TEST_PODMAN;
const suffix = (): string => randomBytes(4).toString('hex');

let dir: string;
let env: NodeJS.ProcessEnv;
let settings: SettingsStore;
let manager: EngineManager;
let service: ReturnType<typeof createContextsService>;
const made: { docker: Docker; id: string }[] = [];

/** The real CLIs, pointed only at this test's folders. */
const docker = (...args: string[]): string =>
  execFileSync('docker', ['--config', env.DOCKER_CONFIG!, ...args], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const podman = (...args: string[]): string =>
  execFileSync('podman', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  expect(dockerEndpoint, 'WHARF_TEST_DOCKER').toBeTruthy();
  expect(podmanEndpoint, 'WHARF_TEST_PODMAN').toBeTruthy();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-contexts-'));
  const conf = join(dir, 'containers', 'containers.conf');
  mkdirSync(join(dir, 'containers'), { recursive: true });
  writeFileSync(conf, '');
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    DOCKER_CONFIG: join(dir, 'docker'),
    // Podman as root writes CONTAINERS_CONF (else /etc/containers); as a user, XDG_CONFIG_HOME. Both point here.
    CONTAINERS_CONF: conf,
    XDG_CONFIG_HOME: dir,
    PODMAN_CONNECTIONS_CONF: join(dir, 'containers', 'podman-connections.json'),
  };
  docker('context', 'create', 'test-docker', '--description', 'the test engine', '--docker', `host=${dockerEndpoint}`);
  docker('context', 'create', 'gone', '--docker', `host=unix://${join(dir, 'missing.sock')}`);
  podman('system', 'connection', 'add', 'test-podman', podmanEndpoint!);
  podman('system', 'connection', 'add', 'remote-box', 'ssh://core@127.0.0.1:2222/run/user/1000/podman/podman.sock');

  settings = createSettingsStore(join(dir, 'wharf', 'settings.json'));
  manager = createEngineManager({
    settings,
    dataDir: join(dir, 'wharf'),
    log: () => {},
    discovery: { env: {}, home: dir, platform: 'linux', exists: () => false },
    rediscoverMs: 60_000,
  });
  service = createContextsService({ engine: manager.engine, choice: manager.controls, settings, env, home: dir });
  await manager.start();
});

afterEach(async () => {
  for (const { docker: client, id } of made.splice(0)) {
    await client
      .getContainer(id)
      .remove({ force: true })
      .catch(() => {});
  }
  await manager.dispose();
  rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  // Nothing of this test is left in the machine's own Podman configuration.
  const system = '/etc/containers/containers.conf';
  expect(existsSync(system) && readFileSync(system, 'utf8').includes('test-podman')).toBe(false);
}, 1000);

describe('contexts (real docker CLI and Podman)', () => {
  it('lists every docker context and Podman connection with its endpoint and whether it answers', async () => {
    const list = await service.requests['contexts.list']({});
    const row = (kind: string, name: string) => list.items.find((i) => i.kind === kind && i.name === name);

    expect(list.dockerConfigDir).toBe(env.DOCKER_CONFIG);
    expect(row('docker-context', 'default')).toMatchObject({ endpoint: 'unix:///var/run/docker.sock' });
    expect(row('docker-context', 'test-docker')).toMatchObject({
      endpoint: dockerEndpoint,
      description: 'the test engine',
      reachable: true,
      cliCurrent: false,
      inUse: false,
    });
    expect(row('docker-context', 'gone')).toMatchObject({ reachable: false });
    expect(row('podman-connection', 'test-podman')).toMatchObject({
      endpoint: podmanEndpoint,
      reachable: true,
      cliCurrent: true,
    });
    // Nothing answers SSH there: listed, not answering (ssh-podman.int.test.ts reaches one that does).
    expect(row('podman-connection', 'remote-box')).toMatchObject({ reachable: false });

    // The CLI's own list agrees on the current one.
    docker('context', 'use', 'test-docker');
    const after = await service.requests['contexts.list']({});
    expect(after.items.filter((i) => i.kind === 'docker-context' && i.cliCurrent).map((i) => i.name)).toEqual([
      'test-docker',
    ]);
  });

  it("switching to another context makes Wharf list that engine's containers, and is remembered", async () => {
    const name = `wharf-ctx-${suffix()}`;
    const state = await service.requests['contexts.use']({ kind: 'docker-context', name: 'test-docker' });
    expect(state).toMatchObject({ phase: 'connected', engine: { kind: 'docker', endpoint: dockerEndpoint } });
    const onDocker = await manager.engine.docker().createContainer({ Image: 'wharf-test/shell', name, Cmd: ['true'] });
    made.push({ docker: manager.engine.docker(), id: onDocker.id });
    expect((await manager.engine.docker().listContainers({ all: true })).some((c) => c.Id === onDocker.id)).toBe(true);

    let list = await service.requests['contexts.list']({});
    expect(list.items.filter((i) => i.inUse).map((i) => i.name)).toEqual(['test-docker']);
    expect(list.items.find((i) => i.name === 'test-docker')?.chosen).toBe(true);
    expect(settings.get()).toMatchObject({
      engine: dockerEndpoint,
      engineContext: { kind: 'docker-context', name: 'test-docker' },
    });

    const podmanState = await service.requests['contexts.use']({ kind: 'podman-connection', name: 'test-podman' });
    expect(podmanState).toMatchObject({ phase: 'connected', engine: { kind: 'podman', endpoint: podmanEndpoint } });
    const ids = (await manager.engine.docker().listContainers({ all: true })).map((c) => c.Id);
    expect(ids).not.toContain(onDocker.id);
    list = await service.requests['contexts.list']({});
    expect(list.items.filter((i) => i.inUse).map((i) => `${i.kind}/${i.name}`)).toEqual([
      'podman-connection/test-podman',
    ]);
    // Wharf's choice is not the CLI's.
    expect(docker('context', 'show').trim()).toBe('default');

    // An engine chosen some other way (Settings) is no context's choice any more.
    await manager.controls.use(dockerEndpoint!, null);
    expect(settings.get().engineContext).toBeUndefined();
    list = await service.requests['contexts.list']({});
    expect(list.items.filter((i) => i.chosen)).toEqual([]);
    expect(list.items.filter((i) => i.inUse).map((i) => i.name)).toEqual(['test-docker']);
  });

  it('an unknown name is refused and changes nothing', async () => {
    await expect(service.requests['contexts.use']({ kind: 'docker-context', name: 'nope' })).rejects.toMatchObject({
      code: 'not-found',
      key: 'context.notFound',
    });
    expect(settings.get().engine).toBeNull();
    expect(settings.get().engineContext).toBeUndefined();
  });

  it("also making it the CLI's default does what docker context use and podman system connection default do", async () => {
    const result = await service.requests['contexts.makeCliDefault']({ kind: 'docker-context', name: 'test-docker' });
    expect(result).toMatchObject({ command: 'docker context use test-docker' });
    expect(docker('context', 'show').trim()).toBe('test-docker');
    await service.requests['contexts.makeCliDefault']({ kind: 'docker-context', name: 'default' });
    expect(docker('context', 'show').trim()).toBe('default');

    podman('system', 'connection', 'default', 'remote-box');
    await service.requests['contexts.makeCliDefault']({ kind: 'podman-connection', name: 'test-podman' });
    const connections = JSON.parse(podman('system', 'connection', 'list', '--format', 'json')) as {
      Name: string;
      Default: boolean;
    }[];
    expect(connections.filter((c) => c.Default).map((c) => c.Name)).toEqual(['test-podman']);
  });

  it('a remembered context whose endpoint moved is followed at start', async () => {
    await service.requests['contexts.use']({ kind: 'docker-context', name: 'test-docker' });
    docker('context', 'update', 'test-docker', '--docker', `host=${podmanEndpoint}`);
    await service.followChosen();
    expect(settings.get().engine).toBe(podmanEndpoint);
    await waitForState(manager, (s) => s.phase === 'connected' && s.engine.kind === 'podman');
  });
});
