// Finding the compose tool on this machine, and the environment that points
// it at the engine Wharf is connected to (never at whatever engine the
// machine would pick by default).
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EngineKind } from '../engine/types';
import { type ErrorTextKey, errorHint, errorMessage } from '../../api/error-texts';
import type { PlainError } from '../../api/types';
import { TOOL_WORDS } from './cli';
import type { ComposeTool, ComposeToolKind, ComposeToolStatus } from './types';

/** Where a program is on PATH, or undefined. */
export function findOnPath(program: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The tools in the order Wharf prefers them with this kind of engine. The
 * compose v2 binary the desktop app carries (`bundled`) comes first: it is
 * the version Wharf was released with, and it speaks to Docker and Podman.
 */
export function preferredTools(engine: EngineKind | undefined, bundled = false): ComposeToolKind[] {
  const order: ComposeToolKind[] =
    engine === 'podman'
      ? ['podman-compose', 'compose-plugin', 'docker-compose']
      : ['compose-plugin', 'docker-compose', 'podman-compose'];
  return bundled ? ['docker-compose', ...order.filter((k) => k !== 'docker-compose')] : order;
}

/** Whether `path` is a program this process may run. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a tool runs from: docker-compose from the app's resources when it
 * carries one (a compose v2 binary run standalone), else from PATH.
 */
export function locateTool(kind: ComposeToolKind, bundled?: string): string | undefined {
  if (kind === 'docker-compose' && bundled !== undefined && isExecutable(bundled)) return bundled;
  return findOnPath(kind === 'compose-plugin' ? 'docker' : kind);
}

/** The version a tool prints: "1.29.2" from "1.29.2", "v2.20.2" or "podman-composer version  1.0.3". */
export function parseToolVersion(kind: ComposeToolKind, output: string): string | undefined {
  if (kind === 'podman-compose') return /podman-compose(?:r)? version\s+(\d[\w.+-]*)/.exec(output)?.[1];
  const first = output.trim().split('\n')[0]?.trim() ?? '';
  return /^v?(\d+\.\d+[\w.+-]*)$/.exec(first)?.[1];
}

const VERSION_ARGS: Record<ComposeToolKind, string[]> = {
  'compose-plugin': ['compose', 'version', '--short'],
  'docker-compose': ['version', '--short'],
  'podman-compose': ['version'],
};

function probe(kind: ComposeToolKind, path: string, home: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      path,
      VERSION_ARGS[kind],
      // No engine is named: version commands do not talk to one.
      { env: { PATH: process.env.PATH ?? '', HOME: home, CONTAINER_HOST: 'unix:///nonexistent' }, timeout: 15_000 },
      (error, stdout) => resolve(error ? undefined : parseToolVersion(kind, stdout)),
    );
  });
}

const keyed = (key: ErrorTextKey): PlainError => ({ message: errorMessage(key), hint: errorHint(key), key });

export const NO_TOOL_ERROR: PlainError = keyed('compose.noTool');

const PODMAN_ONLY_ERROR: PlainError = keyed('compose.podmanComposeOnly');

/** Looks for every tool and picks the one to use with this kind of engine; `bundled`: the app's own compose binary. */
export async function discoverTools(
  engine: EngineKind | undefined,
  home = process.env.HOME ?? '/',
  bundled?: string,
): Promise<ComposeToolStatus> {
  const order = preferredTools(engine, bundled !== undefined && isExecutable(bundled));
  const found = await Promise.all(
    order.map(async (kind) => {
      const path = locateTool(kind, bundled);
      const version = path === undefined ? undefined : await probe(kind, path, home);
      return { kind, path, version };
    }),
  );
  const candidates = found.map((f) => ({
    kind: f.kind,
    command: TOOL_WORDS[f.kind].join(' '),
    found: f.version !== undefined,
    ...(f.version !== undefined ? { version: f.version } : {}),
  }));
  // podman-compose drives `podman`, which speaks only to Podman.
  const usable = found.find(
    (f) => f.version !== undefined && f.path !== undefined && (f.kind !== 'podman-compose' || engine === 'podman'),
  );
  if (usable?.path === undefined || usable.version === undefined) {
    const podmanOnly = found.some((f) => f.kind === 'podman-compose' && f.version !== undefined);
    return { tool: null, candidates, problem: podmanOnly ? PODMAN_ONLY_ERROR : NO_TOOL_ERROR };
  }
  const tool: ComposeTool = {
    kind: usable.kind,
    command: TOOL_WORDS[usable.kind].join(' '),
    version: usable.version,
    path: usable.path,
  };
  return { tool, candidates };
}

