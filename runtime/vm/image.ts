// Wharf's guest image: built from Debian's packages by native/vm/build-image.sh,
// versioned, and cached by the hash of the script's folder so a rebuild happens
// only when the script changes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

export interface VmImage {
  dir: string;
  kernel: string;
  initrd: string;
  root: string;
  version: string;
  kernelVersion: string;
}

const VersionFile = z.object({ version: z.string(), kernel: z.string(), scriptHash: z.string().optional() });

/** Reads an image folder; undefined when something in it is missing. */
export function readImage(dir: string): VmImage | undefined {
  const kernel = join(dir, 'vmlinuz');
  const initrd = join(dir, 'initrd.img');
  const root = join(dir, 'root.qcow2');
  if (![kernel, initrd, root].every((f) => existsSync(f))) return undefined;
  try {
    const v = VersionFile.parse(JSON.parse(readFileSync(join(dir, 'version.json'), 'utf8')));
    return { dir, kernel, initrd, root, version: v.version, kernelVersion: v.kernel };
  } catch {
    return undefined;
  }
}

/** sha256 of every file under the script's folder, by path: the cache key. */
export function scriptHash(scriptDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${relative(scriptDir, path)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(scriptDir);
  return hash.digest('hex').slice(0, 16);
}

export interface EnsureImageOptions {
  /** native/vm in the source tree. */
  scriptDir: string;
  cacheDir: string;
  version?: string;
  onLine?: (line: string) => void;
}

/** The cached image for this script, built first when there is none. */
export async function ensureImage(options: EnsureImageOptions): Promise<VmImage> {
  const hash = scriptHash(options.scriptDir);
  const dir = join(options.cacheDir, hash);
  const cached = readImage(dir);
  if (cached) return cached;
  mkdirSync(options.cacheDir, { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const script = join(options.scriptDir, 'build-image.sh');
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
  if (!built) throw new Error(`The VM image build left an incomplete folder: ${dir}`);
  return built;
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
