// What the shell on this machine runs, with which environment, and whether it
// is offered at all. Decisions only; service.ts does the spawning.
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EngineKind } from '../engine/types';
import { type EngineTls, engineEnv, findOnPath } from '../compose/tool';
import type { ShellUnavailableReason } from './types';

/** Variables that choose an engine for docker or podman: the user's own values would compete with Wharf's. */
export const ENGINE_VARS = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_TLS',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'CONTAINER_HOST',
  'CONTAINER_CONNECTION',
  'CONTAINER_SSHKEY',
] as const;

/** Wharf's own process settings, which a shell's programs must not inherit. */
const OWN_VARS = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'NODE_OPTIONS'];

export interface ShellDecision {
  available: boolean;
  reason?: ShellUnavailableReason;
}

/**
 * Offered unless browser mode listens on a non-loopback address (anyone who
 * reaches the port with the token would get this machine's shell), the
 * pseudo-terminal library is missing, or Settings turned it off.
 */
export function shellAvailability(input: {
  remoteClients: boolean;
  ptyLoaded: boolean;
  enabled: boolean;
}): ShellDecision {
  if (input.remoteClients) return { available: false, reason: 'remote-browser' };
  if (!input.ptyLoaded) return { available: false, reason: 'no-pty' };
  if (!input.enabled) return { available: false, reason: 'disabled' };
  return { available: true };
}

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The user's login shell: $SHELL, else bash, else sh; on Windows PowerShell, else cmd. */
export function pickShell(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = executable,
): string {
  if (platform === 'win32') {
    return findOnPath('powershell.exe', env.PATH ?? env.Path ?? '') ?? env.ComSpec ?? 'cmd.exe';
  }
  const own = env.SHELL;
  if (own && own.startsWith('/') && exists(own)) return own;
  return exists('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/** The connected engine as the shell names it, with TLS when Settings has it for that engine. */
export interface ShellEngineTarget {
  kind: EngineKind;
  endpoint: string;
  /** Settings' TLS files (paths) and the folder they are reachable under as ca.pem, cert.pem, key.pem. */
  tls?: { verify: boolean; certPath?: string } | null;
}

/**
 * The engine's variables: DOCKER_HOST always on Docker; on Podman
 * CONTAINER_HOST and, unless the engine is reached over ssh (which the docker
 * CLI would try to run `docker` on), DOCKER_HOST too: Podman's socket speaks
 * the Docker API.
 */
export function shellEngineEnv(target: ShellEngineTarget): Record<string, string> {
  const podman = target.kind === 'podman';
  const docker = !podman || !target.endpoint.startsWith('ssh://');
  return defined(engineEnv({ docker, podman }, target.endpoint, target.tls));
}

/**
 * The shell's environment: Wharf's own (the user's, as Wharf was started),
 * without the variables that would choose another engine, with what xterm.js
 * is, and the engine's variables. Without a connected engine the user's own
 * engine variables stay: Wharf has none to offer.
 */
export function shellEnv(base: NodeJS.ProcessEnv, target: ShellEngineTarget | null): Record<string, string> {
  const env = defined(base);
  for (const name of OWN_VARS) delete env[name];
  if (target) for (const name of ENGINE_VARS) delete env[name];
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  return target ? { ...env, ...shellEngineEnv(target) } : env;
}

function defined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Settings' TLS fields and the file names the docker CLI reads them under. */
const CERT_FILES = [
  ['ca', 'ca.pem'],
  ['cert', 'cert.pem'],
  ['key', 'key.pem'],
] as const;

/**
 * The folder DOCKER_CERT_PATH names: the docker CLI reads ca.pem, cert.pem and
 * key.pem from it. Settings' own folder when its files already have those
 * names; otherwise `linkDir`, refilled with links to them (copies where links
 * are refused, as on Windows without developer mode). Undefined when Settings
 * names no files.
 */
export function certPath(tls: EngineTls, linkDir: string): string | undefined {
  const given = CERT_FILES.flatMap(([field, name]) => (tls[field] !== undefined ? [{ path: tls[field], name }] : []));
  if (given.length === 0) return undefined;
  const folders = new Set(given.map((g) => dirname(g.path)));
  if (folders.size === 1 && given.every((g) => basename(g.path) === g.name)) return [...folders][0];
  // Already there (an open shell may be reading them): left as they are.
  if (linksMatch(linkDir, given)) return linkDir;
  rmSync(linkDir, { recursive: true, force: true });
  mkdirSync(linkDir, { recursive: true, mode: 0o700 });
  for (const { path, name } of given) {
    const to = join(linkDir, name);
    try {
      symlinkSync(path, to);
    } catch {
      copyFileSync(path, to);
    }
  }
  return linkDir;
}

function linksMatch(linkDir: string, given: { path: string; name: string }[]): boolean {
  try {
    const present = readdirSync(linkDir).sort();
    if (
      present.join() !==
      given
        .map((g) => g.name)
        .sort()
        .join()
    )
      return false;
    return given.every((g) => readlinkSync(join(linkDir, g.name)) === g.path);
  } catch {
    return false;
  }
}
