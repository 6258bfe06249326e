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
