// The zip made from a container's tar: names that would reach outside the
// folder an unzip extracts into are left out, and a metadata record of
// gigabytes is refused before it is held.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarArchive } from './tar';
import { hostile, rawHeader } from './test-tar';
import { tarToZip, zipName } from './zip';

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

async function zipOf(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of tarToZip(source)) out.push(piece);
  return Buffer.concat(out);
}

describe('tarToZip', () => {
  it('normalises "./" and empty segments, and drops absolute names and ".." segments', () => {
    expect(zipName('./site/a.txt')).toBe('site/a.txt');
    expect(zipName('site/./sub//b/')).toBe('site/sub/b');
    expect(zipName('.')).toBeUndefined();
    expect(zipName('./')).toBeUndefined();
    for (const bad of [
      '/etc/passwd',
      '//x',
      '../x',
      'site/../../x',
      'site/..',
      '..\\x',
      'site\\..\\..\\x',
      '\\x',
      'C:\\x',
      'c:/x',
    ]) {
      expect(zipName(bad), bad).toBeUndefined();
    }
    // Not a way out: names that merely hold dots or a colon.
    expect(zipName('site/..hidden')).toBe('site/..hidden');
    expect(zipName('site/a..b')).toBe('site/a..b');
    expect(zipName('site/c:x')).toBe('site/c:x');
  });

  it('leaves out entries that would land outside the extraction folder, and unzip writes only inside it', async () => {
    const tar = tarArchive([
      { path: './site/', type: 'dir' },
      { path: './site/a.txt', type: 'file', data: Buffer.from('a') },
      { path: 'site/./sub//b.txt', type: 'file', data: Buffer.from('b') },
      { path: '/abs.txt', type: 'file', data: Buffer.from('abs') },
      { path: '../up.txt', type: 'file', data: Buffer.from('up') },
      { path: 'site/../../up2.txt', type: 'file', data: Buffer.from('up2') },
      { path: 'site\\..\\..\\win.txt', type: 'file', data: Buffer.from('win') },
      // A link out, then a file "inside" it: an unzip would write through the link.
      { path: 'site/out', type: 'symlink', linkTarget: '../../outside' },
      { path: 'site/out/through.txt', type: 'file', data: Buffer.from('through') },
    ]);
    const zip = await zipOf(once(tar));
    const dir = mkdtempSync(join(tmpdir(), 'wharf-zip-'));
    try {
      writeFileSync(join(dir, 'x.zip'), zip);
      expect(
        execFileSync('unzip', ['-Z1', join(dir, 'x.zip')])
          .toString()
          .trim()
          .split('\n'),
      ).toEqual(['site/', 'site/a.txt', 'site/sub/b.txt', 'site/out']);
      mkdirSync(join(dir, 'a/b/c'), { recursive: true });
      execFileSync('unzip', ['-q', join(dir, 'x.zip')], { cwd: join(dir, 'a/b/c') });
      expect(readFileSync(join(dir, 'a/b/c/site/sub/b.txt'), 'utf8')).toBe('b');
      expect(readdirSync(join(dir, 'a/b/c')).sort()).toEqual(['site']);
      expect(readdirSync(join(dir, 'a/b')).sort()).toEqual(['c']);
      expect(readdirSync(join(dir, 'a')).sort()).toEqual(['b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a pax header announcing gigabytes before holding it', async () => {
    const { source, pulled } = hostile(rawHeader('x', 8 * 1024 * 1024 * 1024 - 1), 16 * 1024 * 1024);
    await expect(zipOf(source)).rejects.toMatchObject({
      code: 'engine',
      message: expect.stringMatching(/at most 1 MiB/),
    });
    expect(pulled()).toBeLessThan(2 * 1024 * 1024);
  });
});
