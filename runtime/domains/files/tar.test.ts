import { describe, expect, it } from 'vitest';
import { parseNames, parseStatLine, parseStatPage } from './listing';
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
  linkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TAR_META_BYTES, type TarHeader, readTar, renameTarEntries, tarArchive, tarEvents } from './tar';
import { hostile, rawHeader } from './test-tar';

async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('tar', () => {
  it('writes what it reads back, long names and contents included, in any chunking', async () => {
    const long = `${'deep/'.repeat(30)}file.txt`;
    const archive = tarArchive([
      { path: 'dir', type: 'dir', mode: 0o750, uid: 5, gid: 6, mtime: 1_700_000_000 },
      { path: 'dir/a.txt', type: 'file', data: Buffer.from('hello'), mode: 0o640 },
      { path: long, type: 'file', data: Buffer.alloc(1000, 7) },
    ]);
    for (const size of [1, 511, 4096]) {
      const seen: Array<[TarHeader, Buffer | undefined]> = [];
      await readTar(
        chunks(archive, size),
        (h, d) => void seen.push([h, d]),
        () => true,
      );
      expect(seen.map(([h]) => [h.path, h.type, h.size])).toEqual([
        ['dir/', 'dir', 0],
        ['dir/a.txt', 'file', 5],
        [long, 'file', 1000],
      ]);
      expect(seen[0]?.[0]).toMatchObject({ mode: 0o750, uid: 5, gid: 6, mtime: 1_700_000_000 });
      expect(seen[1]?.[1]?.toString()).toBe('hello');
      expect(seen[2]?.[1]?.equals(Buffer.alloc(1000, 7))).toBe(true);
    }
  });

  it('skips contents when not wanted and stops when asked', async () => {
    const archive = tarArchive([
      { path: 'a', type: 'file', data: Buffer.alloc(3000) },
      { path: 'b', type: 'file', data: Buffer.alloc(10) },
    ]);
    const names: string[] = [];
    await readTar(chunks(archive, 700), (h, d) => {
      expect(d).toBeUndefined();
      names.push(h.path);
      return false;
    });
    expect(names).toEqual(['a']);
  });

  it('renames the top entry of an archive GNU tar wrote (links, long names, modes) and GNU tar reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-tar-'));
    try {
      const deep = `${'deep-folder-name/'.repeat(8)}file.txt`;
      mkdirSync(join(dir, 'in/old', deep, '..'), { recursive: true });
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'in/old/a.txt'), 'hello');
      writeFileSync(join(dir, 'in/old', deep), Buffer.alloc(1500, 3), { mode: 0o600 });
      linkSync(join(dir, 'in/old/a.txt'), join(dir, 'in/old/hard.txt'));
      symlinkSync('old/a.txt', join(dir, 'in/old/link'));
      for (const format of ['gnu', 'pax']) {
        const archive = execFileSync('tar', [`--format=${format}`, '-C', join(dir, 'in'), '-cf', '-', 'old']);
        const out: Buffer[] = [];
        for await (const piece of renameTarEntries(chunks(archive, 333), 'old', 'new')) out.push(piece);
        rmSync(join(dir, 'out'), { recursive: true, force: true });
        mkdirSync(join(dir, 'out'));
        execFileSync('tar', ['-C', join(dir, 'out'), '-xf', '-'], { input: Buffer.concat(out) });
        expect(
          execFileSync('find', ['.'], { cwd: join(dir, 'out') })
            .toString()
            .split('\n')
            .filter((l) => l.startsWith('./old')),
        ).toEqual([]);
        expect(readFileSync(join(dir, 'out/new/a.txt'), 'utf8')).toBe('hello');
        expect(readFileSync(join(dir, 'out/new', deep)).equals(Buffer.alloc(1500, 3))).toBe(true);
        expect(statSync(join(dir, 'out/new', deep)).mode & 0o777).toBe(0o600);
        expect(statSync(join(dir, 'out/new/hard.txt')).ino).toBe(statSync(join(dir, 'out/new/a.txt')).ino);
        // A symlink's target is a path in the container, not an archive name: left as it was.
        expect(readlinkSync(join(dir, 'out/new/link'))).toBe('old/a.txt');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renames a single file entry and leaves other names alone', async () => {
    const archive = tarArchive([
      { path: 'x', type: 'file', data: Buffer.from('1') },
      { path: 'xy', type: 'file', data: Buffer.from('2') },
    ]);
    const out: Buffer[] = [];
    for await (const piece of renameTarEntries(chunks(archive, 100), 'x', 'z')) out.push(piece);
    const names: string[] = [];
    await readTar(chunks(Buffer.concat(out), 512), (h) => void names.push(h.path));
    expect(names).toEqual(['z', 'xy']);
  });
});

