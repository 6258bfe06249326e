// ssh:// engines: each HTTP connection is an SSH session running
// `docker system dial-stdio` on the remote machine (what the docker CLI does),
// opened only after the server's host key checked out against known_hosts.
import { Agent as HttpAgent } from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { HostKeyError, knownKeyTypes, preferredHostKeyAlgorithms, readKnownHosts, verifyHostKey } from './known-hosts';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK), when there is one. */
  agent?: string;
  /** Reads the known_hosts files; the user's and the system's by default. */
  knownHosts?: () => string;
}

const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

type Algorithm = (typeof HOST_KEY_ALGORITHMS)[number];

/** The SSH client settings for one connection, its host key checked by `verify`. */
export function sshConfig(target: SshTarget, text: string, refuse: (e: HostKeyError) => void): ConnectConfig {
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    readyTimeout: 15_000,
    algorithms: {
      serverHostKey: preferredHostKeyAlgorithms(
        knownKeyTypes(text, target.host, target.port),
        HOST_KEY_ALGORITHMS,
      ) as Algorithm[],
    },
    hostVerifier: (key: Buffer): boolean => {
      const verdict = verifyHostKey(text, target.host, target.port, key);
      if (verdict.status === 'trusted') return true;
      refuse(new HostKeyError(verdict.status, target.host, target.port, target.username));
      return false;
    },
  };
  if (target.agent) config.agent = target.agent;
  return config;
}

/** An HTTP agent whose connections are `docker system dial-stdio` over SSH. */
export function createSshAgent(target: SshTarget): HttpAgent {
  const agent = new HttpAgent({ keepAlive: false });
  const connect = (callback: (error: Error | null, socket?: Duplex) => void): void => {
    const conn = new Client();
    let done = false;
    let refusal: HostKeyError | undefined;
    const finish = (error: Error | null, socket?: Duplex): void => {
      if (done) return;
      done = true;
      if (error) conn.end();
      callback(error, socket);
    };
    conn.on('error', (e: Error) => finish(refusal ?? e));
    conn.on('close', () => finish(refusal ?? new Error('The SSH connection closed before the engine answered.')));
    conn.once('ready', () => {
      conn.exec('docker system dial-stdio', (error, stream) => {
        if (error) return finish(error);
        stream.once('close', () => conn.end());
        finish(null, stream);
      });
    });
    try {
      const text = (target.knownHosts ?? readKnownHosts)();
      conn.connect(sshConfig(target, text, (e) => (refusal = e)));
    } catch (e) {
      finish(e as Error);
    }
  };
  // Node's agent takes the socket from the callback when none is returned.
  (agent as unknown as { createConnection: unknown }).createConnection = (
    _options: unknown,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): undefined => {
    connect(callback);
    return undefined;
  };
  return agent;
}
