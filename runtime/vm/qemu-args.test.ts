import { describe, expect, it } from 'vitest';
import {
  accelOrder,
  kernelCommandLine,
  parseAccelHelp,
  qemuArgs,
  qemuBinary,
  qemuOptValue,
  showCommand,
  type QemuArgsInput,
} from './qemu-args';

const base: QemuArgsInput = {
  platform: 'linux',
  arch: 'x64',
  accel: 'kvm',
  cpus: 2,
  memoryMiB: 2048,
  kernel: '/img/vmlinuz',
  initrd: '/img/initrd.img',
  disk: '/vm/disk.qcow2',
  sshPort: 40022,
  consoleLog: '/vm/console.log',
  qmp: { socket: 'qmp.sock' },
  publicKey: 'ssh-ed25519 AAAAC3Nza wharf-engine-vm\n',
  hostKeyFile: '/vm/ssh_host_ed25519_key',
  shares: [],
  network: 'nat',
};

const after = (args: string[], flag: string): string[] =>
  args.flatMap((a, i) => (a === flag && args[i + 1] !== undefined ? [args[i + 1] as string] : []));

/** How QEMU reads an option list: `key=value` pairs split at single commas, a doubled comma being a comma. */
function qemuOpts(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let part = '';
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && (text[i] !== ',' || text[i + 1] === ',')) {
      part += text[i];
      if (text[i] === ',') i++;
      continue;
    }
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
    part = '';
  }
  return out;
}

describe('accelerators', () => {
  it('reads `-accel help`', () => {
    expect(parseAccelHelp('Accelerators supported in QEMU binary:\ntcg\nkvm\n')).toEqual(['tcg', 'kvm']);
    expect(parseAccelHelp('Accelerators supported in QEMU binary:\r\ntcg\r\nwhpx\r\n')).toEqual(['tcg', 'whpx']);
  });

  it('tries the system’s hypervisor first and always ends with TCG', () => {
    expect(accelOrder('linux', ['tcg', 'kvm'], true)).toEqual(['kvm', 'tcg']);
    expect(accelOrder('darwin', ['tcg', 'hvf'], false)).toEqual(['hvf', 'tcg']);
    expect(accelOrder('win32', ['tcg', 'whpx'], false)).toEqual(['whpx', 'tcg']);
  });

  it('leaves out what this QEMU lacks or this user cannot open', () => {
    expect(accelOrder('linux', ['tcg', 'kvm'], false)).toEqual(['tcg']);
    expect(accelOrder('linux', ['tcg'], true)).toEqual(['tcg']);
    expect(accelOrder('win32', ['tcg'], false)).toEqual(['tcg']);
    expect(accelOrder('darwin', ['tcg', 'kvm'], true)).toEqual(['tcg']);
  });

  it('emulates a guest of another CPU: no hypervisor runs it', () => {
    expect(accelOrder('linux', ['tcg', 'kvm'], true, { host: 'x64', guest: 'arm64' })).toEqual(['tcg']);
    expect(accelOrder('darwin', ['tcg', 'hvf'], false, { host: 'arm64', guest: 'x64' })).toEqual(['tcg']);
    expect(accelOrder('darwin', ['tcg', 'hvf'], false, { host: 'x64', guest: 'arm64' })).toEqual(['tcg']);
    expect(accelOrder('darwin', ['tcg', 'hvf'], false, { host: 'arm64', guest: 'arm64' })).toEqual(['hvf', 'tcg']);
    expect(accelOrder('linux', ['tcg', 'kvm'], true, { host: 'arm64', guest: 'arm64' })).toEqual(['kvm', 'tcg']);
  });

  it('names the binary per system and CPU', () => {
    expect(qemuBinary('linux', 'x64')).toBe('qemu-system-x86_64');
    expect(qemuBinary('darwin', 'arm64')).toBe('qemu-system-aarch64');
    expect(qemuBinary('win32', 'x64')).toBe('qemu-system-x86_64.exe');
  });
});

