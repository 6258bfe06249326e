// The engine's stats JSON turned into one sample, computed as the docker CLI
// computes `docker stats` (cli/command/container/stats_helpers.go). Pure.
// docs/stats.md explains every number.
import type { StatsSample } from './types';

/** The parts of `GET /containers/{id}/stats` Wharf reads (Docker on cgroup v1 and v2, and Podman's compat API). */
export interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface RawStats {
  read?: string;
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> | null };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  pids_stats?: { current?: number };
}

/** The limits a container was created with (from inspect's HostConfig). */
export interface ContainerLimits {
  /** `--cpus` in cores; null when unset. */
  cpus: number | null;
  /** `--memory` in bytes; null when unset. */
  memory: number | null;
}

interface HostConfigLimits {
  NanoCpus?: number | null;
  CpuQuota?: number | null;
  CpuPeriod?: number | null;
  Memory?: number | null;
}

/**
 * `--cpus 1.5` is stored as NanoCpus 1.5e9; the older `--cpu-quota 150000
 * --cpu-period 100000` as a quota per period (the period defaults to 100 ms).
 */
export function limitsOf(hostConfig: HostConfigLimits | undefined): ContainerLimits {
  const nano = hostConfig?.NanoCpus ?? 0;
  const quota = hostConfig?.CpuQuota ?? 0;
  const period = hostConfig?.CpuPeriod || 100_000;
  const cpus = nano > 0 ? nano / 1e9 : quota > 0 ? quota / period : null;
  const memory = (hostConfig?.Memory ?? 0) > 0 ? hostConfig!.Memory! : null;
  return { cpus, memory };
}

/** CPUs online: the engine's count, else the per-CPU list's length (older kernels), as the CLI does. */
export function onlineCpus(cpu: RawCpuStats | undefined): number {
  const online = cpu?.online_cpus ?? 0;
  if (online > 0) return online;
  const per = cpu?.cpu_usage?.percpu_usage?.length ?? 0;
  return per > 0 ? per : 1;
}

/**
 * The CLI's calculateCPUPercentUnix: the container's CPU time over the
 * interval (cpu_delta) against the whole machine's (system_delta), times the
 * CPUs online, in percent. 100 is one core. Null when there is no previous
 * reading to take an interval from.
 */
export function cpuPercent(now: RawCpuStats | undefined, previous: RawCpuStats | undefined): number | null {
  const prevSystem = previous?.system_cpu_usage ?? 0;
  if (!now || !previous || prevSystem <= 0) return null;
  const cpuDelta = (now.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0);
  const systemDelta = (now.system_cpu_usage ?? 0) - prevSystem;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCpus(now) * 100;
  return 0;
}

/**
 * The CLI's calculateMemUsageUnixNoCache: usage without the inactive page
 * cache the kernel can drop when it needs room. cgroup v1 names it
 * `total_inactive_file`, cgroup v2 `inactive_file`; Podman sends no
 * breakdown, so its usage is taken as is.
 */
export function memoryUsage(memory: RawStats['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/** Received and sent bytes summed over every interface (the CLI's NET I/O). */
export function networkBytes(networks: RawStats['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/**
 * The CLI's calculateBlockIO: the entries of io_service_bytes_recursive whose
 * op starts with r or w (cgroup v1 says "Read"/"Write", v2 and Podman
 * "read"/"write"), summed over devices. Sync, Async and Total are left out.
 */
export function blockBytes(blkio: RawStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of blkio?.io_service_bytes_recursive ?? []) {
    const op = (entry.op ?? '').charAt(0).toLowerCase();
    if (op === 'r') read += entry.value ?? 0;
    else if (op === 'w') write += entry.value ?? 0;
  }
  return { read, write };
}

/** The engine's read time; "0001-01-01…" (never read) or garbage falls back to `fallback`. */
export function readTime(read: string | undefined, fallback: number): number {
  const t = read ? Date.parse(read) : NaN;
  return Number.isFinite(t) && t > 0 ? t : fallback;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * One sample from one stats message. `previous` is the message before it on
 * the same stream: Docker sends the previous reading in precpu_stats itself,
 * Podman's first message does not (its precpu is empty), so the interval is
 * then taken from the previous message Wharf received.
 */
export function toSample(
  id: string,
  raw: RawStats,
  previous: RawStats | undefined,
  limits: ContainerLimits,
  oomKills: number,
  now: number = Date.now(),
): StatsSample {
  const cpus = onlineCpus(raw.cpu_stats);
  const pre = (raw.precpu_stats?.system_cpu_usage ?? 0) > 0 ? raw.precpu_stats : previous?.cpu_stats;
  const cpu = cpuPercent(raw.cpu_stats, pre);
  const memUsage = memoryUsage(raw.memory_stats);
  const memLimit = raw.memory_stats?.limit ?? 0;
  const net = networkBytes(raw.networks);
  const block = blockBytes(raw.blkio_stats);
  return {
    id,
    t: readTime(raw.read, now),
    cpuPercent: cpu === null ? null : round(cpu, 2),
    cpuOfMachine: cpu === null ? null : round(cpu / cpus, 2),
    cpuOfLimit: cpu === null || limits.cpus === null ? null : round(cpu / limits.cpus, 2),
    onlineCpus: cpus,
    cpuLimit: limits.cpus,
    memUsage,
    memLimit,
    memPercent: memLimit > 0 ? round((memUsage / memLimit) * 100, 2) : 0,
    memLimited: limits.memory !== null,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: raw.pids_stats?.current ?? 0,
    oomKills,
  };
}
