import { describe, expect, it } from 'vitest';
import { parseNames, sortNames } from './listing';

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
