// Networks: list, inspect, create, remove, prune, connect and disconnect.
// The checks on a new network's addresses live here too (pure), so the form
// shows the same problem the runtime refuses with, before anything is sent.
import { z } from 'zod';
import { request } from '../../api/define';
import { ContainerRef, none } from '../../api/inputs';
import type {
  NetworkActionResult,
  NetworkDetails,
  NetworkInfo,
  NetworkPrunePreview,
  NetworkPruneResult,
} from './types';

/** The engine's own networks: always there, never removed. */
export const BUILT_IN_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

export const NETWORK_DRIVERS = ['bridge', 'macvlan', 'ipvlan'] as const;

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

// ---- IPv4 ----

/** The address as a 32-bit number, or null when it is not a dotted IPv4 address. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Ipv4Subnet {
  base: number;
  prefix: number;
}

/** `a.b.c.d/n`, or null. */
export function parseSubnet(text: string): Ipv4Subnet | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const base = parseIpv4(m[1]!);
  const prefix = Number(m[2]);
  if (base === null || prefix > 32) return null;
  return { base, prefix };
}

const blockSize = (prefix: number) => 2 ** (32 - prefix);
const networkOf = (address: number, prefix: number) => address - (address % blockSize(prefix));

export function inSubnet(address: number, subnet: Ipv4Subnet): boolean {
  return networkOf(address, subnet.prefix) === networkOf(subnet.base, subnet.prefix);
}

// ---- Problems ----

export type NetworkField = 'name' | 'subnet' | 'gateway' | 'aliases' | 'ipv4';

/** What is wrong with one field: `key` names the UI text (networks.problems.<key>), `params` fill it. */
export interface NetworkProblem {
  field: NetworkField;
  key: string;
  params: Record<string, string>;
}

const ENGLISH: Record<string, string> = {
  nameMissing: 'Give the network a name.',
  nameFormat:
    '"{{value}}" is not a network name: use letters, digits, "_", "." and "-", starting with a letter or digit.',
  nameBuiltIn: '"{{value}}" is one of the engine\'s own networks; choose another name.',
  subnetFormat: '"{{value}}" is not an IPv4 subnet: write an address, a slash and a prefix length, like 10.10.0.0/24.',
  subnetPrefix:
    '"{{value}}" leaves no room for containers: use a prefix length between 8 and 30 (/24 gives 254 addresses).',
  subnetHostBits: '"{{value}}" does not start at its network address: for /{{prefix}} write {{expected}}.',
  gatewayFormat: '"{{value}}" is not an IPv4 address (like 10.10.0.1).',
  gatewayNeedsSubnet: 'A gateway needs a subnet: give the subnet too.',
  gatewayOutside: 'The gateway {{value}} is not inside the subnet {{subnet}}.',
  gatewayReserved:
    "{{value}} is the subnet's network or broadcast address; pick an address inside it, like {{example}}.",
  aliasFormat: '"{{value}}" is not an alias: use letters, digits, "_", "." and "-", starting with a letter or digit.',
  ipv4Format: '"{{value}}" is not an IPv4 address (like 10.10.0.5).',
};

/** The English text of a problem (the runtime's refusal; the UI translates the key). */
export function problemText(problem: NetworkProblem): string {
  return (ENGLISH[problem.key] ?? problem.key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => problem.params[k] ?? '');
}

export function nameProblems(name: string): NetworkProblem[] {
  if (name.trim() === '') return [{ field: 'name', key: 'nameMissing', params: {} }];
  if (!NAME_RE.test(name) || name.length > 128) return [{ field: 'name', key: 'nameFormat', params: { value: name } }];
  if (BUILT_IN_NETWORKS.includes(name)) return [{ field: 'name', key: 'nameBuiltIn', params: { value: name } }];
  return [];
}

/** The subnet and gateway of a new network: each problem once, in the field it belongs to. */
export function addressProblems(subnet: string | undefined, gateway: string | undefined): NetworkProblem[] {
  const problems: NetworkProblem[] = [];
  let parsed: Ipv4Subnet | null = null;
  if (subnet !== undefined && subnet !== '') {
    parsed = parseSubnet(subnet);
    if (parsed === null) problems.push({ field: 'subnet', key: 'subnetFormat', params: { value: subnet } });
    else if (parsed.prefix < 8 || parsed.prefix > 30) {
      problems.push({ field: 'subnet', key: 'subnetPrefix', params: { value: subnet } });
      parsed = null;
    } else if (networkOf(parsed.base, parsed.prefix) !== parsed.base) {
      const expected = `${formatIpv4(networkOf(parsed.base, parsed.prefix))}/${parsed.prefix}`;
      problems.push({
        field: 'subnet',
        key: 'subnetHostBits',
        params: { value: subnet, prefix: String(parsed.prefix), expected },
      });
      parsed = null;
    }
  }
  if (gateway !== undefined && gateway !== '') {
    const address = parseIpv4(gateway);
    if (address === null) problems.push({ field: 'gateway', key: 'gatewayFormat', params: { value: gateway } });
    else if (subnet === undefined || subnet === '')
      problems.push({ field: 'gateway', key: 'gatewayNeedsSubnet', params: { value: gateway } });
    else if (parsed !== null) {
      if (!inSubnet(address, parsed))
        problems.push({ field: 'gateway', key: 'gatewayOutside', params: { value: gateway, subnet: subnet ?? '' } });
      else if (address === parsed.base || address === parsed.base + blockSize(parsed.prefix) - 1) {
        problems.push({
          field: 'gateway',
          key: 'gatewayReserved',
          params: { value: gateway, example: formatIpv4(parsed.base + 1) },
        });
      }
    }
  }
  return problems;
}

