// The network shapes that cross the contract (pure types).

/** A network as `docker network ls` lists it. */
export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  /** bridge, host and none: the engine's own, always there. */
  builtIn: boolean;
}

/** One container attached to a network, as the engine holds it. */
export interface NetworkAttachment {
  containerId: string;
  containerName: string;
  /** The container's state (running, exited…): a stopped container stays attached but has no address. */
  state: string;
  /** Its IPv4 address on this network, without the prefix length; '' while it is not running. */
  ipv4: string;
  /** The names other containers on this network reach it by, besides its own name (the engine's automatic short id left out). */
  aliases: string[];
}

export interface NetworkSubnet {
  subnet: string;
  gateway: string;
}

/** A network with what `docker network inspect` tells about it. */
export interface NetworkInfo extends NetworkSummary {
  /** ISO time; null when the engine reports none. */
  created: string | null;
  /** No route out: containers on it reach each other only. */
  internal: boolean;
  /** Standalone containers may join (swarm networks). */
  attachable: boolean;
  ipv6: boolean;
  subnets: NetworkSubnet[];
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Every container attached, running or not, by name. */
  containers: NetworkAttachment[];
  /** The compose project that made it (its com.docker.compose.project label). */
  composeProject?: string;
}

export interface NetworkDetails {
  network: NetworkInfo;
  /** The engine's inspect JSON, whole, as `docker network inspect` prints it. */
  raw: unknown;
  command: string;
}

export interface NetworkActionResult {
  /** The docker commands the action stood for. */
  commands: string[];
}

export interface NetworkPrunePreview {
  /** The user-defined networks no container (running or stopped) is attached to. */
  networks: Array<{ id: string; name: string }>;
  /** The commands pruning them stands for. */
  commands: string[];
}

export interface NetworkPruneResult extends NetworkActionResult {
  removed: string[];
  /** Asked for, but kept: attached to a container by now, or already gone. */
  kept: Array<{ name: string; reason: string }>;
}
