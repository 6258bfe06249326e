// Containers as the list and the details page show them. Pure types: they cross the contract.
import type { PlainError } from '../../api/types';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortSummary {
  /** Host address the port is published on; absent when not published. */
  ip?: string;
  privatePort: number;
  publicPort?: number;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface MountSummary {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
  /** Volume name, for volume mounts. */
  name?: string;
  /** Host path (bind) or the volume's mountpoint on the engine's host. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Name without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** The engine's own status text, e.g. "Up 3 minutes" or "Exited (0) 2 hours ago". */
  status: string;
  /** Unix seconds. */
  created: number;
  ports: PortSummary[];
  labels: Record<string, string>;
  mounts: MountSummary[];
  /** The health check's verdict, for a running container that has one. */
  health?: HealthStatus;
}

/** What a container's health check last concluded. */
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/** One run of the health check (inspect's State.Health.Log). */
export interface HealthCheckRun {
  /** ISO times. */
  start: string;
  end?: string;
  exitCode: number;
  output: string;
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove' | 'kill' | 'pause' | 'unpause';

export interface ActionOutcome {
  id: string;
  name: string;
  ok: boolean;
  error?: PlainError;
}

export interface ActionResult {
  /** The docker CLI command this action stands for. */
  command: string;
  outcomes: ActionOutcome[];
}

export interface EnvVar {
  key: string;
  /** Absent for a variable given without '=' (passed through from the environment). */
  value?: string;
}

/** What the details page shows of `docker inspect`. */
export interface ContainerDetails {
  id: string;
  name: string;
  /** The image as the user named it (Config.Image). */
  image: string;
  imageId: string;
  state: ContainerState;
  /** Engine state flags and times from State. */
  running: boolean;
  paused: boolean;
  restarting: boolean;
  oomKilled: boolean;
  exitCode: number;
  /** The engine's error text for the last start, when there was one. */
  error?: string;
  pid: number;
  /** ISO times; startedAt/finishedAt absent when the engine reports none. */
  created: string;
  startedAt?: string;
  finishedAt?: string;
  entrypoint: string[];
  command: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  openStdin: boolean;
  env: EnvVar[];
  labels: Record<string, string>;
  restartPolicy: { name: string; maximumRetryCount: number };
  restartCount: number;
  /** Limits (HostConfig): 0 or absent is no limit; memorySwap -1 is swap without a limit. */
  limits: ContainerLimits;
  /** Published ports, and exposed ports that are not published (without publicPort). */
  ports: PortSummary[];
  mounts: MountSummary[];
  networks: Array<{ name: string; ipAddress?: string }>;
  /** The health check, when the container has one: its command and its last runs (newest last). */
  health?: {
    status: HealthStatus | 'none';
    failingStreak: number;
    test: string[];
    log: HealthCheckRun[];
  };
}

/** A container's limits as `docker update` changes them. */
export interface ContainerLimits {
  /** Bytes; 0: none. */
  memory: number;
  /** Bytes of memory and swap together; 0: the engine's default (twice the memory), -1: no limit. */
  memorySwap: number;
  /** CPUs (NanoCpus, or Podman's quota / period); 0: none. */
  cpus: number;
  /** The most processes at once; 0 or -1: none. */
  pidsLimit: number;
}

export interface ContainerInspect {
  details: ContainerDetails;
  /** The engine's inspect JSON, whole, as `docker inspect` prints it. */
  raw: unknown;
}
