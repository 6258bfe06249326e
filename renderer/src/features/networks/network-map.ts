// Who reaches whom, worked out from what the engine holds (pure; the map
// draws it and its table reads it out). Containers on the same user-defined
// network find each other by name (the engine's DNS answers for their names
// and aliases); on the default bridge there is no name lookup, only
// addresses; published ports are how the host reaches a container.
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { NetworkAttachment, NetworkInfo } from '../../../../runtime/domains/networks/types';

/** Networks where the engine answers containers' names. */
export function resolvesNames(network: NetworkInfo): boolean {
  return !network.builtIn && network.driver !== 'host' && network.driver !== 'null' && network.driver !== 'none';
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  port: number;
  type: string;
}

export interface Reach {
  to: string;
  via: string;
  /** The names `to` answers to on `via` (its name, then its aliases); empty when only its address works. */
  names: string[];
  ip: string;
}

export interface ContainerReach {
  id: string;
  name: string;
  state: string;
  networks: string[];
  /** Peers found by name on a shared user-defined network. */
  byName: Reach[];
  /** Peers that share only the default bridge: reachable by address, not by name. */
  byIpOnly: Reach[];
  published: PublishedPort[];
}

export interface NetworkMapModel {
  /** The networks drawn: each with containers, plus the user-defined ones without. */
  networks: Array<{ network: NetworkInfo; dns: boolean; members: NetworkAttachment[] }>;
  containers: ContainerReach[];
  /** Containers that sit together on the default bridge and share no user-defined network (the lesson), or empty. */
  bridgeOnly: string[];
}

/** Published ports, one per host port and protocol (the engine lists IPv4 and IPv6 bindings apart). */
export function publishedPorts(container: ContainerSummary | undefined): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const p of container?.ports ?? []) {
    if (p.publicPort === undefined) continue;
    const key = `${p.publicPort}/${p.type}`;
    if (!seen.has(key))
      seen.set(key, { hostIp: p.ip ?? '', hostPort: p.publicPort, port: p.privatePort, type: p.type });
  }
  return [...seen.values()].sort((a, b) => a.hostPort - b.hostPort);
}

export function buildNetworkMap(
  networks: readonly NetworkInfo[],
  containers: readonly ContainerSummary[],
): NetworkMapModel {
  const shown = networks
    .filter((n) => n.containers.length > 0 || !n.builtIn)
    .map((network) => ({ network, dns: resolvesNames(network), members: network.containers }));
  const byId = new Map(containers.map((c) => [c.id, c]));
  const people = new Map<string, { id: string; name: string; state: string; networks: string[] }>();
  for (const { network, members } of shown) {
    for (const m of members) {
      const entry = people.get(m.containerId) ?? {
        id: m.containerId,
        name: m.containerName,
        state: m.state,
        networks: [],
      };
      entry.networks.push(network.name);
      people.set(m.containerId, entry);
    }
  }
  const reach: ContainerReach[] = [...people.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const byName = new Map<string, Reach>();
      const byIp = new Map<string, Reach>();
      for (const { network, dns, members } of shown) {
        if (!members.some((m) => m.containerId === c.id)) continue;
        for (const peer of members) {
          if (peer.containerId === c.id) continue;
          if (dns) {
            if (!byName.has(peer.containerName))
              byName.set(peer.containerName, {
                to: peer.containerName,
                via: network.name,
                names: [peer.containerName, ...peer.aliases],
                ip: peer.ipv4,
              });
          } else if (network.name === 'bridge') {
            byIp.set(peer.containerName, { to: peer.containerName, via: network.name, names: [], ip: peer.ipv4 });
          }
        }
      }
      for (const name of byName.keys()) byIp.delete(name);
      return {
        ...c,
        byName: [...byName.values()],
        byIpOnly: [...byIp.values()],
        published: publishedPorts(byId.get(c.id)),
      };
    });
  const bridgeOnly = reach.filter((c) => c.byIpOnly.length > 0).map((c) => c.name);
  return { networks: shown, containers: reach, bridgeOnly };
}