describe('QEMU command line', () => {
  it('KVM on Linux: host CPU, direct kernel boot, virtio disk, console to a file, QMP on a unix socket', () => {
    const args = qemuArgs(base);
    expect(after(args, '-accel')).toEqual(['kvm']);
    expect(after(args, '-cpu')).toEqual(['host']);
    expect(after(args, '-smp')).toEqual(['2']);
    expect(after(args, '-m')).toEqual(['2048M']);
    expect(after(args, '-kernel')).toEqual(['/img/vmlinuz']);
    expect(after(args, '-initrd')).toEqual(['/img/initrd.img']);
    expect(after(args, '-drive')[0]).toContain('file=/vm/disk.qcow2,format=qcow2');
    expect(after(args, '-chardev')).toEqual([
      'file,id=console,path=/vm/console.log',
      'socket,id=monitor,path=qmp.sock,server=on,wait=off',
    ]);
    expect(after(args, '-mon')).toEqual(['chardev=monitor,mode=control']);
    expect(args).not.toContain('-qmp');
    expect(args).toContain('-no-reboot');
    expect(args).toContain('-nodefaults');
  });

  it('forwards only a loopback port to the guest’s sshd', () => {
    const netdev = after(qemuArgs(base), '-netdev')[0] ?? '';
    expect(netdev).toContain('hostfwd=tcp:127.0.0.1:40022-:22');
    expect(netdev).not.toMatch(/hostfwd=tcp::|0\.0\.0\.0/);
    expect(netdev).not.toContain('restrict=on');
    expect(after(qemuArgs({ ...base, network: 'restricted' }), '-netdev')[0]).toContain('restrict=on');
  });

  it('TCG: emulated CPU, multi-threaded', () => {
    const args = qemuArgs({ ...base, accel: 'tcg' });
    expect(after(args, '-accel')).toEqual(['tcg,thread=multi']);
    expect(after(args, '-cpu')).toEqual(['max']);
  });

  const arm64Devices = (args: string[]): void => {
    expect(args).not.toContain('q35');
    expect(after(args, '-device')).toEqual([
      'virtio-blk-pci,drive=root',
      'virtio-net-pci,netdev=net0',
      'virtio-rng-pci',
    ]);
    expect(after(args, '-serial')).toEqual(['chardev:console']);
    const append = after(args, '-append')[0] ?? '';
    expect(append).toContain('console=ttyAMA0');
    expect(append).not.toContain('ttyS0');
  };

  it('arm64 guest, HVF on macOS (Apple silicon): the virt machine, QEMU’s GICv3, the host CPU', () => {
    const args = qemuArgs({ ...base, platform: 'darwin', arch: 'arm64', accel: 'hvf' });
    expect(after(args, '-machine')).toEqual(['virt,highmem=on,gic-version=3']);
    expect(after(args, '-accel')).toEqual(['hvf']);
    expect(after(args, '-cpu')).toEqual(['host']);
    expect(after(args, '-chardev')).toContain('socket,id=monitor,path=qmp.sock,server=on,wait=off');
    arm64Devices(args);
  });

  it('arm64 guest, KVM on arm64 Linux: the virt machine with the host’s interrupt controller, the host CPU', () => {
    const args = qemuArgs({ ...base, platform: 'linux', arch: 'arm64', accel: 'kvm' });
    expect(after(args, '-machine')).toEqual(['virt,highmem=on,gic-version=host']);
    expect(after(args, '-accel')).toEqual(['kvm']);
    expect(after(args, '-cpu')).toEqual(['host']);
    arm64Devices(args);
  });

  it('arm64 guest emulated on an x86-64 host (TCG): the virt machine and the emulated max CPU', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const args = qemuArgs({ ...base, platform, arch: 'arm64', accel: 'tcg' });
      expect(after(args, '-machine')).toEqual(['virt,highmem=on,gic-version=3']);
      expect(after(args, '-accel')).toEqual(['tcg,thread=multi']);
      expect(after(args, '-cpu')).toEqual(['max,pauth-impdef=on']);
      arm64Devices(args);
    }
    expect(qemuBinary('linux', 'arm64')).toBe('qemu-system-aarch64');
    expect(qemuBinary('win32', 'arm64')).toBe('qemu-system-aarch64.exe');
  });

  it('x86-64 guest: q35 and the PC serial console, never the virt machine', () => {
    const args = qemuArgs(base);
    expect(after(args, '-machine')).toEqual(['q35']);
    expect(after(args, '-append')[0]).toContain('console=ttyS0');
  });

  it('WHPX on Windows: no in-kernel irqchip, a named CPU model, QMP on a named pipe', () => {
    const args = qemuArgs({ ...base, platform: 'win32', accel: 'whpx', qmp: { pipe: 'wharf-qmp-0123abcd' } });
    expect(after(args, '-accel')).toEqual(['whpx,kernel-irqchip=off']);
    expect(after(args, '-cpu')[0]).toMatch(/^qemu64/);
    expect(after(args, '-chardev')).toContain('pipe,id=monitor,path=wharf-qmp-0123abcd');
    expect(after(args, '-mon')).toEqual(['chardev=monitor,mode=control']);
  });

  it('QEMU’s monitor listens on no network port, on any system: the guest reaches the host’s loopback', () => {
    const qmps = [{ socket: 'qmp.sock' }, { pipe: 'wharf-qmp-0123abcd' }];
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const qmp of qmps) {
        const args = qemuArgs({ ...base, platform, qmp });
        expect(args).not.toContain('-qmp');
        expect(args).not.toContain('-monitor');
        for (const chardev of after(args, '-chardev')) {
          expect(chardev).toMatch(/^(file|socket|pipe),/);
          expect(chardev).not.toMatch(/\b(host|port|telnet|websocket)=/);
          expect(chardev).not.toMatch(/tcp:|udp:/);
        }
        // The one loopback port is the guest's sshd, forwarded in.
        expect(args.filter((a) => a.includes('127.0.0.1'))).toEqual([after(args, '-netdev')[0]]);
      }
    }
  });

  it('hands the guest its SSH host key through fw_cfg (a file), never on the kernel command line', () => {
    const args = qemuArgs(base);
    expect(after(args, '-fw_cfg')).toEqual(['name=opt/wharf/ssh_host_key,file=/vm/ssh_host_ed25519_key']);
    expect(after(args, '-append')[0]).not.toMatch(/ssh_host|PRIVATE/);
  });

  it('escapes commas in every path inside an option list: a folder named /x,path=/ shares only itself', () => {
    expect(qemuOptValue('/a,b,,c')).toBe('/a,,b,,,,c');
    const odd = '/x,path=/';
    const args = qemuArgs({
      ...base,
      disk: '/vm,file=/etc/passwd/disk.qcow2',
      consoleLog: '/vm,x/console.log',
      hostKeyFile: '/vm,file=/etc/shadow/key',
      qmp: { socket: 'q,path=/tmp/q.sock' },
      shares: [{ tag: 'share0', hostPath: odd, guestPath: odd }],
    });
    const virtfs = qemuOpts(after(args, '-virtfs')[0] ?? '');
    expect(virtfs.filter(([k]) => k === 'path')).toEqual([['path', odd]]);
    expect(virtfs).toContainEqual(['mount_tag', 'share0']);
    const drive = qemuOpts(after(args, '-drive')[0] ?? '');
    expect(drive.filter(([k]) => k === 'file')).toEqual([['file', '/vm,file=/etc/passwd/disk.qcow2']]);
    const [consoleDev, monitorDev] = after(args, '-chardev').map(qemuOpts);
    expect(consoleDev?.filter(([k]) => k === 'path')).toEqual([['path', '/vm,x/console.log']]);
    expect(monitorDev?.filter(([k]) => k === 'path')).toEqual([['path', 'q,path=/tmp/q.sock']]);
    const fwCfg = qemuOpts(after(args, '-fw_cfg')[0] ?? '');
    expect(fwCfg).toEqual([
      ['name', 'opt/wharf/ssh_host_key'],
      ['file', '/vm,file=/etc/shadow/key'],
    ]);
  });

  it('shares folders with 9p, read-only when asked, and tells the guest where to mount them', () => {
    const shares = [
      { tag: 'share0', hostPath: '/home/me/site', guestPath: '/home/me/site' },
      { tag: 'share1', hostPath: '/data', guestPath: '/mnt/my data', readOnly: true },
    ];
    const args = qemuArgs({ ...base, shares });
    expect(after(args, '-virtfs')).toEqual([
      'local,path=/home/me/site,mount_tag=share0,security_model=none',
      'local,path=/data,mount_tag=share1,security_model=none,readonly=on',
    ]);
    const append = after(args, '-append')[0] ?? '';
    expect(append).toContain(`wharf.share=share1:${Buffer.from('/mnt/my data').toString('base64')}`);
    expect(append.split(' ')).not.toContain('data');
  });

  it('passes the public key on the kernel command line, base64 so it stays one word', () => {
    const line = kernelCommandLine(base);
    const key = /wharf\.key=(\S+)/.exec(line)?.[1] ?? '';
    expect(Buffer.from(key, 'base64').toString('utf8')).toBe('ssh-ed25519 AAAAC3Nza wharf-engine-vm');
    expect(line).toContain('console=ttyS0');
  });

  it('shows a command the way a shell would take it', () => {
    expect(showCommand('qemu-system-x86_64', ['-append', 'console=ttyS0 panic=-1', '-m', '1024M'])).toBe(
      "qemu-system-x86_64 -append 'console=ttyS0 panic=-1' -m 1024M",
    );
  });
});
