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

export function sshForwardArgs(input: SshForwardInput): string[] {
  return [
    '-N',
    '-i', input.identity,
    '-p', String(input.port),
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    // The guest makes its host key on its first boot: remember it, then insist on it.
    '-o', 'StrictHostKeyChecking=accept-new',
    '-o', `UserKnownHostsFile=${input.knownHosts}`,
    '-o', 'ExitOnForwardFailure=yes',
    '-o', 'StreamLocalBindUnlink=yes',
    '-o', 'StreamLocalBindMask=0177',
    '-o', 'ServerAliveInterval=5',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    '-L', `${input.local.socket}:${input.remoteSocket}`,
    'root@127.0.0.1',
  ];
}

/** One command run in the guest over the same key (stop, status). */
export function sshCommandArgs(input: Omit<SshForwardInput, 'local' | 'remoteSocket'>, command: string): string[] {
  return [
    '-i', input.identity,
    '-p', String(input.port),
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=accept-new',
    '-o', `UserKnownHostsFile=${input.knownHosts}`,
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    'root@127.0.0.1',
    command,
  ];
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
  return [
    '-T',
    '-i', input.identity,
    '-p', String(input.port),
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${input.knownHosts}`,
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    'root@127.0.0.1',
    'docker', '-H', `unix://${input.remoteSocket}`, 'system', 'dial-stdio',
  ];
}
