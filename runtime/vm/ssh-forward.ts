// The engine's socket in the guest, forwarded to this computer by OpenSSH
// over the loopback port QEMU forwards to the guest's sshd (as Lima does).
// Only Wharf's own key gets in; nothing listens on a network address.

export interface SshForwardInput {
  /** Private key file (its public half is authorised in the guest). */
  identity: string;
  knownHosts: string;
  port: number;
  /** Where the engine socket appears on this computer (unix socket path), or a loopback TCP port (Windows). */
  local: { socket: string } | { port: number };
  remoteSocket: string;
}

export function sshForwardArgs(input: SshForwardInput): string[] {
  const local = 'socket' in input.local ? input.local.socket : `127.0.0.1:${input.local.port}`;
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
    '-L', `${local}:${input.remoteSocket}`,
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
