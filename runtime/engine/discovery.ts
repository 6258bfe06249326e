// Where engines may be listening on this machine, in the order Wharf tries
// them: the user's choice, DOCKER_HOST, the current docker context, the
// well-known sockets (and on a Mac each Lima, Colima and Podman machine's),
// then Wharf's own embedded engine.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineCandidate, EngineSource } from '../domains/engine/types';
import { isReachable } from './client';
import { contextId, DEFAULT_CONTEXT, dockerConfigDir, envTls, readContext } from './docker-contexts';
import { normalizeEndpoint, type TlsOptions } from './endpoint';
import { unencryptedRemote } from './insecure';
import { machineSockets } from './machine-sockets';

/** A candidate plus the TLS material needed to reach it (never sent to the UI). */
export interface FoundCandidate extends EngineCandidate {
  tls?: TlsOptions;
}

export interface DiscoveryInput {
  /** The endpoint chosen in Settings, if any. */
  chosen?: { endpoint: string; tls?: TlsOptions | null; source?: EngineSource } | null;
  /** Sockets of Wharf's own embedded engines (running or possibly left running). */
  embedded?: { endpoint: string; label: string }[];
  /** Unencrypted remote endpoints the user accepted: only those of them are probed. */
  acceptedInsecure?: readonly string[];
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
  readFile?: (path: string) => string;
  /** A folder's entries (the Mac's machine folders); the real folder by default. */
  readDir?: (path: string) => string[];
}

type Unprobed = Omit<FoundCandidate, 'reachable'>;

/** Every candidate in order, deduplicated, without probing. */
export function listCandidates(input: DiscoveryInput): Unprobed[] {
  const env = input.env ?? process.env;
  const home = input.home ?? homedir();
  const platform = input.platform ?? process.platform;
  const exists = input.exists ?? existsSync;
  const readFile = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));

  const out: Unprobed[] = [];
  const add = (endpoint: string, source: EngineSource, label: string, tls?: TlsOptions | null): void => {
    const c: Unprobed = { endpoint, source, label };
    if (tls) c.tls = tls;
    out.push(c);
  };

  if (input.chosen?.endpoint) {
    const fromCommandLine = input.chosen.source === 'command-line';
    add(
      input.chosen.endpoint,
      fromCommandLine ? 'command-line' : 'settings',
      fromCommandLine ? 'Given on the command line' : 'Chosen in Settings',
      input.chosen.tls,
    );
  }

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) add(dockerHost, 'env', 'DOCKER_HOST', envTls(env, dockerHost, home, exists));

  const context = currentContext(env, home, readFile);
  if (context) add(context.endpoint, 'context', `docker context '${context.name}'`, context.tls);

  const xdg = env.XDG_RUNTIME_DIR;
  const sockets: [string | undefined, string][] = [
    ['/var/run/docker.sock', 'Docker'],
    [xdg && join(xdg, 'docker.sock'), 'Docker (rootless)'],
    [join(home, '.docker', 'run', 'docker.sock'), 'Docker Desktop'],
    ['/run/podman/podman.sock', 'Podman'],
    [xdg && join(xdg, 'podman', 'podman.sock'), 'Podman (rootless)'],
    [join(home, '.rd', 'docker.sock'), 'Rancher Desktop'],
    [join(home, '.colima', 'default', 'docker.sock'), 'Colima'],
    [join(home, '.orbstack', 'run', 'docker.sock'), 'OrbStack'],
  ];
  if (platform !== 'win32') {
    for (const [path, label] of sockets) {
      if (path && exists(path)) add(`unix://${path}`, 'well-known', label);
    }
    for (const m of machineSockets({
      platform,
      home,
      env,
      exists,
      ...(input.readDir ? { readDir: input.readDir } : {}),
    })) {
      add(m.endpoint, 'well-known', m.label);
    }
  } else {
    add('npipe:////./pipe/docker_engine', 'well-known', 'Docker Desktop');
    add('npipe:////./pipe/podman-machine-default', 'well-known', 'Podman machine');
  }

  for (const e of input.embedded ?? []) add(e.endpoint, 'embedded', e.label);

  const seen = new Set<string>();
  return out.filter((c) => {
    const key = normalizeEndpoint(c.endpoint);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Candidates in order, each probed with its own short /_ping (all at once).
 * An unencrypted remote endpoint the user has not accepted is not probed.
 */
export async function discover(
  input: DiscoveryInput,
  probe: (c: Unprobed) => Promise<boolean> = (c) =>
    isReachable(c.endpoint, c.tls, probeDeadline(c.endpoint), input.acceptedInsecure),
): Promise<FoundCandidate[]> {
  return probeAll(listCandidates(input), input.acceptedInsecure ?? [], probe);
}

/**
 * How long a probe waits: a local socket answers at once; over ssh:// the
 * key exchange and the login come first, a few round trips to another machine.
 */
export const probeDeadline = (endpoint: string): number => (/^ssh:\/\//.test(endpoint.trim()) ? 5000 : 1500);

/**
 * Each endpoint probed at once, with its own short /_ping; one marked `skip`
 * is not, nor is an unencrypted remote endpoint not accepted (it gets
 * `unencrypted`).
 */
export async function probeAll<T extends { endpoint: string; tls?: TlsOptions; skip?: boolean }>(
  items: T[],
  accepted: readonly string[],
  probe: (c: T) => Promise<boolean> = (c) => isReachable(c.endpoint, c.tls, probeDeadline(c.endpoint), accepted),
): Promise<(T & { reachable: boolean; unencrypted?: { accepted: boolean } })[]> {
  const marked = items.map((c): T & { unencrypted?: { accepted: boolean } } => {
    const risk = unencryptedRemote(c.endpoint, c.tls);
    return risk ? { ...c, unencrypted: { accepted: accepted.includes(risk.key) } } : c;
  });
  const reachable = await Promise.all(
    marked.map((c) =>
      c.skip === true || c.unencrypted?.accepted === false ? Promise.resolve(false) : probe(c).catch(() => false),
    ),
  );
  return marked.map((c, i) => ({ ...c, reachable: reachable[i] === true }));
}

/** The docker CLI's current context, read the way the CLI reads it; undefined for "default". */
export function currentContext(
  env: NodeJS.ProcessEnv,
  home: string,
  readFile: (path: string) => string,
): { name: string; endpoint: string; tls?: TlsOptions } | undefined {
  const configDir = dockerConfigDir(env, home);
  let name = env.DOCKER_CONTEXT?.trim();
  if (!name) {
    try {
      const config = JSON.parse(readFile(join(configDir, 'config.json'))) as { currentContext?: unknown };
      if (typeof config.currentContext === 'string') name = config.currentContext.trim();
    } catch {
      return undefined;
    }
  }
  if (!name || name === DEFAULT_CONTEXT) return undefined;
  const readable = (path: string): boolean => {
    try {
      readFile(path);
      return true;
    } catch {
      return false;
    }
  };
  const context = readContext(configDir, contextId(name), readFile, readable, name);
  if (!context) return undefined;
  return { name, endpoint: context.endpoint, ...(context.tls ? { tls: context.tls } : {}) };
}
