import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, findRendererDir, helperDirCandidates } from './paths';

describe('defaultDataDir', () => {
  it('prefers WHARF_DATA_DIR', () => {
    expect(defaultDataDir({ WHARF_DATA_DIR: '/data/w' }, 'linux', '/home/u')).toBe('/data/w');
  });

  it('uses the OS folder for application data', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/wharf');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/wharf');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Wharf');
    expect(defaultDataDir({ APPDATA: '/appdata' }, 'win32', '/u')).toBe(join('/appdata', 'Wharf'));
  });
});

describe('findRendererDir', () => {
  it('finds the built renderer beside the bundle or under dist', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wharf-paths-'));
    await mkdir(join(root, 'dist', 'renderer'), { recursive: true });
    await writeFile(join(root, 'dist', 'renderer', 'index.html'), '');
    expect(findRendererDir(join(root, 'dist', 'runtime'))).toBe(join(root, 'dist', 'renderer'));
    expect(findRendererDir(join(root, 'runtime'))).toBe(join(root, 'dist', 'renderer'));
    await rm(root, { recursive: true, force: true });
  });
});

describe('helperDirCandidates', () => {
  it("looks in the packaged app's resources, beside the running bundle, then the checkout's dist/", () => {
    expect(
      helperDirCandidates({ resourcesPath: '/app/resources', script: '/app/dist/runtime/cli.js', cwd: '/src' }),
    ).toEqual([join('/app/resources', 'helper'), join('/app/dist', 'helper'), join('/src', 'dist', 'helper')]);
    expect(helperDirCandidates({ script: '/src/dist/runtime/cli.js', cwd: '/src' })).toEqual([
      join('/src/dist', 'helper'),
    ]);
  });
});
