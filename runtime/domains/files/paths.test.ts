import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { joinPath, parentOf, safeName, safePath, safeRelative, under } from './paths';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('forbidden');
    return (error as ApiError).message;
  }
  throw new Error('not refused');
};

describe('safe paths', () => {
  it('normalizes slashes', () => {
    expect(safePath('/')).toBe('/');
    expect(safePath('//a///b/')).toBe('/a/b');
  });

  it('refuses .., ., relative paths and NUL bytes, saying why', () => {
    expect(refused(() => safePath('/a/../b'))).toMatch(/\.\./);
    expect(refused(() => safePath('/..'))).toMatch(/\.\./);
    expect(refused(() => safePath('/a/./b'))).toMatch(/"\."/);
    expect(refused(() => safePath('etc/passwd'))).toMatch(/not an absolute path/);
    expect(refused(() => safePath('/a\0b'))).toMatch(/NUL/);
    expect(refused(() => safePath(`/${'x'.repeat(256)}`))).toMatch(/longer/);
  });

  it('names: no slash, no dot names, no NUL', () => {
    expect(safeName('notes.txt')).toBe('notes.txt');
    for (const bad of ['', '.', '..', 'a/b', '../x', 'a\0']) refused(() => safeName(bad));
  });

  it('upload entries stay relative and inside', () => {
    expect(safeRelative('dir/sub/f')).toBe('dir/sub/f');
    refused(() => safeRelative('../f'));
    refused(() => safeRelative('a/../../f'));
  });

  it('joins, takes parents and roots', () => {
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(parentOf('/a/b')).toBe('/a');
    expect(parentOf('/a')).toBe('/');
    expect(under('/v', '/')).toBe('/v');
    expect(under('/v', '/a')).toBe('/v/a');
    expect(under('/', '/a')).toBe('/a');
  });
});
