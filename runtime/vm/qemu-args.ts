// QEMU's command line for the engine VM, per host system and accelerator.
// Pure: unit-tested for macOS, Windows and Linux alike.

export type Accel = 'kvm' | 'hvf' | 'whpx' | 'tcg';
export type HostPlatform = 'linux' | 'darwin' | 'win32';

export interface QemuShare {
  tag: string;
  hostPath: string;
  guestPath: string;
  readOnly?: boolean;
}

export interface QemuArgsInput {
  platform: HostPlatform;
  arch: 'x64' | 'arm64';
  accel: Accel;
  cpus: number;
  memoryMiB: number;
  kernel: string;
  initrd: string;
  disk: string;
  /** Loopback port forwarded to the guest's sshd. */
  sshPort: number;
  consoleLog: string;
  /** QMP control: a unix socket path, or a loopback TCP port on Windows. */
  qmp: { socket: string } | { port: number };
  /** The public key the guest authorises (one line of an authorized_keys file). */
  publicKey: string;
  shares: QemuShare[];
  /** 'restricted': the guest reaches nothing outside (only the forwarded port reaches it). */
  network: 'nat' | 'restricted';
}

export function qemuBinary(platform: HostPlatform, arch: 'x64' | 'arm64'): string {
  const name = arch === 'arm64' ? 'qemu-system-aarch64' : 'qemu-system-x86_64';
  return platform === 'win32' ? `${name}.exe` : name;
}

/** The accelerators to try on this system, best first; TCG (emulation) always works, slowly. */
export function accelOrder(platform: HostPlatform, available: readonly string[], kvmUsable: boolean): Accel[] {
  const want: Accel[] = platform === 'darwin' ? ['hvf'] : platform === 'win32' ? ['whpx'] : ['kvm'];
  const order = want.filter((a) => available.includes(a) && (a !== 'kvm' || kvmUsable));
  return [...order, 'tcg'];
}

/** Reads `qemu-system-* -accel help`: "Accelerators supported in QEMU binary:\ntcg\nkvm\n". */
export function parseAccelHelp(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9-]+$/.test(l));
}

function accelArg(accel: Accel): string {
  // WHPX's in-kernel irqchip breaks direct kernel boot on many Windows builds.
  if (accel === 'whpx') return 'whpx,kernel-irqchip=off';
  if (accel === 'tcg') return 'tcg,thread=multi';
  return accel;
}

function cpuModel(accel: Accel, arch: 'x64' | 'arm64'): string {
  if (accel === 'tcg') return 'max';
  if (accel === 'whpx') return arch === 'arm64' ? 'max' : 'qemu64,+ssse3,+sse4.1,+sse4.2,+popcnt';
  return 'host';
}

/** The kernel command line: the key and shares travel here (no network is needed to configure the guest). */
export function kernelCommandLine(input: Pick<QemuArgsInput, 'arch' | 'publicKey' | 'shares'>): string {
  const console = input.arch === 'arm64' ? 'ttyAMA0' : 'ttyS0';
  const parts = [
    `console=${console}`,
    'panic=-1',
    'rootwait',
    // Containers need cgroup v2 and nothing of the guest's audit or mitigations chatter.
    'systemd.unified_cgroup_hierarchy=1',
    'audit=0',
    `wharf.key=${Buffer.from(input.publicKey.trim()).toString('base64')}`,
  ];
  for (const s of input.shares) parts.push(`wharf.share=${s.tag}:${Buffer.from(s.guestPath).toString('base64')}`);
  return parts.join(' ');
}

export function qemuArgs(input: QemuArgsInput): string[] {
  const machine = input.arch === 'arm64' ? 'virt,highmem=on' : 'q35';
  const net = [
    'user',
    'id=net0',
    'ipv6=off',
    // Loopback only: nothing but this computer can reach the guest's sshd.
    `hostfwd=tcp:127.0.0.1:${input.sshPort}-:22`,
  ];
  if (input.network === 'restricted') net.push('restrict=on');
  const qmp =
    'socket' in input.qmp ? `unix:${input.qmp.socket},server=on,wait=off` : `tcp:127.0.0.1:${input.qmp.port},server=on,wait=off`;
  const args = [
    '-name', 'wharf-engine',
    '-machine', machine,
    '-accel', accelArg(input.accel),
    '-cpu', cpuModel(input.accel, input.arch),
    '-smp', String(input.cpus),
    '-m', `${input.memoryMiB}M`,
    '-nodefaults',
    '-no-user-config',
    '-display', 'none',
    '-no-reboot',
    '-kernel', input.kernel,
    '-initrd', input.initrd,
    '-append', kernelCommandLine(input),
    '-drive', `if=none,id=root,file=${input.disk},format=qcow2,discard=unmap,cache=writeback`,
    '-device', 'virtio-blk-pci,drive=root',
    '-netdev', net.join(','),
    '-device', 'virtio-net-pci,netdev=net0',
    '-device', 'virtio-rng-pci',
    '-chardev', `file,id=console,path=${input.consoleLog}`,
    '-serial', 'chardev:console',
    '-qmp', qmp,
  ];
  for (const s of input.shares) {
    // security_model=none: files keep the host user's ownership; no root needed on the host.
    const ro = s.readOnly ? ',readonly=on' : '';
    args.push('-virtfs', `local,path=${s.hostPath},mount_tag=${s.tag},security_model=none${ro}`);
  }
  return args;
}

/** Shell-quoted, for showing the last command in a failure. */
export function showCommand(program: string, args: readonly string[]): string {
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [program, ...args].map(quote).join(' ');
}
