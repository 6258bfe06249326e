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

export type CpuArch = 'x64' | 'arm64';

export interface QemuArgsInput {
  platform: HostPlatform;
  /** The guest's CPU (the image's): arm64 boots on QEMU's virt machine, x64 on q35. */
  arch: CpuArch;
  accel: Accel;
  cpus: number;
  memoryMiB: number;
  kernel: string;
  initrd: string;
  disk: string;
  /** Loopback port forwarded to the guest's sshd. */
  sshPort: number;
  consoleLog: string;
  /**
   * QMP control, never on a network port (the guest reaches the host's
   * loopback): a unix socket in the VM's own folder, or on Windows a named
   * pipe (\\.\pipe\<name>) of an unguessable name that Wharf connects to at
   * once as its only client.
   */
  qmp: { socket: string } | { pipe: string };
  /** The public key the guest authorises (one line of an authorized_keys file). */
  publicKey: string;
  /** The guest's SSH host key (private half), made on the host: handed over by fw_cfg, never on the command line. */
  hostKeyFile: string;
  shares: QemuShare[];
  /** 'restricted': the guest reaches nothing outside (only the forwarded port reaches it). */
  network: 'nat' | 'restricted';
}

/** The name under which the guest's init finds its SSH host key (/sys/firmware/qemu_fw_cfg/by_name/…). */
export const HOST_KEY_FW_CFG = 'opt/wharf/ssh_host_key';

/**
 * A value inside one of QEMU's option lists (`key=value,key=value`): QEMU
 * reads a doubled comma as a comma, so a path with one in it stays one value
 * (a folder named `/x,path=/` must not share `/`).
 */
export function qemuOptValue(value: string): string {
  return value.replace(/,/g, ',,');
}

export function qemuBinary(platform: HostPlatform, arch: 'x64' | 'arm64'): string {
  const name = arch === 'arm64' ? 'qemu-system-aarch64' : 'qemu-system-x86_64';
  return platform === 'win32' ? `${name}.exe` : name;
}

/**
 * The accelerators to try on this system, best first; TCG (emulation) always works, slowly.
 * A hypervisor runs only guests of its own CPU: an arm64 guest on an x86-64
 * host (or the other way round) is emulated.
 */
export function accelOrder(
  platform: HostPlatform,
  available: readonly string[],
  kvmUsable: boolean,
  cpus: { host: CpuArch; guest: CpuArch } = { host: 'x64', guest: 'x64' },
): Accel[] {
  if (cpus.host !== cpus.guest) return ['tcg'];
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

function cpuModel(accel: Accel, arch: CpuArch): string {
  // QEMU's reference pointer authentication (QARMA) costs emulated arm64 much
  // time; the implementation-defined one is as good for a guest and fast.
  if (accel === 'tcg') return arch === 'arm64' ? 'max,pauth-impdef=on' : 'max';
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

/**
 * arm64: QEMU's virt machine (PCIe, so the same virtio-*-pci devices as q35),
 * its high memory map on, and GICv3: the host's own interrupt controller with
 * KVM (arm64 servers often have no GICv2 to emulate), QEMU's with HVF and TCG.
 */
function machineArg(accel: Accel, arch: CpuArch): string {
  if (arch === 'x64') return 'q35';
  return `virt,highmem=on,gic-version=${accel === 'kvm' ? 'host' : '3'}`;
}

export function qemuArgs(input: QemuArgsInput): string[] {
  const machine = machineArg(input.accel, input.arch);
  const net = [
    'user',
    'id=net0',
    'ipv6=off',
    // Loopback only: nothing but this computer can reach the guest's sshd.
    `hostfwd=tcp:127.0.0.1:${input.sshPort}-:22`,
  ];
  if (input.network === 'restricted') net.push('restrict=on');
  const monitor =
    'socket' in input.qmp
      ? `socket,id=monitor,path=${qemuOptValue(input.qmp.socket)},server=on,wait=off`
      : `pipe,id=monitor,path=${qemuOptValue(input.qmp.pipe)}`;
  const args = [
    '-name',
    'wharf-engine',
    '-machine',
    machine,
    '-accel',
    accelArg(input.accel),
    '-cpu',
    cpuModel(input.accel, input.arch),
    '-smp',
    String(input.cpus),
    '-m',
    `${input.memoryMiB}M`,
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot',
    '-kernel',
    input.kernel,
    '-initrd',
    input.initrd,
    '-append',
    kernelCommandLine(input),
    '-drive',
    `if=none,id=root,file=${qemuOptValue(input.disk)},format=qcow2,discard=unmap,cache=writeback`,
    '-device',
    'virtio-blk-pci,drive=root',
    '-netdev',
    net.join(','),
    '-device',
    'virtio-net-pci,netdev=net0',
    '-device',
    'virtio-rng-pci',
    '-chardev',
    `file,id=console,path=${qemuOptValue(input.consoleLog)}`,
    '-serial',
    'chardev:console',
    '-chardev',
    monitor,
    '-mon',
    'chardev=monitor,mode=control',
    '-fw_cfg',
    `name=${HOST_KEY_FW_CFG},file=${qemuOptValue(input.hostKeyFile)}`,
  ];
  for (const s of input.shares) {
    // security_model=none: files keep the host user's ownership; no root needed on the host.
    const ro = s.readOnly ? ',readonly=on' : '';
    args.push(
      '-virtfs',
      `local,path=${qemuOptValue(s.hostPath)},mount_tag=${qemuOptValue(s.tag)},security_model=none${ro}`,
    );
  }
  return args;
}

/** Shell-quoted, for showing the last command in a failure. */
export function showCommand(program: string, args: readonly string[]): string {
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [program, ...args].map(quote).join(' ');
}
