// networks.list against the real engine: the engine's own networks and one a
// user made, as `docker network ls` has them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworksService } from './networks';
import { type TestEngine, createTestEngine, dockerCli, uniqueName } from '../test-support/test-engine';

const endpoint = process.env.WHARF_TEST_DOCKER;

describe.skipIf(endpoint === undefined)('networks.list on docker', () => {
  const ep = endpoint ?? '';
  const name = uniqueName('wharf-net');
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await createTestEngine(ep);
    await dockerCli(ep, ['network', 'create', name]);
  });

  afterAll(async () => {
    await dockerCli(ep, ['network', 'rm', name]).catch(() => {});
    await engine?.dispose();
  });

  it('lists the built-in networks first, then the ones a user made', async () => {
    const list = await createNetworksService(engine).requests['networks.list']({});
    const cli = (await dockerCli(ep, ['network', 'ls', '--format', '{{.Name}}'])).split('\n').filter((l) => l !== '');
    expect(list.map((n) => n.name).sort()).toEqual(cli.sort());
    expect(list.find((n) => n.name === 'bridge')).toMatchObject({ driver: 'bridge', builtIn: true });
    expect(list.find((n) => n.name === name)).toMatchObject({ driver: 'bridge', builtIn: false });
    const firstUser = list.findIndex((n) => !n.builtIn);
    expect(list.slice(firstUser).every((n) => !n.builtIn)).toBe(true);
  });
});
