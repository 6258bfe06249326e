// The VM's disk is a qcow2 overlay on the image's root.qcow2, which it names
// by path. The image folder moves (an app update, an AppImage mounted at a new
// place each run, WHARF_VM_IMAGE pointing elsewhere): then the overlay is
// pointed at the new path, its own data untouched (`qemu-img rebase -u`).
import { resolve } from 'node:path';
import { z } from 'zod';

const ImageInfo = z.object({
  'backing-filename': z.string().optional(),
  'full-backing-filename': z.string().optional(),
});

/** The backing file `qemu-img info --output=json <disk>` names, if any. */
export function backingFileOf(infoJson: string): string | undefined {
  try {
    const info = ImageInfo.parse(JSON.parse(infoJson));
    return info['full-backing-filename'] ?? info['backing-filename'];
  } catch {
    return undefined;
  }
}

export const qemuImgCommands = {
  info: (disk: string) => ['info', '-U', '--output=json', disk],
  /** -u: only the name in the header changes; the new file holds the same image. */
  rebase: (disk: string, root: string) => ['rebase', '-u', '-b', root, '-F', 'qcow2', disk],
};

/** The rebase to run before booting, or undefined when the disk already names this root. */
export function rebaseIfMoved(
  disk: string,
  backing: string | undefined,
  root: string,
  platform: NodeJS.Platform = process.platform,
): string[] | undefined {
  if (backing === undefined) return undefined;
  const norm = (p: string): string => (platform === 'win32' ? resolve(p).toLowerCase() : resolve(p));
  if (norm(backing) === norm(root)) return undefined;
  return qemuImgCommands.rebase(disk, root);
}
