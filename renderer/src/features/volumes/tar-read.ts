// Reads a tar file in the browser into upload entries, so a tar picked in
// the browser can be imported into a volume with files.upload. Handles
// ustar, pax path records and GNU long names; links and devices are skipped
// (returned by name so the user is told).
import type { UploadEntry } from '../files/transfer';
import { bytesToBase64 } from '../files/transfer';

const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return decoder.decode(end === -1 ? slice : slice.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  const s = text(block, start, length).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

export interface TarContent {
  entries: (UploadEntry & { mode?: number })[];
  skipped: string[];
}

export function readTar(bytes: Uint8Array): TarContent {
  const entries: TarContent['entries'] = [];
  const skipped: string[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + 512 <= bytes.length) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(decoder.decode(body));
      if (m) longName = m[1]!;
      continue;
    }
    if (type === 'L') {
      longName = text(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const raw = longName ?? (prefix !== '' ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = null;
    const path = raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (path === '' || path === '.') continue;
    const mode = octal(header, 100, 8) & 0o7777;
    if (type === '5') entries.push({ path, type: 'dir', mode });
    else if (type === '0' || type === '\0' || type === '7') entries.push({ path, type: 'file', base64: bytesToBase64(body), mode });
    else skipped.push(path);
  }
  return { entries, skipped };
}
