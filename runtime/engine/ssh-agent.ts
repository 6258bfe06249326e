// ssh:// engines: where to log in, and the SSH client settings that check the
// server's host key against known_hosts before anything else (the connections
// themselves are in ssh-tunnel.ts).
import type { ConnectConfig } from 'ssh2';
import { HostKeyError, knownKeyTypes, preferredHostKeyAlgorithms, verifyHostKey } from './known-hosts';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK), when there is one. */
  agent?: string;
  /** Reads the known_hosts files; the user's and the system's by default. */
  knownHosts?: () => string;
  /** The known_hosts files to read, when ~/.ssh/config names them (UserKnownHostsFile). */
  knownHostsFiles?: string[];
  /** How ~/.ssh/config says to reach the host (ProxyJump or ProxyCommand), which Wharf does not do yet. */
  proxy?: string;
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
