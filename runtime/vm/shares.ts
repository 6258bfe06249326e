// Which folders of this computer the engine VM may share (9p), and the default.
// Wharf's own data folder holds the VM's SSH keys and the key that encrypts
// registry credentials: it is never shared, not even as part of a parent
// folder (QEMU's 9p shares a whole tree and cannot leave a subfolder out).
// So the default is not the home folder itself but the visible folders in it
// that do not hold Wharf's data (on macOS ~/Library, on Windows AppData, and
// hidden ones such as ~/.ssh are left out).
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { VmShare } from '../domains/vm/types';

type Platform = NodeJS.Platform;

/** At most this many default shares (each is a device in the VM). */
const MAX_DEFAULT_SHARES = 16;

function pathsFor(platform: Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The folder as the system resolves it (symlinks followed) when it exists; macOS and Windows compare without case. */
function canonical(p: string, platform: Platform, real: (p: string) => string): string {
  const paths = pathsFor(platform);
  let resolved = paths.resolve(p);
  try {
    resolved = real(resolved);
  } catch {
    // not there (yet): compare the path as written
  }
  return platform === 'darwin' || platform === 'win32' ? resolved.toLowerCase() : resolved;
}

/** True when `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string, platform: Platform): boolean {
  const rel = pathsFor(platform).relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !pathsFor(platform).isAbsolute(rel));
}

/** Thrown for a shared folder that would put Wharf's data folder in the VM. */
export class ShareRefused extends Error {
  readonly key = 'vm.shareHoldsData';
  constructor(
    readonly hostPath: string,
    readonly dataDir: string,
  ) {
    super(
      `${hostPath} cannot be shared with the VM: it is or holds Wharf's own data folder (${dataDir}), with the VM's SSH keys and the key to your registry passwords. Share a folder inside it instead, such as your projects folder.`,
    );
    this.name = 'ShareRefused';
  }
}

export interface ShareCheck {
  dataDir: string;
  platform?: Platform;
  /** realpath (tests pass their own). */
  real?: (p: string) => string;
}

/** Whether a folder may be shared: not Wharf's data folder, nothing inside it, nothing that holds it. */
export function shareAllowed(hostPath: string, check: ShareCheck): boolean {
  const platform = check.platform ?? process.platform;
  const real = check.real ?? realpathSync.native;
  const share = canonical(hostPath, platform, real);
  const data = canonical(check.dataDir, platform, real);
  return !within(share, data, platform) && !within(data, share, platform);
}

/** Throws ShareRefused for the first share that may not be shared. */
export function checkShares(shares: readonly VmShare[], check: ShareCheck): void {
  for (const s of shares) if (!shareAllowed(s.hostPath, check)) throw new ShareRefused(s.hostPath, check.dataDir);
}

/** The shares that may be shared (a settings file from an older Wharf may share the whole home folder). */
export function allowedShares(shares: readonly VmShare[], check: ShareCheck): VmShare[] {
  return shares.filter((s) => shareAllowed(s.hostPath, check));
}

export interface DefaultSharesInput extends ShareCheck {
  home: string;
  /** Lists the home folder (tests pass their own). */
  list?: (dir: string) => Dirent[];
}

/** The visible folders in the home folder, but none that holds Wharf's data; read-write, so bind mounts work as they would without a VM. */
export function defaultShares(input: DefaultSharesInput): VmShare[] {
  if (!input.home) return [];
  const paths = pathsFor(input.platform ?? process.platform);
  const list = input.list ?? ((dir: string) => readdirSync(dir, { withFileTypes: true }));
  let entries: Dirent[];
  try {
    entries = list(input.home);
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({ hostPath: paths.join(input.home, name) }))
    .filter((s) => shareAllowed(s.hostPath, input))
    .slice(0, MAX_DEFAULT_SHARES);
}
