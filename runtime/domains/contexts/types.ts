// The docker CLI's contexts and Podman's connections, as the engine switcher
// shows them. Pure types: they cross the contract.
import type { EngineContextRef } from '../settings/types';

export type ContextKind = EngineContextRef['kind'];

export interface EngineContextItem {
  kind: ContextKind;
  name: string;
  /** Where it points: unix:///…, tcp://…, ssh://… */
  endpoint: string;
  description?: string;
  /** The one the CLI uses now (`docker context ls` marks it with *; Podman's default). */
  cliCurrent: boolean;
  /** Wharf is connected, or connecting, to its endpoint now. */
  inUse: boolean;
  /** The one Wharf was switched to and remembers. */
  chosen: boolean;
  /** Something answered /_ping there just now. */
  reachable: boolean;
  /** It carries TLS settings (certificates, or verification turned off). */
  tls: boolean;
  /** Made by `podman machine init`. */
  isMachine?: boolean;
  /** Plain tcp:// to another machine: accepted says whether the user chose to connect anyway. */
  unencrypted?: { accepted: boolean };
  /** The SSH key file a Podman connection over ssh:// logs in with (the ssh agent's keys are tried too). */
  identity?: string;
}

export interface ContextList {
  /** Docker contexts ("default" first), then Podman connections, each by name. */
  items: EngineContextItem[];
  /** What makes the docker CLI ignore its own choice: DOCKER_HOST or DOCKER_CONTEXT in Wharf's environment. */
  dockerOverride?: 'DOCKER_HOST' | 'DOCKER_CONTEXT';
  /** CONTAINER_CONNECTION in Wharf's environment overrides Podman's default. */
  podmanOverride?: 'CONTAINER_CONNECTION';
  /** The docker CLI's folder ($DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir: string;
}

export interface CliDefaultResult {
  /** The command it stands for (what was run, or what the CLI would have written). */
  command: string;
  /** The file that now names it as the CLI's current one. */
  file?: string;
  /** Still overridden in Wharf's environment by this variable. */
  overriddenBy?: string;
}
