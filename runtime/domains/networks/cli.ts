// The docker command each network action stands for (pure: the renderer
// shows them as the user fills a form, the runtime returns them after).
import { shellJoin } from '../../api/shell-words';

export interface NetworkCreateSpec {
  name: string;
  driver?: string | undefined;
  subnet?: string | undefined;
  gateway?: string | undefined;
  internal?: boolean | undefined;
  attachable?: boolean | undefined;
  labels?: Record<string, string> | undefined;
  options?: Record<string, string> | undefined;
}

const nonEmpty = (s: string | undefined): s is string => s !== undefined && s !== '';

/** docker network ls */
export function networkListCommand(): string {
  return 'docker network ls';
}

/** docker network inspect NAME */
export function networkInspectCommand(name: string): string {
  return shellJoin(['docker', 'network', 'inspect', name]);
}

/** docker network create --driver bridge --subnet … --gateway … --internal --attachable --label k=v -o k=v NAME */
export function networkCreateCommand(spec: NetworkCreateSpec): string {
  const words = ['docker', 'network', 'create', '--driver', nonEmpty(spec.driver) ? spec.driver : 'bridge'];
  if (nonEmpty(spec.subnet)) words.push('--subnet', spec.subnet);
  if (nonEmpty(spec.gateway)) words.push('--gateway', spec.gateway);
  if (spec.internal === true) words.push('--internal');
  if (spec.attachable === true) words.push('--attachable');
  for (const [k, v] of Object.entries(spec.labels ?? {})) words.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(spec.options ?? {})) words.push('-o', `${k}=${v}`);
  words.push(spec.name);
  return shellJoin(words);
}

/** docker network rm NAME… */
export function networkRemoveCommand(names: readonly string[]): string {
  return shellJoin(['docker', 'network', 'rm', ...names]);
}

/** docker network prune (removes every unused network; Wharf names the ones it removes instead). */
export function networkPruneCommand(): string {
  return 'docker network prune';
}

export interface NetworkConnectSpec {
  network: string;
  container: string;
  aliases?: readonly string[] | undefined;
  ipv4?: string | undefined;
}

/** docker network connect --alias a --ip 10.0.0.5 NETWORK CONTAINER */
export function networkConnectCommand(spec: NetworkConnectSpec): string {
  const words = ['docker', 'network', 'connect'];
  for (const alias of spec.aliases ?? []) words.push('--alias', alias);
  if (nonEmpty(spec.ipv4)) words.push('--ip', spec.ipv4);
  words.push(spec.network, spec.container);
  return shellJoin(words);
}

/** docker network disconnect [--force] NETWORK CONTAINER */
export function networkDisconnectCommand(spec: {
  network: string;
  container: string;
  force?: boolean | undefined;
}): string {
  return shellJoin([
    'docker',
    'network',
    'disconnect',
    ...(spec.force === true ? ['--force'] : []),
    spec.network,
    spec.container,
  ]);
}

/** The two commands that put containers where they reach each other by name. */
export function userNetworkAdvice(network: string, containers: readonly string[]): string[] {
  return [
    shellJoin(['docker', 'network', 'create', network]),
    ...containers.map((c) => shellJoin(['docker', 'network', 'connect', network, c])),
  ];
}
