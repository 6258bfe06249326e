// ssh:// engines. One SSH connection per machine and login, kept open and
// shared; each HTTP connection is one channel over it:
// - Podman's connections (ssh://user@host:port/run/user/1000/podman/podman.sock),
//   as Podman does: a `direct-streamlocal@openssh.com` channel to the socket path;
// - docker's ssh://user@host, as the docker CLI does: a session running
//   `docker system dial-stdio` there.
// The host key is checked against known_hosts first (ssh-agent.ts's sshConfig);
// a lost connection is opened again by the next request.
import { Agent as HttpAgent } from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
import type { HostKeyError } from './known-hosts';
import { readKnownHosts } from './known-hosts';
import { authMethods, defaultIdentities, readIdentities, SshError, sshWhere, type Identities } from './ssh-auth';
import { sshConfig, type SshTarget } from './ssh-agent';

export interface SocketTarget extends SshTarget {
  /** The socket on the far side: the path of the ssh:// URI. */
  socketPath: string;
  /** The connection's identity files, offered before the agent's keys. */
  identities: string[];
  /** $CONTAINER_PASSPHRASE, for passphrase-protected identity files. */
  passphrase?: string;
}

type SshLogin = Omit<SocketTarget, 'socketPath'>;
/** What each channel reaches: a socket on the far side, or a command's stdin and stdout there. */
type Way = { socketPath: string } | { command: string };

/** How long an SSH connection with no channel open stays up for the next request. */
const IDLE_MS = 30_000;

interface ErrorLike {
  code?: string;
  level?: string;
  reason?: number;
  message?: string;
}

/** One login to one machine, shared by the connections to every socket there. */
class Tunnel {
  private pending: Promise<Client> | undefined;
  private current: Client | undefined;
  private open = 0;
  private idle: NodeJS.Timeout | undefined;
  readonly where: string;

  constructor(private readonly target: SshLogin) {
    this.where = sshWhere(target.username, target.host, target.port);
  }

