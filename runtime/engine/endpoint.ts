// Endpoint URLs (what DOCKER_HOST and docker contexts hold) turned into
// dockerode constructor options.
import { existsSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { userInfo } from 'node:os';
import type Docker from 'dockerode';
import { podmanIdentities } from './podman-connections';
import { GLOBAL_KNOWN_HOSTS } from './known-hosts';
import type { SshTarget } from './ssh-agent';
import { readSshConfig, type SshGiven, type SshHostConfig } from './ssh-config';
import { createSocketAgent, createSshAgent } from './ssh-tunnel';

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

/** dockerode's options plus the docker-modem ones its typings leave out. */
export type ClientOptions = Docker.DockerOptions & {
  agent?: HttpAgent;
  pathPrefix?: string;
};

export class EndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointError';
  }
}

/**
 * docker-modem merges its own defaults read from DOCKER_HOST, DOCKER_CERT_PATH
 * and DOCKER_CLIENT_TIMEOUT into whatever it is given. Every key is set here
 * explicitly so the environment never changes which engine we talk to, and
 * no global timeout is ever set: it would cut the long-lived /events and log
 * streams.
 */
const neutral: ClientOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  username: undefined,
  protocol: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  timeout: undefined,
  pathPrefix: undefined,
};

type ReadFile = (path: string) => Buffer;

export function parseEndpoint(
  endpoint: string,
  tls?: TlsOptions | null,
  readFile: ReadFile = (p) => readFileSync(p),
): ClientOptions {
  const text = endpoint.trim();
  const scheme = /^([a-z]+):\/\//.exec(text)?.[1];
  if (scheme === undefined) {
    throw new EndpointError(
      `"${endpoint}" is not an engine address. Use unix://, npipe://, tcp:// or ssh:// followed by a path or address.`,
    );
  }
  const rest = text.slice(scheme.length + 3);

  switch (scheme) {
    case 'unix': {
      if (!rest.startsWith('/')) {
        throw new EndpointError(`"${endpoint}" needs an absolute socket path, like unix:///var/run/docker.sock.`);
      }
      return { ...neutral, socketPath: rest };
    }
    case 'npipe': {
      // npipe:////./pipe/docker_engine and npipe://./pipe/docker_engine both name \\.\pipe\docker_engine.
      const pipe = rest.replace(/^\/+/, '');
      if (pipe === '') throw new EndpointError(`"${endpoint}" names no pipe.`);
      return { ...neutral, socketPath: `//${pipe}` };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const { host, port, secure, pathPrefix } = httpTarget(endpoint, tls);
      const options: ClientOptions = { ...neutral, host, port, protocol: secure ? 'https' : 'http' };
      if (pathPrefix !== undefined) options.pathPrefix = pathPrefix;
      if (secure) Object.assign(options, tlsOptions(tls ?? { verify: true }, readFile));
      else options.agent = new HttpAgent({ keepAlive: true, keepAliveMsecs: 5000 });
      return options;
    }
    case 'ssh': {
      // Wharf's own SSH transport, not docker-modem's: that one accepts any host key.
      // With a path (Podman's connections), a channel to that socket; without, `docker system dial-stdio`.
      const { identityFiles, socketPath, ...target } = sshTarget(endpoint);
      // The connection's own identity (Podman's) wins over ~/.ssh/config's IdentityFile.
      const podman = socketPath ? podmanIdentities(endpoint) : [];
      const login = { ...target, identities: podman.length > 0 ? podman : identityFiles };
      const agent = socketPath
        ? createSocketAgent({
            ...login,
            socketPath,
            ...(process.env.CONTAINER_PASSPHRASE ? { passphrase: process.env.CONTAINER_PASSPHRASE } : {}),
          })
        : createSshAgent(login);
      return { ...neutral, protocol: 'http', host: target.host, port: String(target.port), agent };
    }
    default:
      throw new EndpointError(
        `"${scheme}://" is not an engine address Wharf knows. Use unix://, npipe://, tcp:// or ssh://.`,
      );
  }
}

export interface HttpTarget {
  host: string;
  port: string;
  /** TLS: https://, tcp:// with TLS settings, or tcp:// on port 2376 (as the docker CLI does). */
  secure: boolean;
  pathPrefix?: string;
}

