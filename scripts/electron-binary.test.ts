import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.mjs';

// A stand-in for the electron package: requiring it (what Electron 42+ does to
// download its binary) leaves a mark, so a lookup that runs it is caught.
async function fakeElectronPackage(dir: string): Promise<string> {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  await writeFile(join(dir, 'index.js'), `require('fs').writeFileSync(${JSON.stringify(join(dir, 'ran'))}, '1');`);
  return dir;
}

describe('findElectronBinary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fakeElectronPackage(await mkdtemp(join(tmpdir(), 'wharf-electron-')));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says the binary is not downloaded, without running the package (which would download it)', () => {
    const binary = findElectronBinary(dir);
    expect(binary.found).toBe(false);
    expect(!binary.found && binary.reason).toContain(join(dir, 'path.txt'));
    expect(!binary.found && binary.reason).toContain('npx install-electron --no');
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('finds the binary path.txt names under dist/, and says when that file is missing', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    const missing = findElectronBinary(dir);
    expect(!missing.found && missing.reason).toBe(`${join(dir, 'dist', 'electron')} does not exist`);
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir)).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('looks in the real electron package without downloading anything', () => {
    const binary = findElectronBinary();
    if (!binary.found) expect(binary.reason).toMatch(/not downloaded|does not exist/);
  });
});
