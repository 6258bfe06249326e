// The engine VM in tests: what must be installed, and the guest image, built
// once per change of native/vm/ and cached (keyed by the folder's hash).
// The arm64 image (Apple silicon, arm64 Linux) is opt-in here: on this x86-64
// host it is built and booted under TCG emulation, which takes far longer than
// CI's budget (WHARF_VM_ARM64=1).
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureImage, type VmArch, type VmImage } from '../../runtime/vm/image';

export const VM_SCRIPT_DIR = join(import.meta.dirname, '..', '..', 'native', 'vm');

const tools = ['qemu-system-x86_64', 'qemu-img', 'ssh', 'ssh-keygen', 'debootstrap', 'mkfs.ext4', 'cpio', 'depmod'];

/** Why the VM tests cannot run here, or undefined when they can. */
export function vmUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'the VM tests run on x86-64 Linux';
  if (process.getuid?.() !== 0) return 'building the VM image needs root (debootstrap)';
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length > 0) {
    return `missing ${missing.join(', ')} (apt-get install qemu-system-x86 qemu-utils openssh-client debootstrap e2fsprogs cpio kmod)`;
  }
  return undefined;
}

const arm64Tools = [
  'qemu-system-aarch64',
  'qemu-img',
  'ssh',
  'ssh-keygen',
  'debootstrap',
  'mkfs.ext4',
  'debugfs',
  'cpio',
  'depmod',
];

/** Why the arm64 VM test does not run here, or undefined when it does (opt-in: WHARF_VM_ARM64=1). */
export function vmArm64Unavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WHARF_VM_ARM64 !== '1') {
    return 'opt-in: WHARF_VM_ARM64=1 builds the arm64 guest image and boots it under TCG emulation (about an hour on x86-64, too slow for CI)';
  }
  // A prebuilt image (WHARF_VM_ARM64_IMAGE) needs only QEMU and OpenSSH; a build needs Linux, root and debootstrap.
  const prebuilt = Boolean(env.WHARF_VM_ARM64_IMAGE);
  if (!prebuilt && process.platform !== 'linux')
    return 'the arm64 image is built on Linux (or give one: WHARF_VM_ARM64_IMAGE=<folder>)';
  if (!prebuilt && process.getuid?.() !== 0) return 'building the VM image needs root (debootstrap)';
  const needed = prebuilt
    ? ['qemu-system-aarch64', 'qemu-img', 'ssh', 'ssh-keygen', 'gzip', 'cpio', 'tar']
    : arm64Tools;
  const missing = needed.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length > 0) {
    return `missing ${missing.join(', ')} (apt-get install qemu-system-arm qemu-utils openssh-client debootstrap e2fsprogs cpio kmod)`;
  }
  return undefined;
}

export function vmImageCache(): string {
  return process.env.WHARF_VM_IMAGE_CACHE ?? join(homedir(), '.cache', 'wharf', 'vm-image');
}

/** The cached build of the guest image for this script and CPU (amd64 unless asked), built when missing. */
export async function testVmImage(onLine: (line: string) => void = () => {}, arch: VmArch = 'x64'): Promise<VmImage> {
  return ensureImage({ scriptDir: VM_SCRIPT_DIR, cacheDir: vmImageCache(), arch, onLine });
}
