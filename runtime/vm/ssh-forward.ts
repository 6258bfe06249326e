// The engine's socket in the guest, forwarded to this computer by OpenSSH
// over the loopback port QEMU forwards to the guest's sshd (as Lima does).
// Only Wharf's own key gets in; nothing listens on a network address (on
// Windows, a named pipe joined to dial-stdio over SSH: pipe-join.ts).

export interface SshForwardInput {
  /** Private key file (its public half is authorised in the guest). */
  identity: string;
  knownHosts: string;
  port: number;
  /** Where the engine socket appears on this computer (a unix socket; Windows uses sshDialStdioArgs instead). */
  local: { socket: string };
  remoteSocket: string;
}

/** The options every ssh call to the guest shares: Wharf's own key only, no prompts, its own known-hosts file. */
function guestSsh(input: Omit<SshForwardInput, 'local' | 'remoteSocket'>, hostKey: 'accept-new' | 'yes', extra: string[] = []): string[] {
  return [
    '-i', input.identity,
    '-p', String(input.port),
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', `StrictHostKeyChecking=${hostKey}`,
    '-o', `UserKnownHostsFile=${input.knownHosts}`,
    ...extra,
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    'root@127.0.0.1',
  ];
}

export function sshForwardArgs(input: SshForwardInput): string[] {
  return [
    '-N',
    // The guest makes its host key on its first boot: remember it, then insist on it.
    ...guestSsh(input, 'accept-new', [
      '-o', 'ExitOnForwardFailure=yes',
      '-o', 'StreamLocalBindUnlink=yes',
      '-o', 'StreamLocalBindMask=0177',
      '-o', 'ServerAliveInterval=5',
      '-o', 'ServerAliveCountMax=3',
      '-L', `${input.local.socket}:${input.remoteSocket}`,
    ]),
  ];
}

/** One command run in the guest over the same key (stop, status). */
export function sshCommandArgs(input: Omit<SshForwardInput, 'local' | 'remoteSocket'>, command: string): string[] {
  return [...guestSsh(input, 'accept-new'), command];
}

export function sshKeygenArgs(file: string): string[] {
  return ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-engine-vm', '-f', file];
}

/**
 * One connection to the guest's engine over SSH (Windows: QEMU forwards no
 * named pipe, so each connection to Wharf's pipe runs this). The host key
 * must already be known (learnt by the first sshCommandArgs run): pinned.
 */
export function sshDialStdioArgs(input: Omit<SshForwardInput, 'local'>): string[] {
  return ['-T', ...guestSsh(input, 'yes'), 'docker', '-H', `unix://${input.remoteSocket}`, 'system', 'dial-stdio'];
}
