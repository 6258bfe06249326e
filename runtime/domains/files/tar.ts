// A small tar writer and header reader: enough to upload files through the
// engine's archive API (PUT) and to list a folder from its archive (GET)
// without keeping file contents. Pure: Buffers and async iterables only.
//
// An archive comes from the engine, made of what a container holds, so it is
// read as untrusted: a metadata record (pax extended header, GNU long name or
// link) is held whole until the entry it applies to, and one larger than
// MAX_TAR_META_BYTES stops the reading with an error as soon as its header
// announces it, before any of it is kept.
import { ApiError } from '../../api/errors';

export interface TarEntryInput {
  /** Relative path inside the archive, "/"-separated. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Where a symlink points. */
  linkTarget?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Unix seconds. */
  mtime?: number;
  /** File content (files only). */
  data?: Buffer;
}

const BLOCK = 512;

/** The most metadata (pax headers, GNU long names and links) an archive may hold for one entry, all records together. */
export const MAX_TAR_META_BYTES = 1024 * 1024;

const META_KINDS: Record<string, string> = { x: 'an extended (pax) header', L: 'a long name', K: 'a long link target' };

/**
 * Refuses a metadata record (or with no readable size) that would take what
 * one entry holds past MAX_TAR_META_BYTES, `held` bytes being held already,
 * before any of it is read.
 */
