// Saving a download into a file on this machine: only a whole download ever
// appears under the file's name.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { saveStream } from './streams';

/** Two pieces, then (when `fail`) an error in place of the end. */
function source(fail: boolean): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from('first piece, ');
      await new Promise((r) => setTimeout(r, 10));
      yield Buffer.from('second piece');
      if (fail) throw new Error('the engine went away');
    })(),
  );
}

describe('saveStream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-save-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a whole download lands under its name, readable by this user only, with nothing else left', async () => {
    const file = join(dir, 'whole.bin');
    await saveStream(source(false), Promise.resolve(), file);
    expect(readFileSync(file, 'utf8')).toBe('first piece, second piece');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['whole.bin']);
    rmSync(file);
  });

  it('a source that fails halfway leaves no file, partial or temporary', async () => {
    await expect(saveStream(source(true), Promise.resolve(), join(dir, 'cut.bin'))).rejects.toThrow(/went away/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a download whose command failed after its last byte leaves no file either', async () => {
    const failed = Promise.reject(new Error('tar: exit 2'));
    failed.catch(() => {});
    await expect(saveStream(source(false), failed, join(dir, 'late.bin'))).rejects.toThrow(/exit 2/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file already under the name stays as it was when the download fails', async () => {
    const file = join(dir, 'kept.txt');
    writeFileSync(file, 'what was there');
    await expect(saveStream(source(true), Promise.resolve(), file)).rejects.toThrow(/went away/);
    expect(readFileSync(file, 'utf8')).toBe('what was there');
    expect(readdirSync(dir)).toEqual(['kept.txt']);
    rmSync(file);
  });
});