export function aliasProblems(aliases: readonly string[]): NetworkProblem[] {
  return aliases
    .filter((a) => !NAME_RE.test(a) || a.length > 128)
    .map((value) => ({ field: 'aliases' as const, key: 'aliasFormat', params: { value } }));
}

export function ipv4Problems(ipv4: string | undefined): NetworkProblem[] {
  return ipv4 !== undefined && ipv4 !== '' && parseIpv4(ipv4) === null
    ? [{ field: 'ipv4', key: 'ipv4Format', params: { value: ipv4 } }]
    : [];
}

/** Adds each problem as a zod issue, in English, at its field. */
function refineWith<T>(check: (value: T) => NetworkProblem[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const p of check(value)) ctx.addIssue({ code: 'custom', path: [p.field], message: problemText(p) });
  };
}

// ---- Inputs ----

/** A network's name or id. */
export const NetworkRef = z.string().min(1).max(128).regex(NAME_RE, 'not a network name or id');

const KeyValues = z.record(z.string().min(1).max(256), z.string().max(4096));

export const NetworkCreateInput = z
  .object({
    name: z.string().max(128),
    driver: z.enum(NETWORK_DRIVERS).optional(),
    subnet: z.string().max(64).optional(),
    gateway: z.string().max(64).optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    labels: KeyValues.optional(),
    /** Driver options (-o), e.g. parent=eth0 for macvlan. */
    options: KeyValues.optional(),
  })
  .strict()
  .superRefine(refineWith((v) => [...nameProblems(v.name), ...addressProblems(v.subnet, v.gateway)]));
export type NetworkCreateInput = z.infer<typeof NetworkCreateInput>;

export const NetworkConnectInput = z
  .object({
    network: NetworkRef,
    container: ContainerRef,
    aliases: z.array(z.string().max(128)).max(16).optional(),
    ipv4: z.string().max(64).optional(),
  })
  .strict()
  .superRefine(refineWith((v) => [...aliasProblems(v.aliases ?? []), ...ipv4Problems(v.ipv4)]));
export type NetworkConnectInput = z.infer<typeof NetworkConnectInput>;

export const NetworkDisconnectInput = z
  .object({
    network: NetworkRef,
    container: ContainerRef,
    /** Disconnect even a container the engine holds on to. */ force: z.boolean().optional(),
  })
  .strict();
export type NetworkDisconnectInput = z.infer<typeof NetworkDisconnectInput>;

export const networksContract = {
  /** docker network ls, with what inspect adds: subnets, flags, labels and the containers attached (running or not). */
  'networks.list': request<NetworkInfo[]>()(none),
  /** docker network inspect: the network and the engine's JSON. */
  'networks.inspect': request<NetworkDetails>()(z.object({ name: NetworkRef }).strict()),
  /** docker network create; refused with the problem (and nothing created) when an address is wrong. */
  'networks.create': request<NetworkActionResult & { network: NetworkInfo }>()(NetworkCreateInput),
  /** Refused (code 'conflict', naming them) while containers are attached; the engine's own networks are never removed. */
  'networks.remove': request<NetworkActionResult>()(z.object({ name: NetworkRef }).strict()),
  /** Exactly what 'networks.prune' would remove now: user-defined networks no container is attached to. */
  'networks.prunePreview': request<NetworkPrunePreview>()(none),
  /** Removes the named networks, each only if it is still unused; pass a preview's names. */
  'networks.prune': request<NetworkPruneResult>()(z.object({ names: z.array(NetworkRef).min(1).max(1000) }).strict()),
  /** docker network connect [--alias …] [--ip …] */
  'networks.connect': request<NetworkActionResult>()(NetworkConnectInput),
  /** docker network disconnect */
  'networks.disconnect': request<NetworkActionResult>()(NetworkDisconnectInput),
} as const;
