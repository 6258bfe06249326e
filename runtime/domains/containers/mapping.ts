// Engine JSON (Docker and Podman's compat API) → the contract's summaries.
// The engine types are written here, loosely: both engines leave fields out
// or send null where the other sends a value.
import type { ContainerState, ContainerSummary, MountSummary, PortSummary } from './types';
import type { HealthStatus } from './types';
import type { ImageSummary } from '../images/types';
import type { VolumeSummary } from '../volumes/types';

export interface EnginePort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type?: string;
}

export interface EngineMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  RW?: boolean;
}

export interface EngineContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: EnginePort[] | null;
  Labels?: Record<string, string> | null;
  Mounts?: EngineMount[] | null;
}

export interface EngineImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
  Labels?: Record<string, string> | null;
  /** Podman only. */
  Dangling?: boolean;
}

export interface EngineVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Scope?: string;
}

const STATES: Record<string, ContainerState> = {
  created: 'created',
  running: 'running',
  paused: 'paused',
  restarting: 'restarting',
  removing: 'removing',
  exited: 'exited',
  dead: 'dead',
  // Podman's own states, in case its compat layer passes one through.
  configured: 'created',
  initialized: 'created',
  stopping: 'running',
  stopped: 'exited',
};

export function toContainerState(state: string | undefined): ContainerState {
  return STATES[(state ?? '').toLowerCase()] ?? 'dead';
}

/**
 * The container's own name. Docker lists link aliases ("/other/alias") next
 * to it; the real name is the one with no slash after the first.
 */
export function containerName(names: readonly string[] | null | undefined, id: string): string {
  const list = names ?? [];
  const own = list.find((n) => !n.slice(1).includes('/')) ?? list[0];
  return own === undefined ? id.slice(0, 12) : own.replace(/^\//, '');
}

const PORT_TYPES = new Set<PortSummary['type']>(['tcp', 'udp', 'sctp']);

/**
 * One row per binding. Docker lists a binding on all interfaces twice (0.0.0.0
 * and ::); Podman leaves the address out for "all interfaces". Either way it
 * shows once, as 0.0.0.0.
 */
export function toPorts(ports: readonly EnginePort[] | null | undefined): PortSummary[] {
  const seen = new Map<string, PortSummary>();
  for (const p of ports ?? []) {
    const type = (PORT_TYPES.has(p.Type as PortSummary['type']) ? p.Type : 'tcp') as PortSummary['type'];
    const port: PortSummary = { privatePort: p.PrivatePort, type };
    if (p.PublicPort !== undefined && p.PublicPort !== 0) {
      port.publicPort = p.PublicPort;
      port.ip = p.IP === undefined || p.IP === '' ? '0.0.0.0' : p.IP;
    }
    const key = `${port.privatePort}/${type}/${port.ip ?? ''}:${port.publicPort ?? ''}`;
    if (!seen.has(key)) seen.set(key, port);
  }
  for (const [key, port] of seen) {
    if (port.ip === '::' && seen.has(`${port.privatePort}/${port.type}/0.0.0.0:${port.publicPort}`)) seen.delete(key);
  }
  // An exposed-only entry adds nothing when the same port is also published.
  const published = new Set(
    [...seen.values()].filter((p) => p.publicPort !== undefined).map((p) => `${p.privatePort}/${p.type}`),
  );
  return [...seen.values()]
    .filter((p) => p.publicPort !== undefined || !published.has(`${p.privatePort}/${p.type}`))
    .sort(
      (a, b) =>
        a.privatePort - b.privatePort ||
        a.type.localeCompare(b.type) ||
        ipOrder(a.ip) - ipOrder(b.ip) ||
        (a.ip ?? '').localeCompare(b.ip ?? '') ||
        (a.publicPort ?? 0) - (b.publicPort ?? 0),
    );
}

/** IPv4 before IPv6, as `docker ps` shows them. */
const ipOrder = (ip: string | undefined) => (ip?.includes(':') ? 1 : 0);

const MOUNT_TYPES = new Set<MountSummary['type']>(['bind', 'volume', 'tmpfs', 'npipe', 'cluster']);

export function toMounts(mounts: readonly EngineMount[] | null | undefined): MountSummary[] {
  const out: MountSummary[] = [];
  for (const m of mounts ?? []) {
    const type = (m.Type ?? '') as MountSummary['type'];
    if (!MOUNT_TYPES.has(type)) continue;
    const mount: MountSummary = {
      type,
      source: m.Source ?? '',
      destination: m.Destination ?? '',
      readOnly: m.RW === false,
    };
    if (type === 'volume' && m.Name) mount.name = m.Name;
    out.push(mount);
  }
  return out;
}

export function toContainerSummary(c: EngineContainer): ContainerSummary {
  return {
    id: c.Id,
    name: containerName(c.Names, c.Id),
    image: c.Image ?? '',
    imageId: c.ImageID ?? '',
    command: c.Command ?? '',
    state: toContainerState(c.State),
    status: c.Status ?? '',
    created: c.Created ?? 0,
    ports: toPorts(c.Ports),
    labels: c.Labels ?? {},
    mounts: toMounts(c.Mounts),
    ...healthOfStatus(c.Status),
  };
}

/** Docker adds the health check's verdict to the status text: "Up 2 minutes (healthy)", "(health: starting)". */
export function healthOfStatus(status: string | undefined): { health?: HealthStatus } {
  const m = /\((healthy|unhealthy|health: starting)\)\s*$/.exec(status ?? '');
  if (!m) return {};
  return { health: m[1] === 'health: starting' ? 'starting' : (m[1] as HealthStatus) };
}

const NO_TAG = '<none>:<none>';
const NO_DIGEST = '<none>@<none>';

export function toImageSummary(i: EngineImage): ImageSummary {
  const repoTags = (i.RepoTags ?? []).filter((t) => t !== NO_TAG);
  return {
    id: i.Id,
    repoTags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== NO_DIGEST),
    size: i.Size ?? 0,
    created: i.Created ?? 0,
    dangling: i.Dangling ?? repoTags.length === 0,
    labels: i.Labels ?? {},
  };
}

export function toVolumeSummary(v: EngineVolume): VolumeSummary {
  const volume: VolumeSummary = {
    name: v.Name,
    driver: v.Driver ?? 'local',
    mountpoint: v.Mountpoint ?? '',
    labels: v.Labels ?? {},
    scope: v.Scope ?? 'local',
  };
  if (v.CreatedAt) volume.createdAt = v.CreatedAt;
  return volume;
}
