// Bytes between the browser and the runtime: downloads arrive as a stream of
// base64 chunks and are saved through an object URL; uploads are read from
// the picked or dropped files and sent as base64 entries.
import type { InputOf } from '../../../../runtime/api/contract';
import type { DownloadEvent } from '../../../../runtime/api/types';
import type { Client } from '../../api/client';
import { ClientError } from '../../api/client';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) out += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(out);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Hands bytes to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the URL once click() returns; free it after the tick.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type DownloadTopic = 'files.download' | 'volumes.exportStream' | 'images.saveStream';

/** Collects a download stream and saves it; resolves with the byte count. */
export function download<K extends DownloadTopic>(client: Client, topic: K, input: InputOf<K>, fallbackName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let name = fallbackName;
    let done = false;
    client.subscribe(
      topic,
      input,
      (e) => {
        const event = e as DownloadEvent;
        if (event.kind === 'start') name = event.name || fallbackName;
        else if (event.kind === 'chunk') parts.push(base64ToBytes(event.data));
        else {
          done = true;
          saveBlob(new Blob(parts), name);
          resolve(event.bytes);
        }
      },
      (error) => {
        if (error) reject(error);
        else if (!done) reject(new ClientError({ code: 'internal', message: 'The download ended before it was complete.' }));
      },
    );
  });
}

export interface UploadEntry {
  path: string;
  type: 'file' | 'dir';
  base64?: string;
}

/** A file the user picked (a folder pick gives webkitRelativePath). */
export async function entriesFromFiles(files: readonly File[]): Promise<UploadEntry[]> {
  const out: UploadEntry[] = [];
  for (const f of files) {
    const path = f.webkitRelativePath || f.name;
    out.push({ path, type: 'file', base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) });
  }
  return out;
}

/** Dropped items, folders walked with their structure kept. */
export async function entriesFromDrop(items: DataTransferItemList): Promise<UploadEntry[]> {
  const roots = [...items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const out: UploadEntry[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ path, type: 'file', base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
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
