// `docker inspect <container>` (Docker and Podman's compat API) → the
// details the UI reads. Loose engine types: either engine may leave a field
// out or send null.
import type { ContainerDetails, EnvVar } from './types';
import type { HealthStatus } from './types';
import { type EnginePort, toContainerState, toMounts, toPorts, type EngineMount } from './mapping';

type PortMap = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;

export interface EngineContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  Image?: string;
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Paused?: boolean;
    Restarting?: boolean;
    OOMKilled?: boolean;
    Pid?: number;
    ExitCode?: number;
    Error?: string;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: {
      Status?: string;
      FailingStreak?: number;
      Log?: Array<{ Start?: string; End?: string; ExitCode?: number; Output?: string }> | null;
    } | null;
  };
  Config?: {
    Hostname?: string;
    User?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    Env?: string[] | null;
    Cmd?: string[] | string | null;
    Entrypoint?: string[] | string | null;
    Image?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
    Healthcheck?: { Test?: string[] | null } | null;
  };
  HostConfig?: {
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    PortBindings?: PortMap;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    PidsLimit?: number | null;
  };
  Mounts?: EngineMount[] | null;
  NetworkSettings?: {
    Ports?: PortMap;
    Networks?: Record<string, { IPAddress?: string } | null> | null;
  };
}

/** Go's zero time, which both engines send for "never". */
const ZERO_TIME = /^0001-01-01T/;

const time = (value: string | undefined): string | undefined =>
  value === undefined || value === '' || ZERO_TIME.test(value) ? undefined : value;

const list = (value: string[] | string | null | undefined): string[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];

export function parseEnv(env: readonly string[] | null | undefined): EnvVar[] {
  return (env ?? []).map((entry) => {
    const eq = entry.indexOf('=');
    return eq === -1 ? { key: entry } : { key: entry.slice(0, eq), value: entry.slice(eq + 1) };
  });
}

/**
 * Bound ports where the engine reports them (a running container), else the
 * bindings it was created with; exposed ports that are not published are
 * listed without a host port.
 */
function ports(c: EngineContainerInspect): EnginePort[] {
  const live = c.NetworkSettings?.Ports ?? {};
  const bindings = Object.keys(live).length > 0 ? live : (c.HostConfig?.PortBindings ?? {});
  const out: EnginePort[] = [];
  const keys = new Set([...Object.keys(bindings ?? {}), ...Object.keys(c.Config?.ExposedPorts ?? {})]);
  for (const key of keys) {
    const [port = '', type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!Number.isInteger(privatePort)) continue;
    const hosts = bindings?.[key] ?? [];
    if (hosts.length === 0) out.push({ PrivatePort: privatePort, Type: type });
    for (const h of hosts) {
      const publicPort = Number(h.HostPort ?? '');
      out.push({
        PrivatePort: privatePort,
        Type: type,
        // An empty HostPort in a creation binding means "any free port": unknown until it runs.
        ...(publicPort > 0 ? { PublicPort: publicPort, IP: h.HostIp ?? '' } : {}),
      });
    }
  }
  return out;
}

export function toContainerDetails(c: EngineContainerInspect): ContainerDetails {
  const s = c.State ?? {};
  const config = c.Config ?? {};
  const details: ContainerDetails = {
    id: c.Id,
    name: (c.Name ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: config.Image ?? c.Image ?? '',
    imageId: c.Image ?? '',
    state: toContainerState(s.Status),
    running: s.Running === true,
    paused: s.Paused === true,
    restarting: s.Restarting === true,
    oomKilled: s.OOMKilled === true,
    exitCode: s.ExitCode ?? 0,
    pid: s.Pid ?? 0,
    created: c.Created ?? '',
    entrypoint: list(config.Entrypoint),
    command: list(config.Cmd),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    hostname: config.Hostname ?? '',
    tty: config.Tty === true,
    openStdin: config.OpenStdin === true,
    env: parseEnv(config.Env),
    labels: config.Labels ?? {},
    restartPolicy: {
      name: c.HostConfig?.RestartPolicy?.Name || 'no',
      maximumRetryCount: c.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    restartCount: c.RestartCount ?? 0,
    limits: toLimits(c.HostConfig),
    ports: toPorts(ports(c)),
    mounts: toMounts(c.Mounts),
    networks: Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) =>
      n?.IPAddress ? { name, ipAddress: n.IPAddress } : { name },
    ),
  };
  if (s.Error) details.error = s.Error;
  const started = time(s.StartedAt);
  if (started) details.startedAt = started;
  const finished = time(s.FinishedAt);
  if (finished) details.finishedAt = finished;
  const health = toHealth(c);
  if (health) details.health = health;
  return details;
}

export function toLimits(h: EngineContainerInspect['HostConfig']): ContainerDetails['limits'] {
  const quota = h?.CpuQuota ?? 0;
  const period = h?.CpuPeriod ?? 0;
  const cpus = (h?.NanoCpus ?? 0) > 0 ? h!.NanoCpus! / 1e9 : quota > 0 && period > 0 ? quota / period : 0;
  return {
    memory: h?.Memory ?? 0,
    memorySwap: h?.MemorySwap ?? 0,
    cpus: Math.round(cpus * 1000) / 1000,
    pidsLimit: h?.PidsLimit ?? 0,
  };
}

const HEALTH = new Set(['starting', 'healthy', 'unhealthy']);

/** Only a container with a health check (not one that turned it off with NONE) has health to show. */
function toHealth(c: EngineContainerInspect): ContainerDetails['health'] {
  const test = c.Config?.Healthcheck?.Test ?? [];
  const h = c.State?.Health;
  if ((test.length === 0 || test[0] === 'NONE') && !h) return undefined;
  const status = h?.Status && HEALTH.has(h.Status) ? (h.Status as HealthStatus) : 'none';
  return {
    status,
    failingStreak: h?.FailingStreak ?? 0,
    // CMD-SHELL <line> and CMD <argv…>: the command itself, as the run form takes it.
    test: test[0] === 'CMD-SHELL' || test[0] === 'CMD' ? test.slice(1) : test,
    log: (h?.Log ?? []).map((run) => ({
      start: run.Start ?? '',
      ...(time(run.End) ? { end: run.End } : {}),
      exitCode: run.ExitCode ?? 0,
      output: (run.Output ?? '').slice(0, 4096),
    })),
  };
}