  /** The shared connection, logged in; opened when there is none (or the last one was lost). */
  private connect(): Promise<Client> {
    if (this.pending) return this.pending;
    const attempt = new Promise<Client>((resolve, reject) => {
      const t = this.target;
      let ids: Identities;
      const passphrase = t.passphrase ? { passphrase: t.passphrase } : {};
      // Said plainly rather than failing on a host only the proxy reaches.
      if (t.proxy) return reject(new SshError('proxy-unsupported', this.where, t.proxy));
      try {
        // No identity file named: the ones ssh would offer.
        ids =
          t.identities.length > 0
            ? readIdentities({ identities: t.identities, ...passphrase })
            : defaultIdentities(passphrase);
      } catch (e) {
        const error = e instanceof SshError ? new SshError(e.reason, this.where, e.detail) : (e as Error);
        return reject(error);
      }
      const methods = authMethods(t.username, ids, t.agent);
      // Nothing to offer: still check the host and ask for the "none" login, which a few servers allow.
      if (methods.length === 0) methods.push({ type: 'none', username: t.username });
      const conn = new Client();
      let refusal: HostKeyError | undefined;
      let ready = false;
      conn.on('error', (e: Error) => {
        if (!ready) reject(refusal ?? this.describe(e, ids));
      });
      conn.on('close', () => {
        if (this.current === conn) this.forget();
        if (!ready)
          reject(refusal ?? new SshError('unreachable', this.where, 'the connection closed during the login'));
      });
      conn.once('ready', () => {
        ready = true;
        this.current = conn;
        resolve(conn);
      });
      try {
        const text = t.knownHosts ? t.knownHosts() : readKnownHosts(t.knownHostsFiles);
        conn.connect({
          ...sshConfig(t, text, (e) => (refusal = e)),
          authHandler: methods,
          // A dead link is noticed within a minute, and the next request logs in again.
          keepaliveInterval: 15_000,
          keepaliveCountMax: 3,
          // Any server that forwards to a socket will do, as for Podman (not only OpenSSH).
          strictVendor: false,
        });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    this.pending = attempt;
    attempt.catch(() => {
      if (this.pending === attempt) this.pending = undefined;
    });
    return attempt;
  }

  private describe(e: ErrorLike, ids: Identities): Error {
    if (e.level === 'client-authentication') {
      if (ids.locked[0] !== undefined) return new SshError('key-locked', this.where, ids.locked[0]);
      const offered = [...ids.keys.map((k) => k.path), ...(this.target.agent ? ["the ssh agent's keys"] : [])];
      const detail =
        offered.length > 0
          ? `it accepted none of: ${offered.join(', ')}`
          : 'Wharf had no key to offer: no identity file, no key in ~/.ssh, no ssh agent';
      return new SshError('auth-refused', this.where, detail);
    }
    if (e.level === 'client-timeout') return new SshError('unreachable', this.where, 'no answer within 15 s');
    const words: Record<string, string> = {
      ECONNREFUSED: 'the connection was refused',
      ENOTFOUND: 'the host name could not be found',
      EAI_AGAIN: 'the host name could not be found',
      EHOSTUNREACH: 'there is no route to the host',
      ENETUNREACH: 'the network is unreachable',
      ETIMEDOUT: 'the connection timed out',
    };
    return new SshError('unreachable', this.where, words[e.code ?? ''] ?? e.message ?? 'no reason given');
  }

  /** A new channel to the socket; one retry when the shared connection was just lost. */
  async channel(way: Way, retry = true): Promise<Duplex> {
    const conn = await this.connect();
    return new Promise<Duplex>((resolve, reject) => {
      const done = (error: Error | undefined, stream: ClientChannel): void => {
        if (error && 'socketPath' in way) {
          const e = error as ErrorLike;
          // 1: administratively prohibited (sshd's AllowStreamLocalForwarding no); else the socket is not there.
          const reason = e.reason === 1 ? 'forward-refused' : 'socket-missing';
          return reject(new SshError(reason, this.where, way.socketPath));
        }
        if (error) return reject(error);
        this.hold(conn, stream);
        resolve(stream);
      };
      try {
        if ('socketPath' in way) conn.openssh_forwardOutStreamLocal(way.socketPath, done);
        else conn.exec(way.command, done);
      } catch (e) {
        // "Not connected": the connection went between two requests.
        if (this.current === conn) this.forget();
        if (!retry) return reject(e instanceof Error ? e : new Error(String(e)));
        this.channel(way, false).then(resolve, reject);
      }
    });
  }

  private hold(conn: Client, stream: ClientChannel): void {
    this.open++;
    clearTimeout(this.idle);
    stream.once('close', () => {
      this.open--;
      if (this.open > 0) return;
      this.idle = setTimeout(() => conn.end(), IDLE_MS);
      this.idle.unref();
    });
  }

  private forget(): void {
    this.pending = undefined;
    this.current = undefined;
  }

  close(): void {
    clearTimeout(this.idle);
    // A login still under way is ended once it is done.
    void this.pending?.then(
      (c) => c.end(),
      () => {},
    );
    this.current?.end();
    this.forget();
  }
}

const tunnels = new Map<string, Tunnel>();

function tunnelFor(login: SshLogin): Tunnel {
  const { knownHosts: _reader, ...key } = login;
  let tunnel = tunnels.get(JSON.stringify(key));
  if (!tunnel) {
    tunnel = new Tunnel(login);
    tunnels.set(JSON.stringify(key), tunnel);
  }
  return tunnel;
}

/** An HTTP agent whose connections are channels to the socket over the shared SSH connection. */
export function createSocketAgent(target: SocketTarget): HttpAgent {
  const { socketPath, ...login } = target;
  return tunnelAgent(login, { socketPath });
}

/**
 * docker's ssh:// (no path): each HTTP connection runs `docker system dial-stdio`
 * on the far side, as the docker CLI does, in a session over the shared connection.
 * The identity files are ~/.ssh/config's; none named, the ones ssh would offer.
 */
export const createSshAgent = (target: SshTarget & { identities?: string[] }): HttpAgent =>
  tunnelAgent({ ...target, identities: target.identities ?? [] }, { command: 'docker system dial-stdio' });

function tunnelAgent(login: SshLogin, way: Way): HttpAgent {
  const agent = new HttpAgent({ keepAlive: false });
  // Node's agent takes the socket from the callback when none is returned.
  (agent as unknown as { createConnection: unknown }).createConnection = (
    _options: unknown,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): undefined => {
    tunnelFor(login)
      .channel(way)
      .then(
        (socket) => callback(null, socket),
        (error: Error) => callback(error),
      );
    return undefined;
  };
  return agent;
}

/** Ends every shared SSH connection (at exit, and between tests). */
export function closeSshTunnels(): void {
  for (const tunnel of tunnels.values()) tunnel.close();
  tunnels.clear();
}
