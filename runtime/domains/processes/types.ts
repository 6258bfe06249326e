// The data shapes of the processes domain. Pure types.

export interface ProcessRow {
  /** The PID on the engine's host (what `docker top` prints). */
  hostPid: number;
  /** The PID inside the container's PID namespace; absent when it could not be told. */
  pid?: number;
  /** Parent PID, in the same numbering as hostPid (Docker) or pid (Podman). */
  ppid?: number;
  user: string;
  /** %CPU as ps reports it (lifetime average on Docker, recent on Podman). */
  cpu?: number;
  /** Resident memory in KiB, when the engine reports it. */
  memoryKiB?: number;
  command: string;
}

export interface ProcessList {
  /** The docker command this list stands for. */
  command: string;
  /** False when the container is not running: a stopped container has no processes. */
  running: boolean;
  rows: ProcessRow[];
  /** Where the in-container PIDs came from: the engine itself, an exec of ps inside, or nowhere. */
  insideFrom: 'engine' | 'exec' | 'none';
}
