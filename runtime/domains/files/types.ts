// Files in volumes and containers, as the file browser shows them. Pure types: they cross the contract.

/** Where files live: inside a volume (through a helper container) or a container's own filesystem. */
export type FileTarget = { kind: 'volume'; name: string } | { kind: 'container'; id: string };

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  /** Absolute inside the target: "/" is the volume's root or the container's root. */
  path: string;
  type: FileType;
  /** Bytes (for a symlink: the length of its target). */
  size: number;
  /** Permission bits, e.g. 0o644 (420); setuid/setgid/sticky included. */
  mode: number;
  uid: number;
  gid: number;
  /** Last modified, unix seconds. */
  mtime: number;
  /** Where a symlink points, as stored in the link. */
  linkTarget?: string;
}

/**
 * How Wharf reached the files: a helper container mounting the volume, `docker
 * exec` in the running container, the engine's archive API (stopped container),
 * or a helper mounting the stopped container's filesystem (Podman).
 */
export type FileAccess = 'helper' | 'exec' | 'archive' | 'mount';

export interface FileListPage {
  path: string;
  /** Folders first, then the rest, each by name; only this page. */
  entries: FileEntry[];
  /** Entries in the folder (after the hidden filter). */
  total: number;
  offset: number;
  via: FileAccess;
  /** Archive access (a stopped container): true when Wharf can still rename and delete there. */
  renameDelete?: boolean;
  /** Archive access: the folder was listed from a read-only snapshot of the stopped container, not its archive. */
  snapshot?: true;
  /** The command that shows the same listing. */
  command: string;
}

export type FileContent =
  | { kind: 'text'; entry: FileEntry; text: string; sha256: string }
  /** Not text (NUL bytes or not UTF-8): offer a download instead. */
  | { kind: 'binary'; entry: FileEntry; sha256: string }
  /** Larger than the editor takes; offer a download instead. */
  | { kind: 'too-large'; entry: FileEntry; limit: number };

export interface FileChangeResult {
  /** The entry as it is now (absent after delete). */
  entry?: FileEntry;
  /** sha256 of what was written (write only): pass it back as `expected` on the next save. */
  sha256?: string;
  /** The docker commands that do the same. */
  commands: string[];
}
