import { describe, expect, it } from 'vitest';
import { describeMilestone, readBoot } from './boot-progress';
import { cpuTicksFromStat, rssFromStatus } from './usage';

describe('the guest console', () => {
  it('follows the boot from the kernel to the engine', () => {
    expect(readBoot('')).toEqual({ milestone: 'nothing' });
    expect(readBoot('[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@…)\n').milestone).toBe('kernel');
    const text = [
      '[    0.000000] Linux version 6.1.0-57-amd64',
      'wharf-guest: init 0.1.0',
      'wharf-guest: starting sshd',
      'wharf-guest: starting the engine',
    ].join('\n');
    expect(readBoot(text).milestone).toBe('engine');
    expect(readBoot(`${text}\nwharf-guest: engine socket ready\n`).milestone).toBe('engine-socket');
  });

  it('finds the line that says why a boot failed', () => {
    expect(readBoot('Linux version 6\nwharf-guest: no root disk (/dev/vda)\n').failure).toBe(
      'wharf-guest: no root disk (/dev/vda)',
    );
    expect(readBoot('Linux version 6\n[ 1.2] Kernel panic - not syncing: VFS: Unable to mount root fs\n').failure).toBe(
      'Kernel panic - not syncing: VFS: Unable to mount root fs',
    );
    expect(readBoot('wharf-guest: init\nwharf-guest: no SSH host key from the host\n').failure).toBe(
      'wharf-guest: no SSH host key from the host',
    );
    expect(readBoot("wharf-guest: init\nwharf-guest: could not close the host's loopback to the VM\n").failure).toBe(
      "wharf-guest: could not close the host's loopback to the VM",
    );
  });

  it('says each step in plain words', () => {
    expect(describeMilestone('nothing', 'tcg')).toBe('Starting the VM (tcg)…');
    expect(describeMilestone('engine', 'kvm')).toBe('Waiting for the engine…');
  });
});

describe('the VM process’s resource use', () => {
  it('reads CPU ticks even when the process name has spaces and parentheses', () => {
    const stat = '1234 (qemu (x) 1) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 3 0 100 1000 50';
    expect(cpuTicksFromStat(stat)).toBe(325);
  });
  it('reads resident memory', () => {
    expect(rssFromStatus('Name:\tqemu\nVmRSS:\t  524288 kB\n')).toBe(524288);
  });
});
