// The engine's socket in the guest, forwarded to this computer by OpenSSH
// over the loopback port QEMU forwards to the guest's sshd (as Lima does).
// Only Wharf's own key gets in; nothing listens on a network address (on
// Windows, a named pipe joined to dial-stdio over SSH: pipe-join.ts).

export interface SshForwardInput {
  /** Private key file (its public half is authorised in the guest). */
  identity: string;
  /** Holds exactly one line: the guest's host key (made on the host) under hostKeyAlias (knownHostsLine). */
  knownHosts: string;
  /** The name the guest's host key is pinned under: the port changes at every boot, the VM does not. */
  hostKeyAlias: string;
  port: number;
  /** Where the engine socket appears on this computer (a unix socket; Windows uses sshDialStdioArgs instead). */
  local: { socket: string };
  remoteSocket: string;
}

/**
 * The options every ssh call to the guest shares: Wharf's own key only, no
 * prompts, and the guest's host key pinned: it is looked up under the VM's
 * alias (not the loopback port, which another program could hold) in the
 * VM's own known-hosts file, and any other key is refused. Nothing is learnt.
 */
function guestSsh(input: Omit<SshForwardInput, 'local' | 'remoteSocket'>, extra: string[] = []): string[] {
  return [
    '-i',
    input.identity,
    '-p',
    String(input.port),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `HostKeyAlias=${input.hostKeyAlias}`,
    '-o',
    `UserKnownHostsFile=${input.knownHosts}`,
    '-o',
    'CheckHostIP=no',
    '-o',
    'UpdateHostKeys=no',
    ...extra,
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    'root@127.0.0.1',
  ];
}

export function sshForwardArgs(input: SshForwardInput): string[] {
  return [
    '-N',
    ...guestSsh(input, [
      '-o',
      'ExitOnForwardFailure=yes',
      '-o',
      'StreamLocalBindUnlink=yes',
      '-o',
      'StreamLocalBindMask=0177',
      '-o',
      'ServerAliveInterval=5',
      '-o',
      'ServerAliveCountMax=3',
      '-L',
      `${input.local.socket}:${input.remoteSocket}`,
    ]),
  ];
}

/** One command run in the guest over the same key (stop, status). */
export function sshCommandArgs(input: Omit<SshForwardInput, 'local' | 'remoteSocket'>, command: string): string[] {
  return [...guestSsh(input), command];
}

/** The VM's known-hosts file: its host key (the public half, as ssh-keygen wrote it) under its alias, and nothing else. */
export function knownHostsLine(alias: string, publicKey: string): string {
  const [type, key] = publicKey.trim().split(/\s+/);
  if (!type || !key || !/^[\w@.-]+$/.test(alias)) throw new Error('Not a host key or alias for known_hosts.');
  return `${alias} ${type} ${key}\n`;
}

export function sshKeygenArgs(file: string): string[] {
  return ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-engine-vm', '-f', file];
}

/**
 * One connection to the guest's engine over SSH (Windows: QEMU forwards no
 * named pipe, so each connection to Wharf's pipe runs this).
 */
export function sshDialStdioArgs(input: Omit<SshForwardInput, 'local'>): string[] {
  return ['-T', ...guestSsh(input), 'docker', '-H', `unix://${input.remoteSocket}`, 'system', 'dial-stdio'];
}
