// A folder as a zip, streamed: the tar the engine or a helper produces is
// turned into a zip as it flows, one entry at a time, each compressed with
// node:zlib's raw deflate (crc32 from node:zlib too). Written here rather
// than taken from a package because the format needed is small: local
// headers with a data descriptor (sizes are known only after the data),
// a central directory, and Zip64 records when sizes or offsets pass 4 GB.
// Links are stored as links (Unix mode in the external attributes), as
// Info-ZIP does.
//
// The tar comes from a container (its own tar binary, for a running one), so
// its names are not trusted: an entry whose name is absolute, goes up with
// "..", or lies under a name the archive made a link, would let an unzip
// write outside the folder it extracts into; it is left out of the zip.
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { type TarHeader, tarEvents } from './tar';

const MAX32 = 0xffffffff;

function dosDateTime(unixSeconds: number): { date: number; time: number } {
  const d = new Date(Math.max(unixSeconds, 315532800) * 1000);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  date: number;
  time: number;
  attrs: number;
}

const FLAGS = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names

function localHeader(w: Written): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(45, 4);
  h.writeUInt16LE(FLAGS, 6);
  h.writeUInt16LE(w.method, 8);
  h.writeUInt16LE(w.time, 10);
  h.writeUInt16LE(w.date, 12);
  // crc and sizes: 0 here, in the descriptor after the data
  h.writeUInt16LE(w.name.length, 26);
  return Buffer.concat([h, w.name]);
}

function descriptor(w: Written): Buffer {
  const big = w.size > MAX32 || w.compressed > MAX32;
  const d = Buffer.alloc(big ? 24 : 16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(w.crc >>> 0, 4);
  if (big) {
    d.writeBigUInt64LE(BigInt(w.compressed), 8);
    d.writeBigUInt64LE(BigInt(w.size), 16);
  } else {
    d.writeUInt32LE(w.compressed, 8);
    d.writeUInt32LE(w.size, 12);
  }
  return d;
}

function centralHeader(w: Written): Buffer {
  const extra: Buffer[] = [];
  if (w.size > MAX32) extra.push(u64(w.size));
  if (w.compressed > MAX32) extra.push(u64(w.compressed));
  if (w.offset > MAX32) extra.push(u64(w.offset));
  const zip64 = extra.length > 0 ? Buffer.concat([u16(0x0001), u16(extra.length * 8), ...extra]) : Buffer.alloc(0);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 45, 4); // made by Unix, version 4.5
  h.writeUInt16LE(45, 6);
  h.writeUInt16LE(FLAGS, 8);
  h.writeUInt16LE(w.method, 10);
  h.writeUInt16LE(w.time, 12);
  h.writeUInt16LE(w.date, 14);
  h.writeUInt32LE(w.crc >>> 0, 16);
  h.writeUInt32LE(Math.min(w.compressed, MAX32), 20);
  h.writeUInt32LE(Math.min(w.size, MAX32), 24);
  h.writeUInt16LE(w.name.length, 28);
  h.writeUInt16LE(zip64.length, 30);
  h.writeUInt32LE(w.attrs >>> 0, 38);
  h.writeUInt32LE(Math.min(w.offset, MAX32), 42);
  return Buffer.concat([h, w.name, zip64]);
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

function end(count: number, cdOffset: number, cdSize: number): Buffer {
  const parts: Buffer[] = [];
  if (count > 0xffff || cdOffset > MAX32 || cdSize > MAX32) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE((3 << 8) | 45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(count), 24);
    z.writeBigUInt64LE(BigInt(count), 32);
    z.writeBigUInt64LE(BigInt(cdSize), 40);
    z.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(z, locator);
  }
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(Math.min(count, 0xffff), 8);
  e.writeUInt16LE(Math.min(count, 0xffff), 10);
  e.writeUInt32LE(Math.min(cdSize, MAX32), 12);
  e.writeUInt32LE(Math.min(cdOffset, MAX32), 16);
  parts.push(e);
  return Buffer.concat(parts);
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/**
 * A tar entry's name as it goes in the zip ("./a//b/" → "a/b"), or undefined
 * when it is absolute ("/x", or "C:\\x" as Windows reads it) or has a ".."
 * segment ("\\" counted as a separator too, as unzips on Windows read it), or
 * names nothing.
 */
export function zipName(path: string): string | undefined {
  if (/^[/\\]/.test(path) || /^[A-Za-z]:[/\\]/.test(path)) return undefined;
  if (path.split(/[/\\]/).includes('..')) return undefined;
  const name = path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  return name === '' ? undefined : name;
}

/** The zip of the tar stream `source`, as it flows. */
export async function* tarToZip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  let current:
    { w: Written; header: TarHeader; deflate?: ReturnType<typeof createDeflateRaw>; out: Buffer[] } | undefined;

  const emit = function* (b: Buffer) {
    offset += b.length;
    yield b;
  };

  /** Names stored as links: nothing is stored under one (an unzip would write through the link). */
  const links = new Set<string>();
  const underLink = (path: string) => {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) if (links.has(path.slice(0, i))) return true;
    return false;
  };

  for await (const event of tarEvents(source)) {
    if (event.kind === 'entry') {
      const h = event.header;
      const path = zipName(h.path);
      if (path === undefined || h.type === 'other' || underLink(path)) {
        current = undefined;
        continue;
      }
      if (h.type === 'symlink') links.add(path);
      const name = Buffer.from(h.type === 'dir' ? `${path}/` : path, 'utf8');
      const kind = h.type === 'dir' ? S_IFDIR : h.type === 'symlink' ? S_IFLNK : S_IFREG;
      const w: Written = {
        name,
        method: h.type === 'file' ? 8 : 0,
        crc: 0,
        compressed: 0,
        size: 0,
        offset,
        ...dosDateTime(h.mtime),
        attrs: ((kind | h.mode) << 16) | (h.type === 'dir' ? 0x10 : 0),
      };
      yield* emit(localHeader(w));
      current = { w, header: h, out: [] };
      if (h.type === 'file') {
        const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
        const out = current.out;
        deflate.on('data', (c: Buffer) => out.push(c));
        current.deflate = deflate;
      }
      continue;
    }
    if (current === undefined) continue;
    const c = current;
    if (event.kind === 'data') {
      c.w.crc = crc32(event.chunk, c.w.crc);
      c.w.size += event.chunk.length;
      if (c.deflate && !c.deflate.write(event.chunk)) await once(c.deflate, 'drain');
      while (c.out.length > 0) {
        const b = c.out.shift() as Buffer;
        c.w.compressed += b.length;
        yield* emit(b);
      }
      continue;
    }
    // The entry ended.
    if (c.deflate) {
      const finished = once(c.deflate, 'end');
      c.deflate.end();
      await finished;
      for (const b of c.out) {
        c.w.compressed += b.length;
        yield* emit(b);
      }
    } else if (c.header.type === 'symlink') {
      const target = Buffer.from(c.header.linkTarget ?? '', 'utf8');
      c.w.crc = crc32(target);
      c.w.size = c.w.compressed = target.length;
      yield* emit(target);
    }
    yield* emit(descriptor(c.w));
    written.push(c.w);
    current = undefined;
  }
  const cdOffset = offset;
  let cdSize = 0;
  for (const w of written) {
    const h = centralHeader(w);
    cdSize += h.length;
    yield* emit(h);
  }
  yield end(written.length, cdOffset, cdSize);
}
