// The docker CLI's contexts, read from its store the way the CLI reads them:
// $DOCKER_CONFIG (default ~/.docker)/contexts/meta/<sha256 of the name>/meta.json
// holds the endpoint (Endpoints.docker.Host, SkipTLSVerify), and
// contexts/tls/<sha256>/docker/{ca,cert,key}.pem its TLS material. The current
// one is --context, else "default" when DOCKER_HOST is set, else
// DOCKER_CONTEXT, else config.json's currentContext, else "default".
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TlsOptions } from './endpoint';

export interface DockerContext {
  name: string;
  /** Endpoints.docker.Host; for "default": DOCKER_HOST or the engine's standard socket. */
  endpoint: string;
  description?: string;
  tls?: TlsOptions;
}

export interface DockerContextStore {
  /** The context the CLI would use now, and why. */
  current: string;
  currentFrom: 'env-host' | 'env-context' | 'config' | 'none';
  /** "default" first, then the store's contexts by name. */
  contexts: DockerContext[];
  configDir: string;
}

export interface StoreInput {
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
  readFile?: (path: string) => string;
  readDir?: (path: string) => string[];
  exists?: (path: string) => boolean;
}

export const DEFAULT_CONTEXT = 'default';

/** The CLI's folder: $DOCKER_CONFIG, else ~/.docker. */
export const dockerConfigDir = (env: NodeJS.ProcessEnv, home: string): string =>
  env.DOCKER_CONFIG || join(home, '.docker');

/** The folder name the CLI files a context under. */
export const contextId = (name: string): string => createHash('sha256').update(name).digest('hex');

/** The endpoint of the "default" context: DOCKER_HOST, else the engine's standard address. */
export function defaultDockerHost(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const host = env.DOCKER_HOST?.trim();
  if (host) return host;
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

interface Meta {
  Name?: unknown;
  Metadata?: { Description?: unknown };
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** Every context of the CLI's store, and which one is current. */
export function readDockerContexts(input: StoreInput = {}): DockerContextStore {
  const env = input.env ?? process.env;
  const home = input.home ?? homedir();
  const platform = input.platform ?? process.platform;
  const readFile = input.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const readDir = input.readDir ?? ((p: string) => readdirSync(p));
  const exists = input.exists ?? existsSync;
  const configDir = dockerConfigDir(env, home);

  const contexts: DockerContext[] = [
    { name: DEFAULT_CONTEXT, endpoint: defaultDockerHost(env, platform), ...defaultTls(env, home, exists) },
  ];
  let ids: string[] = [];
  try {
    ids = readDir(join(configDir, 'contexts', 'meta'));
  } catch {
    ids = [];
  }
  const found: DockerContext[] = [];
  for (const id of ids) {
    const context = readContext(configDir, id, readFile, exists);
    if (context && context.name !== DEFAULT_CONTEXT) found.push(context);
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  contexts.push(...found);

  const { current, currentFrom } = resolveCurrent(env, configDir, readFile);
  return { current, currentFrom, contexts, configDir };
}

function resolveCurrent(
  env: NodeJS.ProcessEnv,
  configDir: string,
  readFile: (path: string) => string,
): Pick<DockerContextStore, 'current' | 'currentFrom'> {
  if (env.DOCKER_HOST?.trim()) return { current: DEFAULT_CONTEXT, currentFrom: 'env-host' };
  const fromEnv = env.DOCKER_CONTEXT?.trim();
  if (fromEnv) return { current: fromEnv, currentFrom: 'env-context' };
  try {
    const config = JSON.parse(readFile(join(configDir, 'config.json'))) as { currentContext?: unknown };
    if (typeof config.currentContext === 'string' && config.currentContext.trim() !== '') {
      return { current: config.currentContext.trim(), currentFrom: 'config' };
    }
  } catch {
    // No config.json, or one the CLI could not read either: the default context.
  }
  return { current: DEFAULT_CONTEXT, currentFrom: 'none' };
}

/** One context by its folder name (knownName: when meta.json lacks it); undefined when its meta.json is missing or names no docker endpoint. */
export function readContext(
  configDir: string,
  id: string,
  readFile: (path: string) => string,
  exists: (path: string) => boolean,
  knownName?: string,
): DockerContext | undefined {
  let meta: Meta;
  try {
    meta = JSON.parse(readFile(join(configDir, 'contexts', 'meta', id, 'meta.json'))) as Meta;
  } catch {
    return undefined;
  }
  const docker = meta.Endpoints?.docker;
  const name = typeof meta.Name === 'string' ? meta.Name : knownName;
  if (name === undefined || typeof docker?.Host !== 'string' || docker.Host === '') return undefined;
  const context: DockerContext = { name, endpoint: docker.Host };
  const description = meta.Metadata?.Description;
  if (typeof description === 'string' && description !== '') context.description = description;
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  const file = (name: string): string | undefined => (exists(join(tlsDir, name)) ? join(tlsDir, name) : undefined);
  const skip = docker.SkipTLSVerify === true;
  const [ca, cert, key] = [file('ca.pem'), file('cert.pem'), file('key.pem')];
  if (docker.Host.startsWith('tcp://') && (ca || cert || skip)) {
    const tls: TlsOptions = { verify: !skip };
    if (ca) tls.ca = ca;
    if (cert) tls.cert = cert;
    if (key) tls.key = key;
    context.tls = tls;
  }
  return context;
}

/** One context by name, as the CLI would find it (the meta folder is the name's sha256). */
export function findDockerContext(name: string, input: StoreInput = {}): DockerContext | undefined {
  const store = readDockerContexts(input);
  return store.contexts.find((c) => c.name === name);
}

/**
 * The TLS settings DOCKER_TLS_VERIFY and DOCKER_CERT_PATH give a tcp:// DOCKER_HOST,
 * as the CLI reads them: TLS is on when either is set (verified only with
 * DOCKER_TLS_VERIFY); the files are in DOCKER_CERT_PATH, else in the CLI's
 * folder ($DOCKER_CONFIG or ~/.docker): ca.pem always (a missing one is an
 * error, as with the CLI), cert.pem and key.pem only when they are there.
 */
export function envTls(
  env: NodeJS.ProcessEnv,
  endpoint: string,
  home: string,
  exists: (path: string) => boolean = existsSync,
): TlsOptions | undefined {
  const certPath = env.DOCKER_CERT_PATH?.trim();
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  if (!endpoint.trim().startsWith('tcp://') || (!certPath && !verify)) return undefined;
  const dir = certPath || dockerConfigDir(env, home);
  const tls: TlsOptions = { verify, ca: join(dir, 'ca.pem') };
  if (exists(join(dir, 'cert.pem'))) tls.cert = join(dir, 'cert.pem');
  if (exists(join(dir, 'key.pem'))) tls.key = join(dir, 'key.pem');
  return tls;
}

function defaultTls(env: NodeJS.ProcessEnv, home: string, exists: (path: string) => boolean): { tls?: TlsOptions } {
  const tls = envTls(env, defaultDockerHost(env, 'linux'), home, exists);
  return tls ? { tls } : {};
}
