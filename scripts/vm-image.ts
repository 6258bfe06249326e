// `npm run vm-image`: build (or reuse) the engine VM's guest image for a CPU
// and say where it is; the same cache `npm test`, `npm run bench` and
// `npm run dist` use (~/.cache/wharf/vm-image/<hash>).
//
//   npm run vm-image                    the host's CPU ($WHARF_VM_ARCH overrides)
//   npm run vm-image -- --arch arm64    the arm64 image (Apple silicon, arm64 Linux);
//                                       on x86-64 its packages are set up under
//                                       TCG emulation: about an hour
//   npm run vm-image -- --arch arm64 --out /path/to/vm-image    and copy it there
//
// Needs Linux and root (debootstrap); arm64 also needs qemu-system-aarch64
// (Debian: qemu-system-arm). Then WHARF_VM_IMAGE=<folder> points Wharf at it.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureImage, hostArch, parseVmArch } from '../runtime/vm/image';
import { VM_SCRIPT_DIR, vmImageCache } from './test-support/vm';

const { values } = parseArgs({ options: { arch: { type: 'string' }, out: { type: 'string' } } });
const name = values.arch ?? process.env.WHARF_VM_ARCH;
const arch = name === undefined ? hostArch() : parseVmArch(name);
if (!arch) {
  console.error(`wharf vm-image: no image is built for "${name}" (use --arch amd64 or --arch arm64).`);
  process.exit(2);
}
const began = Date.now();
console.log(`wharf vm-image: the ${arch === 'arm64' ? 'arm64' : 'amd64'} guest image (cache: ${vmImageCache()})`);
try {
  const image = await ensureImage({
    scriptDir: VM_SCRIPT_DIR,
    cacheDir: vmImageCache(),
    arch,
    onLine: (l) => console.log(l),
  });
  let dir = image.dir;
  if (values.out) {
    dir = resolve(values.out);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(image.dir, dir, { recursive: true });
  }
  console.log(
    `wharf vm-image: ${image.version} (kernel ${image.kernelVersion}) in ${dir} after ${Math.round((Date.now() - began) / 1000)} s`,
  );
  console.log(`wharf vm-image: use it with WHARF_VM_IMAGE=${dir}`);
} catch (e) {
  console.error(`wharf vm-image: ${(e as Error).message}`);
  process.exit(1);
}
