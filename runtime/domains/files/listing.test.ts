import { describe, expect, it } from 'vitest';
import { pageOf, parseNames } from './listing';
import { orderedNames, sortKey, sortNames } from './order';

describe('sortNames', () => {
  it('folds case and orders digit runs by value', () => {
    expect(sortNames(['file10', 'File2', 'file1', 'a', 'B', 'file02b', '.hidden', 'z9', 'z10'])).toEqual([
      '.hidden',
      'a',
      'B',
      'file1',
      'File2',
      'file02b',
      'file10',
      'z9',
      'z10',
    ]);
  });
});

describe('sortNames, names with the same key', () => {
  it('orders them by the name itself', () => {
    expect(sortNames(['file2', 'file02', 'File2', 'file1'])).toEqual(['file1', 'File2', 'file02', 'file2']);
  });
});

describe('sortKey', () => {
  // The key as first written: a regular expression with a replacer (slow on 50,000 names, plainly right).
  const plain = (name: string) =>
    name.toLowerCase().replace(/\d+/g, (d) => {
      const digits = d.replace(/^0+(?=\d)/, '');
      return `${String.fromCharCode(0x30 + Math.min(digits.length, 40))}${digits}`;
    });

  it('is the key of the plain definition, for names with digits anywhere, zeros, case and other scripts', () => {
    const names = [
      '',
      '0',
      '000',
      '007',
      'a0b',
      'x00012y3',
      'File10',
      'abc',
      '12ab003',
      'Ä10ü',
      '파일02',
      'v1.0.10',
      '9'.repeat(45),
      'a00',
      '0a0',
    ];
    for (const name of names) expect(sortKey(name), name).toBe(plain(name));
  });
});

describe('parseNames', () => {
  it('reads the stamp, then folders (named twice) and the other names, each sorted', () => {
    const out = Buffer.from('2026-12-01 16:29:42.1 +0000 2026-12-01 16:29:42.1 +0000\0./b\0./dir\0./dir\0./a\0');
    const names = parseNames(out);
    expect({ stamp: names.stamp, dirs: names.dirs.all(), others: names.others.all() }).toEqual({
      stamp: '2026-12-01 16:29:42.1 +0000 2026-12-01 16:29:42.1 +0000',
      dirs: ['dir'],
      others: ['a', 'b'],
    });
  });
});

describe('orderedNames.first', () => {
  // Names in a shuffled order (a fixed one), as a folder's hash order gives them.
  const shuffled = (n: number) => {
    const names = Array.from({ length: n }, (_, i) =>
      i % 3 === 0 ? `File${i}` : i % 3 === 1 ? `file${i}b` : `.h${i}`,
    );
    let seed = 7;
    for (let i = names.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [names[i], names[j]] = [names[j] as string, names[i] as string];
    }
    return names;
  };

  it('picks the first names of the whole order, among those kept, without sorting them all', () => {
    const names = shuffled(5000);
    const visible = (n: string) => !n.startsWith('.');
    const all = sortNames(names).filter(visible);
    const picked = orderedNames(names);
    expect(picked.first(200, visible)).toEqual(all.slice(0, 200));
    expect(picked.first(1, () => true)).toEqual(sortNames(names).slice(0, 1));
    expect(picked.count(visible)).toBe(all.length);
    // Then the whole order, and first() from it.
    expect(picked.all()).toEqual(sortNames(names));
    expect(picked.first(200, visible)).toEqual(all.slice(0, 200));
  });
});

describe('pageOf', () => {
  const listedOf = (dirs: string[], others: string[]) => ({
    stamp: '',
    dirs: orderedNames(dirs),
    others: orderedNames(others),
  });
  const dirs = Array.from({ length: 300 }, (_, i) => `d${299 - i}`);
  const others = Array.from({ length: 3000 }, (_, i) => `f${2999 - i}`);
  const shown = [...sortNames(dirs), ...sortNames(others)];

  it('is the slice of folders then files, for a page among the folders, across them, and among the files', () => {
    for (const [offset, limit] of [
      [0, 200],
      [200, 200],
      [250, 100],
      [300, 200],
      [3200, 200],
      [3290, 200],
    ] as const) {
      const page = pageOf(listedOf(dirs, others), () => true, offset, limit);
      expect(page.names, `${offset}+${limit}`).toEqual(shown.slice(offset, offset + limit));
      expect(page.total).toBe(3300);
    }
  });

  it('leaves out what is not visible, in the page and the total', () => {
    const page = pageOf(listedOf(['.git', 'src'], ['.env', 'a', 'b']), (n) => !n.startsWith('.'), 0, 2);
    expect(page).toEqual({ names: ['src', 'a'], total: 3 });
  });
});