/** Where a tcp://, http:// or https:// endpoint points, and whether it speaks TLS. */
export function httpTarget(endpoint: string, tls?: TlsOptions | null): HttpTarget {
  const text = endpoint.trim();
  const scheme = /^(tcp|http|https):\/\//.exec(text)?.[1];
  if (scheme === undefined) throw new EndpointError(`"${endpoint}" is not a tcp://, http:// or https:// address.`);
  const url = parseUrl(text.replace(/^tcp:/, 'http:'), endpoint);
  const port = url.port || (scheme === 'https' ? '2376' : scheme === 'http' ? '80' : '2375');
  const secure = scheme === 'https' || (tls != null && scheme === 'tcp') || (scheme === 'tcp' && port === '2376');
  const target: HttpTarget = { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, secure };
  if (url.pathname !== '/' && url.pathname !== '') target.pathPrefix = url.pathname;
  return target;
}

/**
 * Who to log in as, where: ssh://[user@]host[:port][/socket/path], with what
 * ~/.ssh/config says about the host, as ssh reads it: its HostName, User,
 * Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile. The user and port
 * in the address win over the config's; the user defaults to the local one,
 * as with ssh. A path (Podman's connections) is the socket to forward to on
 * that machine.
 */
export function sshTarget(
  endpoint: string,
  config: (host: string, given: SshGiven) => SshHostConfig = readSshConfig,
): SshTarget & { socketPath?: string; identityFiles: string[] } {
  const url = parseUrl(endpoint.trim(), endpoint);
  if (url.protocol !== 'ssh:') throw new EndpointError(`"${endpoint}" is not an ssh:// address.`);
  if (url.hostname === '') throw new EndpointError(`"${endpoint}" names no host.`);
  const alias = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const given: SshGiven = {};
  if (url.username !== '') given.user = decodeURIComponent(url.username);
  if (url.port !== '') given.port = Number(url.port);
  const host = config(alias, given);
  const target: SshTarget & { socketPath?: string; identityFiles: string[] } = {
    host: host.hostName ?? alias,
    port: given.port ?? host.port ?? 22,
    username: given.user ?? host.user ?? localUser(),
    // ssh skips an IdentityFile that is not there.
    identityFiles: host.identityFiles.filter((p) => existsSync(p)),
  };
  // IdentitiesOnly: only the named files, not every key the agent holds.
  const agentToo = !(host.identitiesOnly && target.identityFiles.length > 0);
  if (process.env.SSH_AUTH_SOCK && agentToo) target.agent = process.env.SSH_AUTH_SOCK;
  if (host.userKnownHostsFiles) target.knownHostsFiles = [...host.userKnownHostsFiles, ...GLOBAL_KNOWN_HOSTS];
  if (host.proxy) target.proxy = `${host.proxy.keyword} ${host.proxy.value}`;
  const path = decodeURIComponent(url.pathname);
  if (path !== '' && path !== '/') target.socketPath = path;
  return target;
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'root';
  }
}

function parseUrl(text: string, original: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new EndpointError(`"${original}" is not a valid address.`);
  }
}

function tlsOptions(tls: TlsOptions, readFile: ReadFile): Partial<ClientOptions> {
  const read = (what: string, path: string | undefined): Buffer | undefined => {
    if (path === undefined || path === '') return undefined;
    try {
      return readFile(path);
    } catch {
      throw new EndpointError(`Cannot read the TLS ${what} file ${path}.`);
    }
  };
  const ca = read('CA certificate', tls.ca);
  const cert = read('certificate', tls.cert);
  const key = read('key', tls.key);
  const agentOptions: ConstructorParameters<typeof HttpsAgent>[0] = {
    keepAlive: true,
    keepAliveMsecs: 5000,
    rejectUnauthorized: tls.verify,
  };
  if (ca) agentOptions.ca = ca;
  if (cert) agentOptions.cert = cert;
  if (key) agentOptions.key = key;
  const options: Partial<ClientOptions> = { agent: new HttpsAgent(agentOptions) };
  if (ca) options.ca = ca;
  if (cert) options.cert = cert;
  if (key) options.key = key;
  return options;
}

/** Same engine, same string: used to deduplicate candidates. */
export function normalizeEndpoint(endpoint: string): string {
  const text = endpoint.trim();
  if (text.startsWith('unix://')) return `unix://${text.slice(7).replace(/\/{2,}/g, '/')}`;
  if (text.startsWith('npipe://')) return `npipe:////${text.slice(8).replace(/^\/+/, '')}`.toLowerCase();
  return text.replace(/\/+$/, '');
}
