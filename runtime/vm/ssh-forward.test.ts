import { describe, expect, it } from 'vitest';
import { knownHostsLine, sshCommandArgs, sshDialStdioArgs, sshForwardArgs } from './ssh-forward';

const opts = (args: string[]): string[] => args.flatMap((a, i) => (a === '-o' ? [args[i + 1] ?? ''] : []));

describe('SSH forwarding of the engine socket', () => {
  it('forwards the guest’s socket to a local unix socket, with Wharf’s key only', () => {
    const args = sshForwardArgs({
      identity: '/vm/id_ed25519',
      knownHosts: '/vm/known_hosts',
      hostKeyAlias: 'wharf-vm-0123456789ab',
      port: 40022,
      local: { socket: '/vm/docker.sock' },
      remoteSocket: '/run/docker.sock',
    });
    expect(args).toContain('-N');
    expect(args.slice(args.indexOf('-L'), args.indexOf('-L') + 2)).toEqual(['-L', '/vm/docker.sock:/run/docker.sock']);
    expect(args.at(-1)).toBe('root@127.0.0.1');
    expect(opts(args)).toEqual(
      expect.arrayContaining([
        'IdentitiesOnly=yes',
        'BatchMode=yes',
        'StrictHostKeyChecking=yes',
        'HostKeyAlias=wharf-vm-0123456789ab',
        'UserKnownHostsFile=/vm/known_hosts',
        'ExitOnForwardFailure=yes',
        'StreamLocalBindUnlink=yes',
        'StreamLocalBindMask=0177',
      ]),
    );
  });

  it('runs one command in the guest', () => {
    const args = sshCommandArgs(
      { identity: '/vm/k', knownHosts: '/vm/kh', hostKeyAlias: 'wharf-vm-a', port: 1 },
      'uptime',
    );
    expect(args.slice(-2)).toEqual(['root@127.0.0.1', 'uptime']);
  });

  it('pins the guest’s host key under the VM’s alias, never by the loopback port, and learns no other key', () => {
    const target = { identity: '/vm/k', knownHosts: '/vm/kh', hostKeyAlias: 'wharf-vm-a', port: 40022 };
    const every = [
      sshForwardArgs({ ...target, local: { socket: '/vm/s' }, remoteSocket: '/run/docker.sock' }),
      sshCommandArgs(target, 'true'),
      sshDialStdioArgs({ ...target, remoteSocket: '/run/docker.sock' }),
    ];
    for (const args of every) {
      const o = opts(args);
      expect(o).toEqual(
        expect.arrayContaining([
          'StrictHostKeyChecking=yes',
          'HostKeyAlias=wharf-vm-a',
          'UserKnownHostsFile=/vm/kh',
          'UpdateHostKeys=no',
        ]),
      );
      expect(o.filter((x) => x.startsWith('StrictHostKeyChecking='))).toEqual(['StrictHostKeyChecking=yes']);
    }
  });

  it('writes a known-hosts file of the one host key under the alias', () => {
    expect(knownHostsLine('wharf-vm-a', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK wharf-vm-host\n')).toBe(
      'wharf-vm-a ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK\n',
    );
    expect(() => knownHostsLine('wharf vm', 'ssh-ed25519 AAAA')).toThrow();
    expect(() => knownHostsLine('wharf-vm-a', '')).toThrow();
  });
});

describe('the engine over SSH, one connection at a time (Windows)', () => {
  it('runs docker system dial-stdio in the guest, over the loopback port, with the pinned host key and the VM’s own key', () => {
    const args = sshDialStdioArgs({
      identity: 'C:\\vm\\id_ed25519',
      knownHosts: 'C:\\vm\\known_hosts',
      hostKeyAlias: 'wharf-vm-a',
      port: 40022,
      remoteSocket: '/run/docker.sock',
    });
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', 'C:\\vm\\id_ed25519']);
    expect(args.slice(args.indexOf('-p'), args.indexOf('-p') + 2)).toEqual(['-p', '40022']);
    expect(opts(args)).toEqual(
      expect.arrayContaining([
        'IdentitiesOnly=yes',
        'BatchMode=yes',
        'StrictHostKeyChecking=yes',
        'UserKnownHostsFile=C:\\vm\\known_hosts',
      ]),
    );
    expect(opts(args)).not.toContain('StrictHostKeyChecking=accept-new');
    // No forwarding of any kind: the pipe is the only way in.
    expect(args).not.toContain('-L');
    expect(args).not.toContain('-N');
    const at = args.indexOf('root@127.0.0.1');
    expect(at).toBeGreaterThan(0);
    expect(args.slice(at + 1)).toEqual(['docker', '-H', 'unix:///run/docker.sock', 'system', 'dial-stdio']);
  });
});
