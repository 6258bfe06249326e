// Networks against the real engines: what Wharf reads and does is what the
// engine holds (read back through the Engine API), on Docker and on Podman.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { ChangeEvent } from '../changes/types';
import { createChangesService } from '../changes/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { NetworkCreateInput } from './contract';
import { createNetworksService } from './service';

const engines = testEndpoints();

interface RawNetwork {
  Name: string;
  Internal: boolean;
  Attachable: boolean;
  Labels: Record<string, string>;
  IPAM: { Config: Array<{ Subnet: string; Gateway?: string }> };
}
interface RawEndpoint {
  IPAddress: string;
  Aliases: string[] | null;
}

describe.skipIf(engines.length === 0).each(engines)('networks on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let service: ReturnType<typeof createNetworksService>;
  const containers: string[] = [];
  const networks: string[] = [];
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  // A /24 of its own per test run, so runs never collide on an address.
  const octet = 100 + Math.floor(Math.random() * 150);
  let nextSubnet = 0;
  const subnet = () => `10.${octet}.${nextSubnet++}.0/24`;

  const network = (prefix: string) => {
    const name = uniqueName(`wharf-net-${prefix}`);
    networks.push(name);
    return name;
  };
  const container = async (prefix: string, args: string[], run = true) => {
    const name = uniqueName(`wharf-net-${prefix}`);
    containers.push(name);
    await cli(run ? 'run' : 'create', ...(run ? ['-d'] : []), '--name', name, ...args, TEST_IMAGE, 'sleep', '600');
    return name;
  };
  const inspectNetwork = async (name: string) => (await engine.docker().getNetwork(name).inspect()) as RawNetwork;
  const endpointOf = async (ctr: string, net: string) => {
    const raw = (await engine.docker().getContainer(ctr).inspect()) as {
      NetworkSettings: { Networks: Record<string, RawEndpoint> };
    };
    return raw.NetworkSettings.Networks[net];
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    service = createNetworksService(engine);
  });

  afterAll(async () => {
    if (containers.length > 0) await cli('rm', '-f', ...containers).catch(() => {});
    for (const name of networks) await cli('network', 'rm', name).catch(() => {});
    await engine?.dispose();
  });

  it('lists the built-in networks first, then the ones a user made, as docker network ls has them', async () => {
    const name = network('ls');
    await cli('network', 'create', name);
    const plain = await container('plain', []);
    const list = await service.requests['networks.list']({});
    const names = (await cli('network', 'ls', '--format', '{{.Name}}')).split('\n').filter((l) => l !== '');
    expect(list.map((n) => n.name).sort()).toEqual(names.sort());
    expect(list.find((n) => n.name === 'bridge')).toMatchObject({ driver: 'bridge', builtIn: true });
    // A container run without --network is on the default bridge, with the address the engine gave it.
    const onBridge = list.find((n) => n.name === 'bridge')?.containers.find((c) => c.containerName === plain);
    const raw = (await engine.docker().getContainer(plain).inspect()) as {
      NetworkSettings: { Networks: Record<string, RawEndpoint> };
    };
    expect(onBridge).toMatchObject({
      state: 'running',
      ipv4: Object.values(raw.NetworkSettings.Networks)[0]?.IPAddress,
      aliases: [],
    });
    expect(onBridge?.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(list.find((n) => n.name === name)).toMatchObject({ driver: 'bridge', builtIn: false, containers: [] });
    const firstUser = list.findIndex((n) => !n.builtIn);
    expect(list.slice(firstUser).every((n) => !n.builtIn)).toBe(true);
  });

  it('creates with subnet, gateway, internal and labels exactly as the engine then holds it', async () => {
    const name = network('create');
    const net = subnet();
    const gateway = net.replace(/0\/24$/, '1');
    const input = NetworkCreateInput.parse({
      name,
      driver: 'bridge',
      subnet: net,
      gateway,
      internal: true,
      labels: { 'wharf.test': 'yes', team: 'web' },
    });
    const created = await service.requests['networks.create'](input);
    const raw = await inspectNetwork(name);
    expect(raw.IPAM.Config).toEqual([expect.objectContaining({ Subnet: net, Gateway: gateway })]);
    expect(raw.Internal).toBe(true);
    expect(raw.Labels).toEqual({ 'wharf.test': 'yes', team: 'web' });
    expect(created.network).toMatchObject({
      name,
      driver: 'bridge',
      subnets: [{ subnet: net, gateway }],
      internal: true,
      attachable: raw.Attachable === true,
      labels: raw.Labels,
      builtIn: false,
    });
    expect(created.commands).toEqual([
      `docker network create --driver bridge --subnet ${net} --gateway ${gateway} --internal --label wharf.test=yes --label team=web ${name}`,
    ]);
    // The same name again is refused, and the first stays as it was.
    const again = await refusal(service.requests['networks.create'](NetworkCreateInput.parse({ name })));
    expect(again.key).toBe('network.exists');
    expect((await inspectNetwork(name)).Internal).toBe(true);
  });

  it('refuses a subnet that does not start at its network address, and creates nothing', async () => {
    const name = network('bad');
    const parsed = NetworkCreateInput.safeParse({ name, subnet: '10.1.2.3/24' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('10.1.2.0/24');
    expect((await service.requests['networks.list']({})).some((n) => n.name === name)).toBe(false);
  });

  it('connects with an alias and an address, and disconnects, as inspect then shows', async () => {
    const name = network('conn');
    const net = subnet();
    await service.requests['networks.create'](NetworkCreateInput.parse({ name, subnet: net }));
    const ctr = await container('conn', []);
    const ip = net.replace(/0\/24$/, '42');
    const connected = await service.requests['networks.connect']({
      network: name,
      container: ctr,
      aliases: ['db', 'cache'],
      ipv4: ip,
    });
    expect(connected.commands).toEqual([`docker network connect --alias db --alias cache --ip ${ip} ${name} ${ctr}`]);
    const ep = await endpointOf(ctr, name);
    expect(ep?.IPAddress).toBe(ip);
    expect(ep?.Aliases).toEqual(expect.arrayContaining(['db', 'cache']));
    const shown = (await service.requests['networks.inspect']({ name })).network.containers;
    expect(shown).toEqual([
      expect.objectContaining({ containerName: ctr, ipv4: ip, aliases: expect.arrayContaining(['db', 'cache']) }),
    ]);
    expect(shown[0]?.aliases).toHaveLength(2);

    // Connected twice: refused before the engine, saying so.
    expect((await refusal(service.requests['networks.connect']({ network: name, container: ctr }))).key).toBe(
      'network.alreadyConnected',
    );
    // An address outside the subnet: refused, and nothing changes.
    const outside = await refusal(
      service.requests['networks.connect']({ network: name, container: await container('out', []), ipv4: '192.0.2.9' }),
    );
    expect(outside.key).toBe('network.ipOutside');

    await service.requests['networks.disconnect']({ network: name, container: ctr });
    expect(await endpointOf(ctr, name)).toBeUndefined();
    expect((await service.requests['networks.inspect']({ name })).network.containers).toEqual([]);
  });

  it('refuses aliases on the default bridge, where there is no name lookup', async () => {
    const ctr = await container('alias', ['--network', 'none'], false);
    const error = await refusal(
      service.requests['networks.connect']({ network: 'bridge', container: ctr, aliases: ['web'] }),
    );
    expect(error.key).toBe('network.aliasOnDefaultBridge');
    expect(await endpointOf(ctr, 'bridge')).toBeUndefined();
  });

  it('refuses to remove a network in use, naming the container, and the network stays', async () => {
    const name = network('inuse');
    await cli('network', 'create', name);
    const ctr = await container('inuse', ['--network', name]);
    const error = await refusal(service.requests['networks.remove']({ name }));
    expect(error.code).toBe('conflict');
    expect(error.key).toBe('network.inUse');
    expect(error.message).toContain(ctr);
    expect(error.params?.containers).toBe(ctr);
    expect((await inspectNetwork(name)).Name).toBe(name);

    const builtIn = await refusal(service.requests['networks.remove']({ name: 'bridge' }));
    expect(builtIn.key).toBe('network.builtIn');
    expect((await inspectNetwork('bridge')).Name).toBe('bridge');

    await cli('rm', '-f', ctr);
    expect(await service.requests['networks.remove']({ name })).toEqual({ commands: [`docker network rm ${name}`] });
    expect((await service.requests['networks.list']({})).some((n) => n.name === name)).toBe(false);
  });

  it("prune's preview lists exactly what prune removes: unused networks, not those of stopped containers", async () => {
    const unused = network('unused');
    const stopped = network('stopped');
    const running = network('running');
    for (const n of [unused, stopped, running]) await cli('network', 'create', n);
    await container('stopped', ['--network', stopped], false);
    await container('running', ['--network', running]);

    const preview = await service.requests['networks.prunePreview']({});
    const names = preview.networks.map((n) => n.name);
    expect(names).toContain(unused);
    expect(names).not.toContain(stopped);
    expect(names).not.toContain(running);
    expect(names.some((n) => ['bridge', 'host', 'none'].includes(n))).toBe(false);

    const result = await service.requests['networks.prune']({ names });
    expect(result.removed.sort()).toEqual([...names].sort());
    expect(result.kept).toEqual([]);
    const after = (await service.requests['networks.list']({})).map((n) => n.name);
    for (const n of names) expect(after).not.toContain(n);
    expect(after).toEqual(expect.arrayContaining([stopped, running]));
  });

  // Podman's compatible event stream sends no network events: there the renderer re-reads on container changes.
  it.skipIf(kind === 'podman')(
    'the change feed says networks.changed when a network is created, connected to and removed',
    async () => {
      const changes = createChangesService(engine);
      const seen: ChangeEvent[] = [];
      const stop = changes.subscriptions['changes.watch'](
        {},
        {
          emit: (e) => seen.push(e),
          fail: (e) => {
            throw e;
          },
        },
      );
      const changed = async () => {
        const from = seen.length;
        const deadline = Date.now() + 5000;
        while (!seen.slice(from).some((e) => e.kind === 'networks.changed')) {
          if (Date.now() > deadline)
            throw new Error(
              `no networks.changed; saw ${seen
                .slice(from)
                .map((e) => e.kind)
                .join(', ')}`,
            );
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      try {
        const name = network('live');
        const create = changed();
        await cli('network', 'create', name);
        await create;
        const ctr = await container('live', []);
        await changes.idle();
        const connect = changed();
        await cli('network', 'connect', name, ctr);
        await connect;
        await cli('rm', '-f', ctr);
        const remove = changed();
        await cli('network', 'rm', name);
        await remove;
      } finally {
        stop();
      }
    },
  );
});
