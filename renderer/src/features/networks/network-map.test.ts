import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { NetworkAttachment, NetworkInfo } from '../../../../runtime/domains/networks/types';
import { buildNetworkMap, publishedPorts } from './network-map';

const att = (name: string, ipv4: string, aliases: string[] = []): NetworkAttachment => ({
  containerId: `id-${name}`,
  containerName: name,
  state: 'running',
  ipv4,
  aliases,
});
const net = (name: string, containers: NetworkAttachment[], builtIn = false, driver = 'bridge'): NetworkInfo => ({
  id: `n-${name}`,
  name,
  driver,
  scope: 'local',
  builtIn,
  created: null,
  internal: false,
  attachable: false,
  ipv6: false,
  subnets: [],
  labels: {},
  options: {},
  containers,
});
const ctr = (name: string, ports: ContainerSummary['ports'] = []) =>
  ({ id: `id-${name}`, name, ports }) as ContainerSummary;

describe('the network map', () => {
  it('finds peers by name and alias on a user-defined network', () => {
    const map = buildNetworkMap(
      [net('bridge', [], true), net('app', [att('web', '10.1.0.2'), att('db', '10.1.0.3', ['postgres'])])],
      [ctr('web'), ctr('db')],
    );
    const web = map.containers.find((c) => c.name === 'web')!;
    expect(web.byName).toEqual([{ to: 'db', via: 'app', names: ['db', 'postgres'], ip: '10.1.0.3' }]);
    expect(web.byIpOnly).toEqual([]);
    expect(map.bridgeOnly).toEqual([]);
    expect(map.networks.map((n) => [n.network.name, n.dns])).toEqual([['app', true]]);
  });

  it('says two containers on the default bridge reach each other only by address', () => {
    const map = buildNetworkMap(
      [net('bridge', [att('a', '172.17.0.2'), att('b', '172.17.0.3')], true)],
      [ctr('a'), ctr('b')],
    );
    expect(map.containers.find((c) => c.name === 'a')?.byIpOnly).toEqual([
      { to: 'b', via: 'bridge', names: [], ip: '172.17.0.3' },
    ]);
    expect(map.bridgeOnly).toEqual(['a', 'b']);
    expect(map.networks[0]?.dns).toBe(false);
  });

  it('drops the lesson once the two also share a user-defined network', () => {
    const map = buildNetworkMap(
      [
        net('bridge', [att('a', '172.17.0.2'), att('b', '172.17.0.3')], true),
        net('app', [att('a', '10.1.0.2'), att('b', '10.1.0.3')]),
      ],
      [ctr('a'), ctr('b')],
    );
    expect(map.bridgeOnly).toEqual([]);
    expect(map.containers[0]?.byName.map((r) => r.to)).toEqual(['b']);
  });

  it('lists each published port once, IPv4 and IPv6 bindings together', () => {
    expect(
      publishedPorts(
        ctr('web', [
          { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
          { ip: '::', privatePort: 80, publicPort: 8080, type: 'tcp' },
          { privatePort: 443, type: 'tcp' },
        ]),
      ),
    ).toEqual([{ hostIp: '0.0.0.0', hostPort: 8080, port: 80, type: 'tcp' }]);
  });
});
