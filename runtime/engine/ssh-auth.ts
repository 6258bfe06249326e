// Who Wharf is to an SSH server that forwards to a Podman socket, the way
// Podman logs in: the connection's identity file (its passphrase from
// $CONTAINER_PASSPHRASE, as Podman reads it), then the keys the ssh agent
// ($SSH_AUTH_SOCK) holds. And the errors such a login ends in, in plain words.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import ssh2, { type AnyAuthMethod } from 'ssh2';

// ssh2 is CommonJS, and Node finds no named `utils` export in it: take it from the whole module.
const { utils } = ssh2;

export type SshFailure =
  | 'unreachable'
  | 'auth-refused'
  | 'key-locked'
  | 'key-unreadable'
  | 'socket-missing'
  | 'forward-refused'
  | 'proxy-unsupported';

/** Why an ssh:// Podman connection could not be used; `reason` picks the words the UI shows. */
export class SshError extends Error {
  readonly reason: SshFailure;
  /** user@host, or host (port N) when not 22. */
  readonly where: string;
  /** The key file, the socket path, or the system's own words, by reason. */
  readonly detail: string;

  constructor(reason: SshFailure, where: string, detail: string) {
    const messages: Record<SshFailure, string> = {
      unreachable: `Cannot reach ${where} over SSH: ${detail}. Check that the machine is on and that its SSH server runs.`,
      'auth-refused': `${where} refused Wharf's SSH login (${detail}). Its authorized_keys must hold the public key of the connection's identity file or of a key in your ssh agent.`,
      'key-locked': `The SSH key ${detail} is protected by a passphrase, which Wharf cannot ask for. Add it to your ssh agent (\`ssh-add ${detail}\`) or set CONTAINER_PASSPHRASE, as for podman, then try again.`,
      'key-unreadable': `Cannot read the SSH key ${detail}. Check the connection's identity file (podman system connection list shows it).`,
      'forward-refused': `${where} does not let SSH logins forward to a socket, so Wharf cannot reach Podman at ${detail} through it. Its sshd_config must allow it (AllowStreamLocalForwarding yes).`,
      'proxy-unsupported': `Your ~/.ssh/config reaches ${where} through another machine (${detail}), which Wharf does not support yet. Wharf did not connect.`,
      'socket-missing': `Wharf logged in to ${where}, but no Podman socket answers there at ${detail}. Start it on that machine (\`systemctl --user enable --now podman.socket\`) or check the path in the connection.`,
    };
    super(messages[reason]);
    this.name = 'SshError';
    this.reason = reason;
    this.where = where;
    this.detail = detail;
  }
}

/** `user@host`, `user@host:port` when the port is not 22: how the messages (in any language) name the machine. */
export const sshWhere = (username: string, host: string, port: number): string =>
  `${username}@${host.includes(':') ? `[${host}]` : host}${port === 22 ? '' : `:${port}`}`;

export interface IdentityInput {
  /** The key files to offer, in order. */
  identities: readonly string[];
  /** $CONTAINER_PASSPHRASE: the passphrase of the identity files, as Podman reads it. */
  passphrase?: string;
  readFile?: (path: string) => Buffer;
  home?: string;
}

export interface Identities {
  /** The private keys that could be read and opened, in order. */
  keys: { path: string; key: Buffer; passphrase?: string }[];
  /** Passphrase-protected ones Wharf could not open. */
  locked: string[];
}

/** `~/…` as the user's home. */
export const expandHome = (path: string, home: string = homedir()): string =>
  path === '~' ? home : path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;

/** Reads and opens each identity file; a missing or garbled one is an SshError, a locked one is set aside. */
export function readIdentities(input: IdentityInput): Identities {
  const read = input.readFile ?? ((p: string) => readFileSync(p));
  const out: Identities = { keys: [], locked: [] };
  for (const raw of input.identities) {
    const path = expandHome(raw, input.home);
    let data: Buffer;
    try {
      data = read(path);
    } catch {
      throw new SshError('key-unreadable', '', path);
    }
    let parsed = utils.parseKey(data);
    if (parsed instanceof Error && isLocked(parsed) && input.passphrase) {
      parsed = utils.parseKey(data, input.passphrase);
      if (!(parsed instanceof Error)) {
        out.keys.push({ path, key: data, passphrase: input.passphrase });
        continue;
      }
    }
    if (parsed instanceof Error) {
      if (isLocked(parsed)) out.locked.push(path);
      else throw new SshError('key-unreadable', '', path);
      continue;
    }
    out.keys.push({ path, key: data });
  }
  return out;
}

/**
 * The key files ssh offers when none is named (~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa): those there and readable; a locked one set aside.
 */
export function defaultIdentities(input: Omit<IdentityInput, 'identities'> = {}): Identities {
  const out: Identities = { keys: [], locked: [] };
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    try {
      const one = readIdentities({ ...input, identities: [`~/.ssh/${name}`] });
      out.keys.push(...one.keys);
      out.locked.push(...one.locked);
    } catch {
      // Not there, or not a key ssh2 reads: ssh would skip it too.
    }
  }
  return out;
}

const isLocked = (e: Error): boolean => /passphrase|encrypted/i.test(e.message);

/** The login attempts in order: each key, then the agent; nothing else (no password prompt). */
export function authMethods(username: string, ids: Identities, agent: string | undefined): AnyAuthMethod[] {
  return [
    ...ids.keys.map((k): AnyAuthMethod => ({
      type: 'publickey',
      username,
      key: k.key,
      ...(k.passphrase ? { passphrase: k.passphrase } : {}),
    })),
    ...(agent ? [{ type: 'agent', username, agent } as AnyAuthMethod] : []),
  ];
}
