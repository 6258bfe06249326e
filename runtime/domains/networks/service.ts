// Networks: the engine's networks with the containers attached to each
// (running or stopped, with their address and aliases), and the actions on
// them. A network in use is not removed (the engine would say only "has active
// endpoints"), and prune removes exactly the names its preview showed.
import type Docker from 'dockerode';
import { type ErrorTextKey, errorHint, errorMessage } from '../../api/error-texts';
import { ApiError, type ErrorCode } from '../../api/errors';
import type { Engine } from '../../engine/types';
import { mapLimit } from '../containers/map-limit';
import type { ServiceHandlers } from '../../transport/handlers';
import {
  networkConnectCommand,
  networkCreateCommand,
  networkDisconnectCommand,
  networkInspectCommand,
  networkRemoveCommand,
} from './cli';
import {
  BUILT_IN_NETWORKS,
  type NetworkConnectInput,
  type NetworkCreateInput,
  inSubnet,
  parseIpv4,
  parseSubnet,
} from './contract';
import type { NetworkAttachment, NetworkInfo, NetworkPruneResult, NetworkSummary } from './types';

type Names =
  | 'networks.list'
  | 'networks.inspect'
  | 'networks.create'
  | 'networks.remove'
  | 'networks.prunePreview'
  | 'networks.prune'
  | 'networks.connect'
  | 'networks.disconnect';

/** What the engine's network list and inspect hold (Docker's list leaves Containers out). */
export interface EngineNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> | null } | null;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

interface EngineEndpoint {
  IPAddress?: string;
  Aliases?: string[] | null;
}

interface EngineContainer {
  Id: string;
  Names?: string[];
  State?: string;
  NetworkSettings?: { Networks?: Record<string, EngineEndpoint> | null } | null;
}

const COMPOSE_PROJECT = 'com.docker.compose.project';

export function toNetworkSummary(n: { Id: string; Name: string; Driver?: string; Scope?: string }): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    scope: n.Scope ?? '',
    builtIn: BUILT_IN_NETWORKS.includes(n.Name),
  };
}

export function toNetworkInfo(n: EngineNetwork, containers: readonly NetworkAttachment[]): NetworkInfo {
  const labels = n.Labels ?? {};
  const created = n.Created !== undefined && !n.Created.startsWith('0001-') ? n.Created : null;
  return {
    ...toNetworkSummary(n),
    created,
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    ipv6: n.EnableIPv6 === true,
    subnets: (n.IPAM?.Config ?? [])
      .filter((c) => c.Subnet)
      .map((c) => ({ subnet: c.Subnet ?? '', gateway: c.Gateway ?? '' })),
    labels,
    options: n.Options ?? {},
    containers: [...containers].sort((a, b) => a.containerName.localeCompare(b.containerName)),
    ...(labels[COMPOSE_PROJECT] !== undefined ? { composeProject: labels[COMPOSE_PROJECT] } : {}),
  };
}

/** The aliases a user gave: the engine adds the container's short id (and on Podman its name) on its own. */
function ownAliases(aliases: readonly string[] | null | undefined, id: string, name: string): string[] {
  return [...new Set((aliases ?? []).filter((a) => a !== name && !(a.length >= 12 && id.startsWith(a))))];
}

