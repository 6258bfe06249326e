// The engine VM in tests: what must be installed, and the guest image, built
// once per change of native/vm/ and cached (keyed by the folder's hash).
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureImage, type VmImage } from '../../runtime/vm/image';

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

export function vmImageCache(): string {
  return process.env.WHARF_VM_IMAGE_CACHE ?? join(homedir(), '.cache', 'wharf', 'vm-image');
}

/** The image named in WHARF_TEST_VM_IMAGE, else the cached build for this script (built when missing). */
export async function testVmImage(onLine: (line: string) => void = () => {}): Promise<VmImage> {
  return ensureImage({ scriptDir: VM_SCRIPT_DIR, cacheDir: vmImageCache(), onLine });
}
