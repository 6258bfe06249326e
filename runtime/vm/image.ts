// Wharf's guest image: built from Debian's packages by native/vm/build-image.sh
// (amd64) or native/vm/arm64/build-image.sh (arm64, for Apple silicon and arm64
// Linux), versioned, and cached by the hash of the scripts so a rebuild happens
// only when a script that makes that image changes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

/** The guest's CPU, named as Node names CPUs (amd64 is 'x64'). */
export type VmArch = 'x64' | 'arm64';

export interface VmImage {
  dir: string;
  arch: VmArch;
  kernel: string;
  initrd: string;
  root: string;
  version: string;
  kernelVersion: string;
}

// Images from before arm64 images existed have no "arch": they are amd64.
const VersionFile = z.object({
  version: z.string(),
  kernel: z.string(),
  scriptHash: z.string().optional(),
  arch: z.enum(['amd64', 'arm64']).default('amd64'),
});

/** A CPU as people write it (Node's, Debian's or the kernel's name); undefined when it is none Wharf builds for. */
export function parseVmArch(name: string): VmArch | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'x64' || n === 'amd64' || n === 'x86_64') return 'x64';
  if (n === 'arm64' || n === 'aarch64') return 'arm64';
  return undefined;
}

/** Reads an image folder; undefined when something in it is missing. */
export function readImage(dir: string): VmImage | undefined {
  const kernel = join(dir, 'vmlinuz');
  const initrd = join(dir, 'initrd.img');
  const root = join(dir, 'root.qcow2');
  if (![kernel, initrd, root].every((f) => existsSync(f))) return undefined;
  try {
    const v = VersionFile.parse(JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8')));
    return {
      dir,
      arch: v.arch === 'arm64' ? 'arm64' : 'x64',
      kernel,
      initrd,
      root,
      version: v.version,
      kernelVersion: v.kernel,
    };
  } catch {
    return undefined;
  }
}

/**
 * The cache key: sha256 of every file under the script's folder, by path.
 * amd64 leaves out arm64/ (which only the arm64 build reads), so its key is
 * what it was before arm64 images; arm64's key covers the whole folder (it
 * reuses guest/) and says arm64, so the two never share a cache folder.
 */
export function scriptHash(scriptDir: string, arch: VmArch = 'x64'): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (arch === 'x64' && dir === scriptDir && name === 'arm64') continue;
      if (statSync(path).isDirectory()) walk(path);
      else
        hash
          .update(`${relative(scriptDir, path)}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  walk(scriptDir);
  const key = hash.digest('hex').slice(0, 16);
  return arch === 'arm64' ? `arm64-${key}` : key;
}

/** The build script for a guest CPU. */
export function buildScript(scriptDir: string, arch: VmArch): string {
  return arch === 'arm64' ? join(scriptDir, 'arm64', 'build-image.sh') : join(scriptDir, 'build-image.sh');
}

export interface EnsureImageOptions {
  /** native/vm in the source tree. */
  scriptDir: string;
  cacheDir: string;
  /** The guest's CPU; the host's by default. */
  arch?: VmArch;
  version?: string;
  onLine?: (line: string) => void;
}

/** The cached image for this script, built first when there is none. */
export async function ensureImage(options: EnsureImageOptions): Promise<VmImage> {
  const arch = options.arch ?? hostArch();
  const hash = scriptHash(options.scriptDir, arch);
  const dir = join(options.cacheDir, hash);
  const cached = readImage(dir);
  if (cached?.arch === arch) return cached;
  mkdirSync(options.cacheDir, { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const script = buildScript(options.scriptDir, arch);
  const tail: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [script, partial, options.version ?? `dev-${hash}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WHARF_VM_SCRIPT_HASH: hash },
    });
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        options.onLine?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`The VM image could not be built (bash ${script}, exit ${code}):\n${tail.join('\n')}`);
  }
  // Another build of the same script may have finished first (VMs may already use it): keep that one.
  if (readImage(dir)) {
    rmSync(partial, { recursive: true, force: true });
  } else {
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
  }
  const built = readImage(dir);
  if (built?.arch !== arch) throw new Error(`The VM image build left an incomplete folder: ${dir}`);
  return built;
}

export function hostArch(): VmArch {
  return process.arch === 'arm64' ? 'arm64' : 'x64';
}

export interface ImageLookup {
  /** $WHARF_VM_IMAGE: a local build, always used when set. */
  env?: string | undefined;
  /** The image shipped with the desktop app (<resources>/vm-image), passed in by the shell. */
  bundled?: string | undefined;
  dataDir: string;
}

/** Where to look for the guest image, in order: $WHARF_VM_IMAGE, the app's own, <data dir>/vm-image. */
export function imageCandidates(lookup: ImageLookup): string[] {
  if (lookup.env) return [lookup.env];
  return [...(lookup.bundled ? [lookup.bundled] : []), join(lookup.dataDir, 'vm-image')];
}

/** The first candidate that holds a whole image; else the last (named in the "not installed" message). */
export function findImageDir(lookup: ImageLookup, read: (dir: string) => unknown = readImage): string {
  const candidates = imageCandidates(lookup);
  return candidates.find((dir) => read(dir) !== undefined) ?? (candidates.at(-1) as string);
}
