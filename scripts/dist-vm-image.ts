// `npm run dist`'s first step: puts the engine VM's guest image in
// dist/vm-image, which electron-builder ships as <resources>/vm-image
// (package.json build.extraResources). The image is amd64 only; it is built
// on x86-64 Linux with debootstrap, as root (cached by the hash of native/vm),
// or copied from a prebuilt folder named by WHARF_VM_IMAGE.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureImage, readImage } from '../runtime/vm/image';
import { VM_SCRIPT_DIR, vmImageCache } from './test-support/vm';

export const DIST_VM_IMAGE = join(import.meta.dirname, '..', 'dist', 'vm-image');

export type VmImagePlan = { kind: 'copy'; from: string } | { kind: 'build' } | { kind: 'error'; message: string };

export interface VmImageHost {
  env: string | undefined;
  platform: NodeJS.Platform;
  arch: string;
  isRoot: boolean;
  hasDebootstrap: boolean;
  /** Whether a folder holds a whole image (vmlinuz, initrd.img, root.qcow2, version.json). */
  isImage: (dir: string) => boolean;
}

const HOW =
  'The desktop app ships the engine VM’s guest image (amd64). Build it on x86-64 Linux with debootstrap, as root ' +
  '(sudo npm run dist), or give a prebuilt image folder: WHARF_VM_IMAGE=/path/to/vm-image npm run dist.';

export function planVmImage(host: VmImageHost): VmImagePlan {
  if (host.env) {
    if (host.isImage(host.env)) return { kind: 'copy', from: host.env };
    return { kind: 'error', message: `WHARF_VM_IMAGE=${host.env} holds no whole image (vmlinuz, initrd.img, root.qcow2, version.json). ${HOW}` };
  }
  if (host.platform !== 'linux' || host.arch !== 'x64') {
    return { kind: 'error', message: `This computer (${host.platform}/${host.arch}) cannot build the guest image. ${HOW}` };
  }
  if (!host.hasDebootstrap) return { kind: 'error', message: `debootstrap is missing (apt-get install debootstrap qemu-utils e2fsprogs kmod cpio). ${HOW}` };
  if (!host.isRoot) return { kind: 'error', message: `Building the guest image needs root (debootstrap). ${HOW}` };
  return { kind: 'build' };
}

async function main(): Promise<void> {
  const plan = planVmImage({
    env: process.env.WHARF_VM_IMAGE,
    platform: process.platform,
    arch: process.arch,
    isRoot: process.getuid?.() === 0,
    hasDebootstrap: spawnSync('sh', ['-c', 'command -v debootstrap'], { stdio: 'ignore' }).status === 0,
    isImage: (dir) => readImage(resolve(dir)) !== undefined,
  });
  if (plan.kind === 'error') {
    console.error(`wharf dist: ${plan.message}`);
    process.exit(1);
  }
  let from: string;
  if (plan.kind === 'copy') {
    from = resolve(plan.from);
  } else {
    console.log('wharf dist: building the engine VM’s guest image (cached under ' + vmImageCache() + ')…');
    from = (await ensureImage({ scriptDir: VM_SCRIPT_DIR, cacheDir: vmImageCache(), onLine: (l) => console.log(l) })).dir;
  }
  rmSync(DIST_VM_IMAGE, { recursive: true, force: true });
  mkdirSync(DIST_VM_IMAGE, { recursive: true });
  cpSync(from, DIST_VM_IMAGE, { recursive: true });
  const image = readImage(DIST_VM_IMAGE);
  if (!image) throw new Error(`The copy in ${DIST_VM_IMAGE} is not a whole image.`);
  console.log(`wharf dist: guest image ${image.version} (kernel ${image.kernelVersion}) in ${DIST_VM_IMAGE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`wharf dist: ${(e as Error).message}`);
    process.exit(1);
  });
}
