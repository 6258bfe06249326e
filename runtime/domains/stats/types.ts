// The shapes of resource use that cross the contract. Pure types.

/** One container's resource use at one moment, computed as `docker stats` does (docs/stats.md). */
export interface StatsSample {
  /** The container's full id. */
  id: string;
  /** When the engine read it (ms since the epoch). */
  t: number;
  /**
   * `docker stats`' CPU %: the container's CPU time over the interval against
   * the machine's, times the CPUs online. 100 is one core busy; up to 100 × cpus.
   * Null for the first sample of a stream (there is no interval yet).
   */
  cpuPercent: number | null;
  /** `cpuPercent` over the whole machine: divided by the CPUs online, 0–100. */
  cpuOfMachine: number | null;
  /** `cpuPercent` against the container's `--cpus` limit, 0–100 (may briefly pass it); null without a limit. */
  cpuOfLimit: number | null;
  /** CPUs the engine's machine has online (the VM's, with Docker Desktop or Wharf's VM). */
  onlineCpus: number;
  /** The container's CPU limit in cores (`--cpus`), null when it has none. */
  cpuLimit: number | null;
  /** Memory in use without the page cache the kernel can drop (what `docker stats` shows), bytes. */
  memUsage: number;
  /** What the memory is measured against: `--memory`, or the machine's memory when unset. Bytes. */
  memLimit: number;
  /** `docker stats`' MEM %: memUsage against memLimit, 0–100. */
  memPercent: number;
  /** Whether the container has its own memory limit (`--memory`). */
  memLimited: boolean;
  /** Bytes received and sent, summed over every network interface, since the container started. */
  netRx: number;
  netTx: number;
  /** Bytes read from and written to block devices since the container started. */
  blockRead: number;
  blockWrite: number;
  /** Processes and threads in the container. */
  pids: number;
  /** OOM kills seen in this container while Wharf watched (the engine's `oom` events). */
  oomKills: number;
}

/** The numbers of a sample the containers list shows (`stats.watch` with `view: 'list'`). */
export type ListSample = Pick<StatsSample, 'id' | 't' | 'cpuPercent' | 'memUsage' | 'memLimit' | 'memLimited'>;

/** What a `stats.watch` subscription sends. */
export type StatsEvent =
  /** New samples, a batch at most once per `everyMs` (one per container per engine reading). */
  | { type: 'samples'; samples: StatsSample[] }
  /** The same with `view: 'list'`: only the numbers the containers list shows. */
  | { type: 'list'; samples: ListSample[] }
  /** The kernel killed a process of this container for using more memory than its limit. */
  | { type: 'oom'; id: string; t: number }
  /** A watched container stopped or is gone: no more samples until it runs again. */
  | { type: 'stopped'; id: string };

/** `stats.history`: the samples kept for one container, oldest first. */
export interface StatsHistory {
  id: string;
  samples: StatsSample[];
  /** Times (ms) of the OOM kills seen. */
  ooms: number[];
  /** How long a history Wharf keeps, in ms. */
  keepMs: number;
}