/** Every container's networks, by network name. Docker's list leaves aliases out: those containers are inspected. */
export async function attachmentsByNetwork(docker: Docker): Promise<Map<string, NetworkAttachment[]>> {
  const list = (await docker.listContainers({ all: true })) as unknown as EngineContainer[];
  const byNetwork = new Map<string, NetworkAttachment[]>();
  await mapLimit(list, 4, async (c) => {
    let networks = c.NetworkSettings?.Networks ?? {};
    const needAliases = Object.entries(networks).some(
      ([net, ep]) => ep.Aliases == null && !BUILT_IN_NETWORKS.includes(net),
    );
    if (needAliases) {
      try {
        const inspected = (await docker.getContainer(c.Id).inspect()) as unknown as EngineContainer;
        networks = inspected.NetworkSettings?.Networks ?? networks;
      } catch {
        // Gone between the list and the inspect: its list entry is all there is.
      }
    }
    const name = (c.Names?.[0] ?? c.Id).replace(/^\//, '');
    for (const [net, ep] of Object.entries(networks)) {
      const rows = byNetwork.get(net) ?? [];
      rows.push({
        containerId: c.Id,
        containerName: name,
        state: c.State ?? '',
        ipv4: ep.IPAddress ?? '',
        aliases: ownAliases(ep.Aliases, c.Id, name),
      });
      byNetwork.set(net, rows);
    }
  });
  return byNetwork;
}

/**
 * The containers on a network. Podman's compatible API calls its default
 * network "bridge" in the network list but "podman" on each container.
 */
export function attachedTo(byNetwork: ReadonlyMap<string, NetworkAttachment[]>, name: string): NetworkAttachment[] {
  const own = byNetwork.get(name) ?? [];
  return name === 'bridge' && !byNetwork.has('bridge') ? (byNetwork.get('podman') ?? []) : own;
}

function keyedError(code: ErrorCode, key: ErrorTextKey, params: Record<string, string>): ApiError {
  return new ApiError({ code, message: errorMessage(key, params), hint: errorHint(key, params), key, params });
}

function builtInError(name: string): ApiError {
  return keyedError('forbidden', 'network.builtIn', { network: name });
}

function inUseError(name: string, users: readonly NetworkAttachment[]): ApiError {
  const names = users.map((u) => u.containerName);
  return keyedError('conflict', 'network.inUse', { network: name, containers: names.join(', ') });
}

export function createNetworksService(engine: Engine): ServiceHandlers<Names> {
  const docker = () => engine.docker();

  const inspectRaw = async (ref: string) => (await docker().getNetwork(ref).inspect()) as EngineNetwork;

  const infoOf = async (ref: string) => {
    const [raw, attachments] = await Promise.all([inspectRaw(ref), attachmentsByNetwork(docker())]);
    return { raw, info: toNetworkInfo(raw, attachedTo(attachments, raw.Name)) };
  };

  const list = async (): Promise<NetworkInfo[]> => {
    const [networks, attachments] = await Promise.all([
      docker().listNetworks() as Promise<EngineNetwork[]>,
      attachmentsByNetwork(docker()),
    ]);
    // The engine's own first, then the user's by name.
    return networks
      .map((n) => toNetworkInfo(n, attachedTo(attachments, n.Name)))
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  };

  const create = async (input: NetworkCreateInput) => {
    const existing = (await docker().listNetworks()) as EngineNetwork[];
    if (existing.some((n) => n.Name === input.name)) {
      throw keyedError('conflict', 'network.exists', { network: input.name });
    }
    const subnet = input.subnet !== undefined && input.subnet !== '' ? input.subnet : undefined;
    const gateway = input.gateway !== undefined && input.gateway !== '' ? input.gateway : undefined;
    await docker().createNetwork({
      Name: input.name,
      Driver: input.driver ?? 'bridge',
      CheckDuplicate: true,
      Internal: input.internal === true,
      Attachable: input.attachable === true,
      Labels: input.labels ?? {},
      Options: input.options ?? {},
      ...(subnet !== undefined
        ? {
            IPAM: {
              Driver: 'default',
              Config: [{ Subnet: subnet, ...(gateway !== undefined ? { Gateway: gateway } : {}) }],
            },
          }
        : {}),
    });
    const { info } = await infoOf(input.name);
    return { network: info, commands: [networkCreateCommand(input)] };
  };

  const remove = async (name: string) => {
    const { raw, info } = await infoOf(name);
    if (info.builtIn) throw builtInError(raw.Name);
    if (info.containers.length > 0) throw inUseError(raw.Name, info.containers);
    await docker().getNetwork(raw.Id).remove();
    return { commands: [networkRemoveCommand([raw.Name])] };
  };

  const unused = (networks: readonly NetworkInfo[]) => networks.filter((n) => !n.builtIn && n.containers.length === 0);

  const prune = async (names: readonly string[]): Promise<NetworkPruneResult> => {
    const byName = new Map((await list()).map((n) => [n.name, n]));
    const removed: string[] = [];
    const kept: NetworkPruneResult['kept'] = [];
    for (const name of names) {
      const n = byName.get(name);
      if (n === undefined) kept.push({ name, reason: 'already gone' });
      else if (n.builtIn) kept.push({ name, reason: "one of the engine's own networks" });
      else if (n.containers.length > 0)
        kept.push({ name, reason: `in use by ${n.containers.map((c) => c.containerName).join(', ')}` });
      else {
        try {
          await docker().getNetwork(n.id).remove();
          removed.push(name);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) kept.push({ name, reason: 'already gone' });
          else kept.push({ name, reason: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return { removed, kept, commands: removed.length > 0 ? [networkRemoveCommand(removed)] : [] };
  };

  const connect = async (input: NetworkConnectInput) => {
    const { raw, info } = await infoOf(input.network);
    const aliases = input.aliases ?? [];
    if (aliases.length > 0 && raw.Name === 'bridge') {
      throw keyedError('invalid-input', 'network.aliasOnDefaultBridge', { network: raw.Name });
    }
    if (info.containers.some((c) => c.containerId.startsWith(input.container) || c.containerName === input.container)) {
      throw keyedError('conflict', 'network.alreadyConnected', { network: raw.Name, container: input.container });
    }
    const ipv4 = input.ipv4 !== undefined && input.ipv4 !== '' ? input.ipv4 : undefined;
    if (ipv4 !== undefined) {
      const address = parseIpv4(ipv4);
      const subnets = info.subnets.map((s) => parseSubnet(s.subnet)).filter((s) => s !== null);
      if (address !== null && subnets.length > 0 && !subnets.some((s) => inSubnet(address, s))) {
        throw keyedError('invalid-input', 'network.ipOutside', {
          ip: ipv4,
          subnet: info.subnets.map((s) => s.subnet).join(', '),
        });
      }
    }
    await docker()
      .getNetwork(raw.Id)
      .connect({
        Container: input.container,
        EndpointConfig: {
          ...(aliases.length > 0 ? { Aliases: aliases } : {}),
          ...(ipv4 !== undefined ? { IPAMConfig: { IPv4Address: ipv4 } } : {}),
        },
      });
    return { commands: [networkConnectCommand({ ...input, network: raw.Name })] };
  };

  return {
    requests: {
      'networks.list': list,
      'networks.inspect': async ({ name }) => {
        const { raw, info } = await infoOf(name);
        return { network: info, raw, command: networkInspectCommand(info.name) };
      },
      'networks.create': create,
      'networks.remove': ({ name }) => remove(name),
      'networks.prunePreview': async () => {
        const networks = unused(await list()).map((n) => ({ id: n.id, name: n.name }));
        return { networks, commands: networks.length > 0 ? [networkRemoveCommand(networks.map((n) => n.name))] : [] };
      },
      'networks.prune': ({ names }) => prune(names),
      'networks.connect': connect,
      'networks.disconnect': async (input) => {
        await docker()
          .getNetwork(input.network)
          .disconnect({ Container: input.container, ...(input.force === true ? { Force: true } : {}) });
        return { commands: [networkDisconnectCommand(input)] };
      },
    },
    subscriptions: {},
  };
}
