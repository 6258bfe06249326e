// `npm run dist`'s first step: puts the engine VM's guest image in
// dist/vm-image, which electron-builder ships as <resources>/vm-image
// (package.json build.extraResources). The image is for the app's target CPU:
// $WHARF_VM_ARCH (amd64 or arm64; e.g. WHARF_VM_ARCH=arm64 npm run dist -- --mac
// --arm64 for Apple silicon), else the host's. amd64 is built on x86-64 Linux,
// arm64 on any Linux with qemu-system-aarch64 (emulated on x86-64: slow), both
// with debootstrap, as root (cached by the hash of their scripts), or the image
// is copied from a prebuilt folder named by WHARF_VM_IMAGE.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureImage, hostArch, parseVmArch, readImage, type VmArch } from '../runtime/vm/image';
import { VM_SCRIPT_DIR, vmImageCache } from './test-support/vm';

export const DIST_VM_IMAGE = join(import.meta.dirname, '..', 'dist', 'vm-image');

export type VmImagePlan =
  { kind: 'copy'; from: string } | { kind: 'build'; arch: VmArch } | { kind: 'error'; message: string };

export interface VmImageHost {
  env: string | undefined;
  platform: NodeJS.Platform;
  arch: string;
  /** The CPU the app is packaged for ($WHARF_VM_ARCH); the host's when unset. */
  target?: VmArch;
  isRoot: boolean;
  hasDebootstrap: boolean;
  /** qemu-system-aarch64, which sets up the arm64 image's packages. */
  hasQemuAarch64?: boolean;
  /** Whether the folder holds an image for the target CPU (vmlinuz, initrd.img, root.qcow2, version.json); undefined: no image. */
  imageArch?: (dir: string) => VmArch | undefined;
  /** Whether a folder holds a whole image (vmlinuz, initrd.img, root.qcow2, version.json). */
  isImage: (dir: string) => boolean;
}

const HOW =
  'The desktop app ships the engine VM’s guest image for its CPU (WHARF_VM_ARCH=amd64 or arm64, else this computer’s). ' +
  'Build it on Linux with debootstrap, as root (sudo npm run dist; amd64 on x86-64 Linux, arm64 with qemu-system-aarch64), ' +
  'or give a prebuilt image folder: WHARF_VM_IMAGE=/path/to/vm-image npm run dist.';

const debian = (arch: VmArch): string => (arch === 'arm64' ? 'arm64' : 'amd64');

export function planVmImage(host: VmImageHost): VmImagePlan {
  const target: VmArch = host.target ?? (host.arch === 'arm64' ? 'arm64' : 'x64');
  if (host.env) {
    if (!host.isImage(host.env)) {
      return {
        kind: 'error',
        message: `WHARF_VM_IMAGE=${host.env} holds no whole image (vmlinuz, initrd.img, root.qcow2, version.json). ${HOW}`,
      };
    }
    const found = host.imageArch?.(host.env);
    if (found !== undefined && found !== target) {
      return {
        kind: 'error',
        message: `WHARF_VM_IMAGE=${host.env} is an ${debian(found)} image; this app is for ${debian(target)}. ${HOW}`,
      };
    }
    return { kind: 'copy', from: host.env };
  }
  const canBuild = host.platform === 'linux' && (target === 'arm64' || host.arch === 'x64');
  if (!canBuild) {
    return {
      kind: 'error',
      message: `This computer (${host.platform}/${host.arch}) cannot build the ${debian(target)} guest image. ${HOW}`,
    };
  }
  if (!host.hasDebootstrap)
    return {
      kind: 'error',
      message: `debootstrap is missing (apt-get install debootstrap qemu-utils e2fsprogs kmod cpio). ${HOW}`,
    };
  if (target === 'arm64' && host.hasQemuAarch64 === false) {
    return { kind: 'error', message: `qemu-system-aarch64 is missing (apt-get install qemu-system-arm). ${HOW}` };
  }
  if (!host.isRoot) return { kind: 'error', message: `Building the guest image needs root (debootstrap). ${HOW}` };
  return { kind: 'build', arch: target };
}

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

async function main(): Promise<void> {
  const wanted = process.env.WHARF_VM_ARCH;
  const target = wanted ? parseVmArch(wanted) : hostArch();
  if (!target) {
    console.error(`wharf dist: WHARF_VM_ARCH=${wanted} is not a CPU Wharf builds an image for (amd64 or arm64).`);
    process.exit(1);
  }
  const plan = planVmImage({
    env: process.env.WHARF_VM_IMAGE,
    platform: process.platform,
    arch: process.arch,
    target,
    isRoot: process.getuid?.() === 0,
    hasDebootstrap: has('debootstrap'),
    hasQemuAarch64: has('qemu-system-aarch64'),
    isImage: (dir) => readImage(resolve(dir)) !== undefined,
    imageArch: (dir) => readImage(resolve(dir))?.arch,
  });
  if (plan.kind === 'error') {
    console.error(`wharf dist: ${plan.message}`);
    process.exit(1);
  }
  let from: string;
  if (plan.kind === 'copy') {
    from = resolve(plan.from);
  } else {
    console.log(
      `wharf dist: building the engine VM’s ${debian(plan.arch)} guest image (cached under ${vmImageCache()})…`,
    );
    from = (
      await ensureImage({
        scriptDir: VM_SCRIPT_DIR,
        cacheDir: vmImageCache(),
        arch: plan.arch,
        onLine: (l) => console.log(l),
      })
    ).dir;
  }
  rmSync(DIST_VM_IMAGE, { recursive: true, force: true });
  mkdirSync(DIST_VM_IMAGE, { recursive: true });
  cpSync(from, DIST_VM_IMAGE, { recursive: true });
  const image = readImage(DIST_VM_IMAGE);
  if (!image) throw new Error(`The copy in ${DIST_VM_IMAGE} is not a whole image.`);
  console.log(
    `wharf dist: ${debian(image.arch)} guest image ${image.version} (kernel ${image.kernelVersion}) in ${DIST_VM_IMAGE}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`wharf dist: ${(e as Error).message}`);
    process.exit(1);
  });
}
