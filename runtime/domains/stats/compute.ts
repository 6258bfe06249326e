// The engine's stats JSON turned into one sample, computed as the docker CLI
// computes `docker stats` (cli/command/container/stats_helpers.go). Pure.
// docs/stats.md explains every number.
import type { StatsSample } from './types';

/** The parts of `GET /containers/{id}/stats` Wharf reads (Docker on cgroup v1 and v2, and Podman's compat API). */
export interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
  /** Podman only: its own CPU figure, in percent of one core. */
  cpu?: number;
}

export interface RawStats {
  read?: string;
  preread?: string;
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
  if (!now || !longEnough(now, previous)) return null;
  const cpuDelta = (now.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0);
  const systemDelta = (now.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  if (cpuDelta > 0) return (cpuDelta / systemDelta) * onlineCpus(now) * 100;
  return 0;
}

/** Machine time (ns, all CPUs) an interval must span: 100 ms of each CPU, ten of /proc/stat's 10 ms ticks. */
const SHORTEST_INTERVAL_NS_PER_CPU = 100_000_000;

/**
 * Whether `previous` is an interval's start that gives a figure worth showing.
 * The machine's counter (system_cpu_usage) comes from /proc/stat, which counts
 * in 10 ms ticks, while the container's is exact: over a few milliseconds
 * (Podman's first stream message reads its precpu 2-10 ms before) one tick
 * more or less doubles the figure, so a busy loop showed 190 % of one core.
 */
function longEnough(now: RawCpuStats, previous: RawCpuStats | undefined): previous is RawCpuStats {
  const prevSystem = previous?.system_cpu_usage ?? 0;
  if (prevSystem <= 0) return false;
  return (now.system_cpu_usage ?? 0) - prevSystem >= onlineCpus(now) * SHORTEST_INTERVAL_NS_PER_CPU;
}

/**
 * Podman's compat API: the container's CPU time over the wall-clock interval
 * between two readings, in percent (100 is one core), as `podman stats` and
 * Podman's own `cpu` field compute it. Podman's system_cpu_usage cannot be
 * used: on cgroup v2 it sums what every cgroup used, not the machine's time,
 * so the CLI's formula shows a busy loop at 200 % of one core on an idle
 * two-CPU machine. The interval starts at preread (precpu_stats), or at the
 * previous message when that one is too short or missing.
 */
function podmanCpuPercent(raw: RawStats, previous: RawStats | undefined): number | null {
  const read = Date.parse(raw.read ?? '');
  const starts: Array<[number, RawCpuStats | undefined]> = [
    [Date.parse(raw.preread ?? ''), raw.precpu_stats],
    [Date.parse(previous?.read ?? ''), previous?.cpu_stats],
  ];
  for (const [at, before] of starts) {
    const start = before?.cpu_usage?.total_usage ?? 0;
    if (!Number.isFinite(read) || !Number.isFinite(at) || start <= 0 || read - at < SHORTEST_INTERVAL_MS) continue;
    const cpuDelta = (raw.cpu_stats?.cpu_usage?.total_usage ?? 0) - start;
    return cpuDelta > 0 ? (cpuDelta / ((read - at) * 1e6)) * 100 : 0;
  }
  return null;
}

const SHORTEST_INTERVAL_MS = 100;

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
 * Podman's first message does not (its precpu is empty, or read a few
 * milliseconds before: too short to count), so the interval is then taken from
 * the previous message Wharf received, or there is no CPU figure yet.
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
  let cpu: number | null;
  if (typeof raw.cpu_stats?.cpu === 'number') cpu = podmanCpuPercent(raw, previous);
  else {
    const pre = raw.cpu_stats && longEnough(raw.cpu_stats, raw.precpu_stats) ? raw.precpu_stats : previous?.cpu_stats;
    cpu = cpuPercent(raw.cpu_stats, pre);
  }
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
