import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatWslMemory,
  parseWslSize,
  readWslResources,
  setWslResources,
  wslConfigPath,
  wslConfigStatus,
  writeWslResources,
} from './wslconfig';

const wanted = { cpus: 4, memoryMiB: 6144 };

describe('.wslconfig editing', () => {
  it('rewrites processors and memory in [wsl2] in place, keeping comments, spacing, other keys and sections', () => {
    const text = [
      '# my WSL settings',
      '[wsl2]',
      '; leave swap alone',
      'memory = 8GB   # was tuned for builds',
      'swap=0',
      'processors=2',
      'kernelCommandLine = vsyscall=emulate',
      '',
      '[experimental]',
      'autoMemoryReclaim=gradual',
      'processors=99',
      '',
    ].join('\n');
    expect(setWslResources(text, wanted)).toBe(
      [
        '# my WSL settings',
        '[wsl2]',
        '; leave swap alone',
        'memory = 6GB   # was tuned for builds',
        'swap=0',
        'processors=4',
        'kernelCommandLine = vsyscall=emulate',
        '',
        '[experimental]',
        'autoMemoryReclaim=gradual',
        'processors=99',
        '',
      ].join('\n'),
    );
  });

  it('adds the missing keys after the last setting of [wsl2], not after the next section', () => {
    const text = '[wsl2]\nswap=0\n# trailing note\n\n[experimental]\nsparseVhd=true\n';
    expect(setWslResources(text, wanted)).toBe(
      '[wsl2]\nswap=0\nprocessors=4\nmemory=6GB\n# trailing note\n\n[experimental]\nsparseVhd=true\n',
    );
  });

  it('adds a [wsl2] section at the end of a file without one, and makes a file that is missing', () => {
    expect(setWslResources('[boot]\nsystemd=true', wanted)).toBe(
      '[boot]\nsystemd=true\n\n[wsl2]\nprocessors=4\nmemory=6GB\n',
    );
    expect(setWslResources('', { cpus: 2, memoryMiB: 2048 })).toBe('[wsl2]\nprocessors=2\nmemory=2GB\n');
  });

  it('keeps Windows line endings and a byte-order mark, and matches section and key names in any case', () => {
    const text = '\uFEFF[WSL2]\r\nMemory=4GB\r\nlocalhostForwarding=true\r\n';
    expect(setWslResources(text, wanted)).toBe(
      '\uFEFF[WSL2]\r\nMemory=6GB\r\nlocalhostForwarding=true\r\nprocessors=4\r\n',
    );
  });

  it('changes nothing when the file already says so', () => {
    const text = '[wsl2]\nprocessors=4\nmemory=6GB\n';
    expect(setWslResources(text, wanted)).toBe(text);
  });

  it('reads what [wsl2] says, in MiB, ignoring other sections', () => {
    expect(readWslResources('[other]\nprocessors=8\n[wsl2]\nprocessors = 3\nmemory=1.5GB # note\n')).toEqual({
      processors: 3,
      memoryMiB: 1536,
      memoryText: '1.5GB',
    });
    expect(readWslResources('')).toEqual({});
    expect(parseWslSize('512MB')).toBe(512);
    expect(parseWslSize('2g')).toBe(2048);
    expect(parseWslSize('lots')).toBeUndefined();
    expect(formatWslMemory(2048)).toBe('2GB');
    expect(formatWslMemory(1536)).toBe('1536MB');
  });

  it('lives in %UserProfile%', () => {
    expect(wslConfigPath({ USERPROFILE: '/users/me' })).toBe(join('/users/me', '.wslconfig'));
  });
});

describe('.wslconfig on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-wslconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says how the file stands and which lines writing it changes; writing changes only those', () => {
    const file = join(dir, '.wslconfig');
    writeFileSync(file, '# mine\n[wsl2]\nmemory=8GB\nswap=0\n');
    const before = wslConfigStatus(file, wanted);
    expect(before).toMatchObject({
      path: file,
      exists: true,
      current: { memory: '8GB' },
      wanted: { processors: 4, memory: '6GB' },
      matches: false,
      removed: ['memory=8GB'],
      added: ['memory=6GB', 'processors=4'],
      restartNeeded: false,
    });
    writeWslResources(file, wanted);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n[wsl2]\nmemory=6GB\nswap=0\nprocessors=4\n');
    expect(existsSync(`${file}.wharf-tmp`)).toBe(false);
    expect(wslConfigStatus(file, wanted, true)).toMatchObject({
      matches: true,
      removed: [],
      added: [],
      restartNeeded: true,
    });
  });

  it('a missing file is made with only the [wsl2] section', () => {
    const file = join(dir, '.wslconfig');
    expect(wslConfigStatus(file, wanted)).toMatchObject({ exists: false, current: {}, matches: false });
    writeWslResources(file, wanted);
    expect(readFileSync(file, 'utf8')).toBe('[wsl2]\nprocessors=4\nmemory=6GB\n');
  });
});
