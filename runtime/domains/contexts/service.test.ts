// Which row the switcher marks: the logic of contexts.list over a context
// store written to a temporary folder, with the probe and the engine state
// given (the real engines are in service.int.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextId } from '../../engine/docker-contexts';
import type { Engine } from '../../engine/types';
import { createSettingsStore, type SettingsStore } from '../../settings';
import type { EngineState } from '../engine/types';
import { createContextsService } from './service';

let dir: string;
let settings: SettingsStore;
let state: EngineState;

function context(name: string, host: string): void {
  const meta = join(dir, 'docker', 'contexts', 'meta', contextId(name), 'meta.json');
  mkdirSync(join(meta, '..'), { recursive: true });
  writeFileSync(meta, JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }));
}

function service(probe: (endpoint: string) => boolean = () => true) {
  const engine = { state: () => state } as unknown as Engine;
  return createContextsService({
    engine,
    choice: { use: async () => state },
    settings,
    env: { DOCKER_CONFIG: join(dir, 'docker'), CONTAINERS_CONF: join(dir, 'containers.conf') },
    home: dir,
    platform: 'linux',
    root: true,
    probe: async (c) => probe(c.endpoint),
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-ctxsvc-'));
  settings = createSettingsStore(join(dir, 'settings.json'));
  state = { phase: 'connecting' };
  writeFileSync(
    join(dir, 'containers.conf'),
    '[engine]\nactive_service = "pm"\n[engine.service_destinations.pm]\nuri = "unix:///run/shared.sock"\n' +
      '[engine.service_destinations.far]\nuri = "ssh://core@host:22/run/podman.sock"\nidentity = "/keys/far"\n',
  );
  context('one', 'unix:///run/shared.sock');
  context('two', 'unix:////run//shared.sock');
  context('remote', 'tcp://203.0.113.5:2375');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const connectedTo = (endpoint: string): EngineState => ({
  phase: 'connected',
  engine: {
    kind: 'docker',
    version: '1',
    apiVersion: '1.41',
    os: 'linux',
    arch: 'amd64',
    endpoint,
    source: 'settings',
    embedded: false,
  },
});

describe('contexts.list', () => {
  it('marks every row with the connected endpoint in use until one of them was chosen', async () => {
    state = connectedTo('unix:///run/shared.sock');
    const inUse = async () =>
      (await service().requests['contexts.list']({})).items.filter((i) => i.inUse).map((i) => `${i.kind}/${i.name}`);
    expect(await inUse()).toEqual(['docker-context/one', 'docker-context/two', 'podman-connection/pm']);

    await settings.update({
      engine: 'unix:///run/shared.sock',
      engineContext: { kind: 'docker-context', name: 'two' },
    });
    expect(await inUse()).toEqual(['docker-context/two']);
  });

  it('a remembered name whose endpoint is no longer the engine choice marks nothing chosen', async () => {
    await settings.update({ engine: 'unix:///elsewhere.sock', engineContext: { kind: 'docker-context', name: 'one' } });
    const list = await service().requests['contexts.list']({});
    expect(list.items.filter((i) => i.chosen)).toEqual([]);
  });

  it('probes an ssh Podman connection like any other, but no unencrypted remote endpoint not accepted', async () => {
    const probed: string[] = [];
    const list = await service((endpoint) => {
      probed.push(endpoint);
      return true;
    }).requests['contexts.list']({});
    expect(probed).toContain('ssh://core@host:22/run/podman.sock');
    expect(probed).not.toContain('tcp://203.0.113.5:2375');
    expect(list.items.find((i) => i.name === 'far')).toMatchObject({ reachable: true, identity: '/keys/far' });
    expect(list.items.find((i) => i.name === 'far')?.unencrypted).toBeUndefined();
    expect(list.items.find((i) => i.name === 'remote')).toMatchObject({
      reachable: false,
      unencrypted: { accepted: false },
    });
    expect(list.items.find((i) => i.name === 'pm')).toMatchObject({ reachable: true, cliCurrent: true });
  });

  it('says which variable overrides the CLI choice', async () => {
    const overridden = createContextsService({
      engine: { state: () => state } as unknown as Engine,
      choice: { use: async () => state },
      settings,
      env: { DOCKER_HOST: 'unix:///x.sock', CONTAINER_CONNECTION: 'pm', CONTAINERS_CONF: join(dir, 'containers.conf') },
      home: dir,
      root: true,
      probe: async () => false,
    });
    const list = await overridden.requests['contexts.list']({});
    expect([list.dockerOverride, list.podmanOverride]).toEqual(['DOCKER_HOST', 'CONTAINER_CONNECTION']);
    expect(list.items[0]).toMatchObject({ name: 'default', endpoint: 'unix:///x.sock', cliCurrent: true });
  });
});
