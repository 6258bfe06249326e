import { describe, expect, it } from 'vitest';
import { parseNames, sortKey, sortNames } from './listing';

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
    expect(parseNames(out)).toEqual({
      stamp: '2026-12-01 16:29:42.1 +0000 2026-12-01 16:29:42.1 +0000',
      dirs: ['dir'],
      others: ['a', 'b'],
    });
  });
});