describe('tar metadata records from an untrusted archive', () => {
  const GiB = 1024 * 1024 * 1024;
  const readers: Array<[string, (source: AsyncGenerator<Buffer>) => Promise<unknown>]> = [
    ['readTar', (source) => readTar(source, () => {})],
    [
      'tarEvents',
      async (source) => {
        for await (const _ of tarEvents(source));
      },
    ],
    [
      'renameTarEntries',
      async (source) => {
        for await (const _ of renameTarEntries(source, 'a', 'b'));
      },
    ],
  ];

  it.each(readers)(
    '%s refuses a pax header, long name or long link announcing gigabytes as soon as it is announced',
    async (_name, read) => {
      for (const typeflag of ['x', 'L', 'K']) {
        const { source, pulled } = hostile(rawHeader(typeflag, 8 * GiB - 1), 16 * 1024 * 1024);
        await expect(read(source)).rejects.toMatchObject({
          code: 'engine',
          message: expect.stringMatching(/at most 1 MiB/),
        });
        expect(pulled()).toBeLessThan(2 * 1024 * 1024);
      }
    },
  );

  it.each(readers)('%s refuses metadata records that together pass the limit for one entry', async (_name, read) => {
    const size = MAX_TAR_META_BYTES / 2 + 512;
    const record = Buffer.concat([rawHeader('x', size), Buffer.alloc(size, 0x20)]);
    const { source } = hostile(Buffer.concat([record, record, record]), 0);
    await expect(read(source)).rejects.toMatchObject({ code: 'engine' });
  });

  it('still reads a real long name of a few KiB', async () => {
    const long = `${'n/'.repeat(2000)}f`;
    const names: string[] = [];
    await readTar(
      chunks(tarArchive([{ path: long, type: 'file', data: Buffer.from('x') }]), 700),
      (h) => void names.push(h.path),
    );
    expect(names).toEqual([long]);
  });
});

describe('listing output', () => {
  it('parses stat lines into type, mode, owner and time', () => {
    expect(parseStatLine('81a4 12 33 44 1700000000')).toEqual({
      type: 'file',
      size: 12,
      mode: 0o644,
      uid: 33,
      gid: 44,
      mtime: 1_700_000_000,
    });
    expect(parseStatLine('41ed 4096 0 0 1')?.type).toBe('dir');
    expect(parseStatLine('a1ff 4 0 0 1')).toMatchObject({ type: 'symlink', mode: 0o777 });
    expect(parseStatLine('-')).toBeUndefined();
  });

  it('splits folders from files, sorted, with names that hold spaces and newlines (no stamp line: an empty stamp)', () => {
    const out = Buffer.from('./b file\0./zeta\0./zeta\0./a\nline\0./Alpha\0./Alpha\0./10\0./9\0');
    const names = parseNames(out);
    expect({ stamp: names.stamp, dirs: names.dirs.all(), others: names.others.all() }).toEqual({
      stamp: '',
      dirs: ['Alpha', 'zeta'],
      others: ['9', '10', 'a\nline', 'b file'],
    });
  });

  it('matches stat lines to names and drops a vanished one', () => {
    const out = Buffer.from('81a4 1 0 0 5\n-\na1ff 3 0 0 5\n\0./l\0../x\0');
    const entries = parseStatPage(out, '/d', ['f', 'gone', 'l']);
    expect(entries.map((e) => [e.path, e.type, e.linkTarget])).toEqual([
      ['/d/f', 'file', undefined],
      ['/d/l', 'symlink', '../x'],
    ]);
  });
});