function checkMetaSize(typeflag: string, size: number, held: number): void {
  if (size >= 0 && held + size <= MAX_TAR_META_BYTES) return;
  throw new ApiError({
    code: 'engine',
    message: `The archive announces ${META_KINDS[typeflag] ?? 'a metadata record'} of ${Number.isFinite(size) ? `${size} bytes` : 'an unreadable size'}; Wharf reads at most ${MAX_TAR_META_BYTES / 1024 / 1024} MiB for one entry, so it stopped reading.`,
    hint: 'A file in the container has a name or extended attributes no real file needs; look at it with a shell in the container.',
  });
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, typeflag: string, e: TarEntryInput): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode ?? (e.type === 'file' ? 0o644 : e.type === 'dir' ? 0o755 : 0o777), 8), 100, 'ascii');
  h.write(octal(e.uid ?? 0, 8), 108, 'ascii');
  h.write(octal(e.gid ?? 0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(e.mtime ?? Math.floor(Date.now() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(typeflag, 156, 'ascii');
  if (e.linkTarget !== undefined) h.write(e.linkTarget, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const pad = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** A pax record "LEN key=value\n", where LEN counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** The tar bytes of one entry (with a pax header first when the path does not fit in 100 bytes). */
export function tarEntry(e: TarEntryInput): Buffer {
  const parts: Buffer[] = [];
  const name = e.type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
  if (Buffer.byteLength(name) > 100) {
    const pax = Buffer.from(paxRecord('path', name), 'utf8');
    parts.push(header('PaxHeader', pax.length, 'x', { path: '', type: 'file' }), pax, pad(pax.length));
  }
  const data = e.type === 'file' ? (e.data ?? Buffer.alloc(0)) : Buffer.alloc(0);
  parts.push(
    header(truncateUtf8(name, 100), data.length, e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0', e),
    data,
    pad(data.length),
  );
  return Buffer.concat(parts);
}

function truncateUtf8(s: string, bytes: number): string {
  const b = Buffer.from(s, 'utf8');
  return b.length <= bytes ? s : b.subarray(b.length - bytes).toString('utf8');
}

/**
 * An archive of one entry NAME of a type no engine handles ('Z'), which
 * Docker's untar removes whatever is at NAME for, then fails on (see
 * stopped.ts). A name longer than the header's 100 bytes goes whole in a pax
 * record first, as for any entry: never cut to a shorter name.
 */
export function tarUnknownTypeEntry(name: string): Buffer {
  const entry = tarEntry({ path: name, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0 });
  // No content: the entry's own header is its last block.
  const h = entry.subarray(entry.length - BLOCK);
  h.write('Z', 156, 'ascii');
  checksum(h);
  return Buffer.concat([entry, TAR_END]);
}

/** The header block(s) of an entry whose `size` bytes of content follow, then `tarPadding(size)`. */
export function tarHeader(e: TarEntryInput, size: number): Buffer {
  const full = tarEntry({ ...e, type: e.type, data: Buffer.alloc(0) });
  // Rewrite the size field of the last header block and its checksum.
  const h = Buffer.from(full.subarray(full.length - BLOCK));
  h.write(octal(size, 12), 124, 'ascii');
  h.write('        ', 148, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return Buffer.concat([full.subarray(0, full.length - BLOCK), h]);
}

export const tarPadding = pad;

/** Two zero blocks: the end of an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

export function tarArchive(entries: readonly TarEntryInput[]): Buffer {
  return Buffer.concat([...entries.map(tarEntry), TAR_END]);
}

export interface TarHeader {
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkTarget?: string;
}

function readString(b: Buffer, start: number, len: number): string {
  const slice = b.subarray(start, start + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? len : nul).toString('utf8');
}

function readNumber(b: Buffer, start: number, len: number): number {
  // GNU base-256 for values too large for octal.
  if ((b[start] ?? 0) & 0x80) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + (b[i] ?? 0);
    return v;
  }
  const s = readString(b, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = parseInt(data.subarray(i, space).toString('ascii'), 10);
    if (!(len > 0)) break;
    const record = data.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

const TYPES: Record<string, TarHeader['type']> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'dir', '2': 'symlink' };

/**
 * The header side of reading an archive, shared by readTar and tarEvents:
 * long names and pax records are held until the entry they apply to.
 */
class HeaderReader {
  private meta: { kind: 'pax' | 'longname' | 'longlink'; size: number; padded: number } | undefined;
  private overrides: Record<string, string> = {};
  /** Metadata bytes read for the coming entry. */
  private held = 0;

  /**
   * Reads what starts `buf`: undefined when more bytes are needed; otherwise
   * how many bytes it used, how many after them to skip (a global pax
   * header), and the entry's header when the block was one.
   */
  read(buf: Buffer): { used: number; skip: number; header?: TarHeader } | undefined {
    const meta = this.meta;
    if (meta) {
      if (buf.length < meta.padded) return undefined;
      const data = buf.subarray(0, meta.size);
      if (meta.kind === 'pax') Object.assign(this.overrides, parsePax(data));
      else this.overrides[meta.kind === 'longname' ? 'path' : 'linkpath'] = readString(data, 0, data.length);
      this.meta = undefined;
      return { used: meta.padded, skip: 0 };
    }
    if (buf.length < BLOCK) return undefined;
    const h = buf.subarray(0, BLOCK);
    if (h.every((b) => b === 0)) return { used: BLOCK, skip: 0 };
    const typeflag = String.fromCharCode(h[156] ?? 0);
    const size = readNumber(h, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K') {
      checkMetaSize(typeflag, size, this.held);
      this.held += size;
      this.meta = { kind: typeflag === 'x' ? 'pax' : typeflag === 'L' ? 'longname' : 'longlink', size, padded };
      return { used: BLOCK, skip: 0 };
    }
    if (typeflag === 'g') return { used: BLOCK, skip: padded };
    const overrides = this.overrides;
    const prefix = readString(h, 345, 155);
    const name = readString(h, 0, 100);
    const header: TarHeader = {
      path: overrides.path ?? (prefix !== '' ? `${prefix}/${name}` : name),
      type: TYPES[typeflag] ?? 'other',
      size: overrides.size !== undefined ? Number(overrides.size) : size,
      mode: readNumber(h, 100, 8) & 0o7777,
      uid: overrides.uid !== undefined ? Number(overrides.uid) : readNumber(h, 108, 8),
      gid: overrides.gid !== undefined ? Number(overrides.gid) : readNumber(h, 116, 8),
      mtime: overrides.mtime !== undefined ? Math.floor(Number(overrides.mtime)) : readNumber(h, 136, 12),
    };
    if (header.type === 'symlink') header.linkTarget = overrides.linkpath ?? readString(h, 157, 100);
    this.overrides = {};
    this.held = 0;
    return { used: BLOCK, skip: 0, header };
  }
}

/**
 * Reads an archive stream and calls `onEntry` for each header, with the
 * entry's content when `wantData(header)` says so (otherwise it is skipped
 * as it streams by). `onEntry` returning false stops reading.
 */
export async function readTar(
  source: AsyncIterable<Buffer>,
  onEntry: (entry: TarHeader, data?: Buffer) => boolean | void,
  wantData: (entry: TarHeader) => boolean = () => false,
): Promise<void> {
  let buf: Buffer = Buffer.alloc(0);
  let pending: { header: TarHeader; size: number; padded: number } | undefined;
  const headers = new HeaderReader();
  let skip = 0;
  for await (const chunk of source) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (skip > 0) {
        const n = Math.min(skip, buf.length);
        buf = buf.subarray(n);
        skip -= n;
        if (skip > 0) break;
      }
      if (pending) {
        const need = pending.padded;
        if (buf.length < need) break;
        const data = buf.subarray(0, pending.size);
        buf = buf.subarray(need);
        const h = pending.header;
        pending = undefined;
        if (onEntry(h, Buffer.from(data)) === false) return;
        continue;
      }
      const r = headers.read(buf);
      if (!r) break;
      buf = buf.subarray(r.used);
      skip = r.skip;
      if (!r.header) continue;
      const entry = r.header;
      const dataSize = entry.type === 'dir' || entry.type === 'symlink' ? 0 : entry.size;
      const dataPadded = Math.ceil(dataSize / BLOCK) * BLOCK;
      if (dataSize > 0 && wantData(entry)) pending = { header: entry, size: dataSize, padded: dataPadded };
      else {
        skip = dataPadded;
        if (onEntry(entry, wantData(entry) ? Buffer.alloc(0) : undefined) === false) return;
      }
    }
  }
}

export type TarEvent = { kind: 'entry'; header: TarHeader } | { kind: 'data'; chunk: Buffer } | { kind: 'end' };

/**
 * An archive stream as events: each entry's header, its content in the
 * pieces it arrives in (never held whole), then 'end'. Long names (pax,
 * GNU) are applied to the entry they precede.
 */
export async function* tarEvents(source: AsyncIterable<Buffer>): AsyncGenerator<TarEvent> {
  let buf: Buffer = Buffer.alloc(0);
  let dataLeft = 0;
  let padLeft = 0;
  const headers = new HeaderReader();
  for await (const chunk of source) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (dataLeft > 0) {
        if (buf.length === 0) break;
        const n = Math.min(dataLeft, buf.length);
        yield { kind: 'data', chunk: buf.subarray(0, n) };
        buf = buf.subarray(n);
        dataLeft -= n;
        if (dataLeft > 0) break;
        yield { kind: 'end' };
      }
      if (padLeft > 0) {
        const n = Math.min(padLeft, buf.length);
        buf = buf.subarray(n);
        padLeft -= n;
        if (padLeft > 0) break;
      }
      const r = headers.read(buf);
      if (!r) break;
      buf = buf.subarray(r.used);
      padLeft = r.skip;
      if (!r.header) continue;
      const header = r.header;
      yield { kind: 'entry', header };
      const dataSize = header.type === 'dir' || header.type === 'symlink' ? 0 : header.size;
      padLeft = Math.ceil(dataSize / BLOCK) * BLOCK - dataSize;
      dataLeft = dataSize;
      if (dataSize === 0) yield { kind: 'end' };
    }
  }
}

/** A header block's checksum field, recomputed after an edit. */
function checksum(h: Buffer): void {
  h.write('        ', 148, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
}

/**
 * An archive with its entries moved from `from` to `to` ("x" → "y", "x/a" →
 * "y/a"), as it streams: what `docker cp` does when it copies under another
 * name. Only names change (and hard link targets, which name entries);
 * content, modes, owners, times, symlink targets and extended attributes
 * pass through byte for byte. GNU long names become pax records.
 */
export async function* renameTarEntries(
  source: AsyncIterable<Buffer>,
  from: string,
  to: string,
): AsyncGenerator<Buffer> {
  const move = (name: string): string =>
    name === from || name.startsWith(`${from}/`) ? `${to}${name.slice(from.length)}` : name;
  let buf: Buffer = Buffer.alloc(0);
  let pass = 0;
  let metas: { kind: string; data: Buffer }[] = [];
  for await (const chunk of source) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (pass > 0) {
        if (buf.length === 0) break;
        const n = Math.min(pass, buf.length);
        yield buf.subarray(0, n);
        buf = buf.subarray(n);
        pass -= n;
        continue;
      }
      if (buf.length < BLOCK) break;
      const h = Buffer.from(buf.subarray(0, BLOCK));
      if (h.every((b) => b === 0)) {
        buf = buf.subarray(BLOCK);
        yield h;
        continue;
      }
      const typeflag = String.fromCharCode(h[156] ?? 0);
      const size = readNumber(h, 124, 12);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K') {
        checkMetaSize(
          typeflag,
          size,
          metas.reduce((n, m) => n + m.data.length, 0),
        );
        if (buf.length < BLOCK + padded) break;
        metas.push({ kind: typeflag, data: Buffer.from(buf.subarray(BLOCK, BLOCK + size)) });
        buf = buf.subarray(BLOCK + padded);
        continue;
      }
      buf = buf.subarray(BLOCK);
      if (typeflag === 'g') {
        yield h;
        pass = padded;
        continue;
      }
      // The entry's names: pax records, then GNU long names, then the ustar fields.
      const records: [string, string][] = [];
      let longName: string | undefined;
      let longLink: string | undefined;
      for (const m of metas) {
        if (m.kind === 'x') records.push(...Object.entries(parsePax(m.data)));
        else if (m.kind === 'L') longName = readString(m.data, 0, m.data.length);
        else longLink = readString(m.data, 0, m.data.length);
      }
      const pax = new Map(records);
      const prefix = h.subarray(257, 263).toString('ascii').startsWith('ustar') ? readString(h, 345, 155) : '';
      const plain = readString(h, 0, 100);
      const name = move(pax.get('path') ?? longName ?? (prefix !== '' ? `${prefix}/${plain}` : plain));
      let link = pax.get('linkpath') ?? longLink ?? readString(h, 157, 100);
      if (typeflag === '1') link = move(link);
      if (pax.has('path') || Buffer.byteLength(name) > 100) pax.set('path', name);
      if (pax.has('linkpath') || Buffer.byteLength(link) > 100) pax.set('linkpath', link);
      metas = [];
      if (pax.size > 0) {
        const body = Buffer.from([...pax].map(([k, v]) => paxRecord(k, v)).join(''), 'utf8');
        yield header('PaxHeader', body.length, 'x', { path: '', type: 'file' });
        yield body;
        yield pad(body.length);
      }
      h.fill(0, 0, 100);
      h.write(truncateUtf8(name, 100), 0, 100, 'utf8');
      h.fill(0, 157, 257);
      h.write(truncateUtf8(link, 100), 157, 100, 'utf8');
      if (prefix !== '') h.fill(0, 345, 500);
      checksum(h);
      yield h;
      const dataSize = pax.has('size') ? Number(pax.get('size')) : size;
      pass = Math.ceil(dataSize / BLOCK) * BLOCK;
    }
  }
  if (buf.length > 0 || pass > 0) throw new Error('The archive ended in the middle of an entry.');
}
