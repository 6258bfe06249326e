// Podman's connections (`podman system connection list`), read where Podman
// keeps them:
// - Podman 5: podman-connections.json ($PODMAN_CONNECTIONS_CONF, else
//   $XDG_CONFIG_HOME or ~/.config, /containers/podman-connections.json):
//   {"Connection": {"Default": name, "Connections": {name: {"URI", "Identity", "IsMachine"}}}}.
// - Podman 4 (and read by 5 too): containers.conf's [engine] active_service and
//   [engine.service_destinations.<name>] uri, identity, is_machine. The files
//   are $CONTAINERS_CONF alone when set; else /usr/share/containers/, then
//   /etc/containers/, then (not as root) the user's containers.conf, each
//   overriding the one before. Root's `podman system connection add` writes
//   /etc/containers/containers.conf.
// The current one: $CONTAINER_CONNECTION, else the JSON's Default, else active_service.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseTomlTables } from './toml-subset';

export interface PodmanConnection {
  name: string;
  /** unix:///…, ssh://user@host:port/path/to/podman.sock, tcp://… */
  endpoint: string;
  /** The SSH key file, for ssh:// connections. */
  identity?: string;
  /** Made by `podman machine init`. */
  isMachine: boolean;
  /** The file it was read from. */
  file: string;
}

export interface PodmanConnections {
  connections: PodmanConnection[];
  current?: string;
  currentFrom: 'env' | 'file' | 'none';
  /** Where `podman system connection add` would write (the JSON for Podman 5, containers.conf for 4). */
  files: { json: string; conf: string[] };
}

export interface PodmanInput {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Podman as root reads no user containers.conf; default: this process's user. */
  root?: boolean;
  readFile?: (path: string) => string;
}

const configHome = (env: NodeJS.ProcessEnv, home: string): string =>
  join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers');

/** The containers.conf files Podman reads, in order (later ones win). */
export function containersConfFiles(env: NodeJS.ProcessEnv, home: string, root: boolean): string[] {
  if (env.CONTAINERS_CONF) return [env.CONTAINERS_CONF];
  const files = ['/usr/share/containers/containers.conf', '/etc/containers/containers.conf'];
  if (!root) files.push(join(configHome(env, home), 'containers.conf'));
  return files;
}

export const podmanConnectionsFile = (env: NodeJS.ProcessEnv, home: string): string =>
  env.PODMAN_CONNECTIONS_CONF || join(configHome(env, home), 'podman-connections.json');

interface JsonFile {
  Connection?: {
    Default?: unknown;
    Connections?: Record<string, { URI?: unknown; Identity?: unknown; IsMachine?: unknown }>;
  };
}

export function readPodmanConnections(input: PodmanInput = {}): PodmanConnections {
  const env = input.env ?? process.env;
  const home = input.home ?? homedir();
  const root = input.root ?? process.getuid?.() === 0;
  const readFile = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const byName = new Map<string, PodmanConnection>();
  let fileDefault: string | undefined;

  const conf = containersConfFiles(env, home, root);
  for (const file of conf) {
    let text: string;
    try {
      text = readFile(file);
    } catch {
      continue;
    }
    const tables = parseTomlTables(text);
    const active = tables.get('engine')?.active_service;
    if (typeof active === 'string' && active !== '') fileDefault = active;
    for (const [path, values] of tables) {
      const name = /^engine\.service_destinations\.(.+)$/.exec(path)?.[1];
      if (name === undefined || typeof values.uri !== 'string' || values.uri === '') continue;
      const connection: PodmanConnection = { name, endpoint: values.uri, isMachine: values.is_machine === true, file };
      if (typeof values.identity === 'string' && values.identity !== '') connection.identity = values.identity;
      byName.set(name, connection);
    }
  }

  // Podman 5's file: its connections and its default come first.
  const json = podmanConnectionsFile(env, home);
  try {
    const parsed = JSON.parse(readFile(json)) as JsonFile;
    const section = parsed.Connection;
    for (const [name, value] of Object.entries(section?.Connections ?? {})) {
      if (typeof value.URI !== 'string' || value.URI === '') continue;
      const connection: PodmanConnection = {
        name,
        endpoint: value.URI,
        isMachine: value.IsMachine === true,
        file: json,
      };
      if (typeof value.Identity === 'string' && value.Identity !== '') connection.identity = value.Identity;
      byName.set(name, connection);
    }
    if (typeof section?.Default === 'string' && section.Default !== '') fileDefault = section.Default;
  } catch {
    // No podman-connections.json (Podman 4), or one Podman could not read either.
  }

  const connections = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const fromEnv = env.CONTAINER_CONNECTION?.trim();
  const result: PodmanConnections = {
    connections,
    currentFrom: fromEnv ? 'env' : fileDefault ? 'file' : 'none',
    files: { json, conf },
  };
  const current = fromEnv || fileDefault;
  if (current) result.current = current;
  return result;
}

const sameUri = (a: string, b: string): boolean => a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');

/**
 * The identity files Podman's connections name for this ssh:// URI (usually
 * one; several connections to the same socket may each name their own).
 */
export function podmanIdentities(endpoint: string, input: PodmanInput = {}): string[] {
  const ids = readPodmanConnections(input)
    .connections.filter((c) => sameUri(c.endpoint, endpoint))
    .flatMap((c) => (c.identity ? [c.identity] : []));
  return [...new Set(ids)];
}