/** TLS files for a tcp:// engine, as Settings holds them (paths). */
export interface EngineTls {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

/**
 * What to spawn for an argv cli.ts wrote (the tool's words first): the
 * program found on this machine and the rest, with TLS flags where the tool
 * takes them (the docker CLI before `compose`, docker-compose before the
 * subcommand).
 */
export function spawnArgs(
  tool: ComposeTool,
  argv: readonly string[],
  tls?: EngineTls | null,
): { file: string; args: string[] } {
  const rest = argv.slice(TOOL_WORDS[tool.kind].length);
  const flags = tlsArgs(tool.kind, tls);
  return {
    file: tool.path,
    args: tool.kind === 'compose-plugin' ? [...flags, 'compose', ...rest] : [...flags, ...rest],
  };
}

/** TLS flags the Docker tools take before the subcommand (podman has none: its ssh/unix URLs carry everything). */
export function tlsArgs(tool: ComposeToolKind, tls: EngineTls | null | undefined): string[] {
  if (!tls || tool === 'podman-compose') return [];
  const args: string[] = [];
  args.push(tls.verify ? '--tlsverify' : '--tls');
  if (tls.ca !== undefined) args.push('--tlscacert', tls.ca);
  if (tls.cert !== undefined) args.push('--tlscert', tls.cert);
  if (tls.key !== undefined) args.push('--tlskey', tls.key);
  return args;
}

/**
 * The variables that point an engine's clients at `endpoint`: DOCKER_HOST for
 * the docker CLI and the Docker compose tools, CONTAINER_HOST for podman (a
 * remote client of that socket when it is set). With TLS (`certPath`, a
 * folder holding ca.pem, cert.pem and key.pem, the names the docker CLI
 * reads), DOCKER_TLS_VERIFY or DOCKER_TLS. An ssh:// engine is reached with
 * the user's ssh keys: their agent, when one runs.
 */
export function engineEnv(
  clients: { docker: boolean; podman: boolean },
  endpoint: string,
  tls?: { certPath?: string; verify: boolean } | null,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  if (endpoint.startsWith('ssh://') && process.env.SSH_AUTH_SOCK) env.SSH_AUTH_SOCK = process.env.SSH_AUTH_SOCK;
  if (clients.podman) env.CONTAINER_HOST = endpoint;
  if (clients.docker) {
    env.DOCKER_HOST = endpoint;
    if (tls) {
      if (tls.verify) env.DOCKER_TLS_VERIFY = '1';
      else env.DOCKER_TLS = '1';
      if (tls.certPath !== undefined) env.DOCKER_CERT_PATH = tls.certPath;
    }
  }
  return env;
}

/**
 * A clean environment naming the engine explicitly: PATH and HOME (registry
 * logins live there), the endpoint, and what keeps the tools' output plain.
 * Nothing else from Wharf's own environment leaks in, so DOCKER_HOST,
 * DOCKER_CONTEXT or CONTAINER_HOST set for the user's shell cannot send the
 * tool to another engine. (TLS goes as flags: spawnArgs.)
 */
export function toolEnv(tool: ComposeToolKind, endpoint: string, home = process.env.HOME ?? '/'): NodeJS.ProcessEnv {
  const podman = tool === 'podman-compose';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    // podman-compose runs `podman`; with CONTAINER_HOST set, podman is a remote client of that socket.
    ...engineEnv({ docker: !podman, podman }, endpoint),
  };
  if (podman) {
    // Its own lines are Python prints: unbuffered, they arrive in order with the podman output.
    env.PYTHONUNBUFFERED = '1';
  } else {
    // Build through the engine API, not the docker CLI (whose contexts could point elsewhere).
    env.COMPOSE_DOCKER_CLI_BUILD = '0';
    env.DOCKER_BUILDKIT = '0';
    env.COMPOSE_INTERACTIVE_NO_CLI = '1';
  }
  return env;
}
