// Bytes from the browser to the runtime: uploads go through a chunked
// session, read from the picked or dropped files as they are sent. (Downloads
// never pass through the page: see Client.startDownload.)
import type { FileTarget } from '../../../../runtime/domains/files/types';
import type { Client } from '../../api/client';
import { ApiError } from '../../../../runtime/api/errors';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) out += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(out);
}

/** One file or folder to upload; a file's bytes are read from `file` as they are sent. */
export interface UploadItem {
  path: string;
  type: 'file' | 'dir';
  file?: Blob;
}

/** Files the user picked (a folder pick gives webkitRelativePath, whose folders are created first). */
export function itemsFromFiles(files: readonly File[]): UploadItem[] {
  const dirs = new Set<string>();
  const out: UploadItem[] = [];
  for (const f of files) {
    const path = f.webkitRelativePath || f.name;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dirs.has(dir)) {
        dirs.add(dir);
        out.push({ path: dir, type: 'dir' });
      }
    }
    out.push({ path, type: 'file', file: f });
  }
  return out;
}

/** Dropped items, folders walked with their structure kept. */
export async function itemsFromDrop(items: DataTransferItemList): Promise<UploadItem[]> {
  const files = [...items].filter((i) => i.kind === 'file');
  const roots = files.map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  // Without file-system entries (some drag sources give none), the dropped files themselves.
  if (roots.length === 0) return itemsFromFiles(files.map((i) => i.getAsFile()).filter((f): f is File => f !== null));
  const out: UploadItem[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ path, type: 'file', file });
    } else if (entry.isDirectory) {
      out.push({ path, type: 'dir' });
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns a batch at a time until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, path);
      }
    }
  };
  for (const root of roots) await walk(root, '');
  return out;
}

export interface UploadProgress {
  sent: number;
  total: number;
}

type UploadSource = { kind: 'items'; items: readonly UploadItem[] } | { kind: 'tar'; file: Blob };

/**
 * Uploads through a chunked session: the manifest (or the tar's size) first,
 * then the bytes a chunk at a time, each sent once the runtime has taken the
 * one before, read from disk as they go (nothing is held whole). Any failure
 * or `signal` aborts the session.
 */
export async function uploadChunked(
  client: Client,
  target: FileTarget,
  dir: string,
  source: UploadSource,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<{ files: number; bytes: number; commands: string[] }> {
  const blobs =
    source.kind === 'tar' ? [source.file] : source.items.flatMap((i) => (i.type === 'file' && i.file ? [i.file] : []));
  const begin =
    source.kind === 'tar'
      ? await client.request('files.uploadBegin', { target, dir, tarSize: source.file.size })
      : await client.request('files.uploadBegin', {
          target,
          dir,
          entries: source.items.map((i) => ({
            path: i.path,
            type: i.type,
            size: i.type === 'file' ? (i.file?.size ?? 0) : 0,
          })),
        });
  const { id, chunkBytes, total } = begin;
  try {
    let offset = 0;
    onProgress({ sent: 0, total });
    // Chunks run across file boundaries: small files share one.
    let blob = 0;
    let within = 0;
    while (offset < total) {
      if (signal?.aborted) throw new ApiError({ code: 'invalid-input', message: 'The upload was cancelled.' });
      const parts: Blob[] = [];
      let size = 0;
      while (size < chunkBytes && blob < blobs.length) {
        const b = blobs[blob] as Blob;
        const take = Math.min(chunkBytes - size, b.size - within);
        if (take > 0) parts.push(b.slice(within, within + take));
        size += take;
        within += take;
        if (within >= b.size) {
          blob++;
          within = 0;
        }
      }
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      if (bytes.length === 0)
        throw new ApiError({ code: 'invalid-input', message: 'A file got shorter while it was being uploaded.' });
      // Cancelled while the engine is slow to take it: the part is cancelled at once, and the session aborted below.
      await client.request('files.uploadChunk', { id, offset, base64: bytesToBase64(bytes) }, { signal });
      offset += bytes.length;
      onProgress({ sent: offset, total });
    }
    return await client.request('files.uploadCommit', { id });
  } catch (error) {
    await client.request('files.uploadAbort', { id }).catch(() => {});
    throw error;
  }
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** "/a/b" → [{name:'/',path:'/'},{name:'a',path:'/a'},{name:'b',path:'/a/b'}] */
export function crumbs(path: string): { name: string; path: string }[] {
  const out = [{ name: '/', path: '/' }];
  let acc = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    acc += `/${part}`;
    out.push({ name: part, path: acc });
  }
  return out;
}

/** "rwxr-xr-x" with the type letter first, as ls -l shows it. */
export function modeString(mode: number, type: string): string {
  const letter = type === 'dir' ? 'd' : type === 'symlink' ? 'l' : type === 'other' ? '?' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => ((mode >> (8 - i)) & 1 ? c : '-'))
    .join('');
  return letter + bits;
}
