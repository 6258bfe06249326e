import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installCommand, installEngine, installSupport, locateProgram, type EnginePackage } from './install';

/** Where the programs are on a Debian machine. */
const debianPaths: Record<string, string> = { pkexec: '/usr/bin/pkexec', 'apt-get': '/usr/bin/apt-get', sh: '/bin/sh' };
const locate = (program: string): string | undefined => debianPaths[program];

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

describe('installSupport', () => {
  it('Debian with apt-get and pkexec can install docker.io or podman', () => {
    expect(installSupport({ platform: 'linux', osRelease: debian, isRoot: false, has: () => true })).toEqual({
      platform: 'linux',
      suggestedPackages: ['docker.io', 'podman'],
      canInstall: true,
    });
  });

  it('without pkexec only root can install', () => {
    const has = (p: string): boolean => p === 'apt-get';
    expect(installSupport({ platform: 'linux', osRelease: ubuntu, isRoot: false, has }).canInstall).toBe(false);
    expect(installSupport({ platform: 'linux', osRelease: ubuntu, isRoot: true, has }).canInstall).toBe(true);
  });

  it('other systems get their own package names and no install button', () => {
    expect(installSupport({ platform: 'linux', osRelease: fedora, isRoot: true, has: () => true })).toEqual({
      platform: 'linux',
      suggestedPackages: ['podman', 'moby-engine'],
      canInstall: false,
    });
    expect(installSupport({ platform: 'darwin' })).toEqual({
      platform: 'darwin',
      suggestedPackages: [],
      canInstall: false,
    });
  });
});

describe('installEngine', () => {
  it('asks for elevation with pkexec unless already root, every program by its absolute path', () => {
    expect(installCommand('podman', false, locate)).toEqual([
      '/usr/bin/pkexec',
      '/bin/sh',
      '-c',
      '/usr/bin/apt-get update && /usr/bin/apt-get install -y podman',
    ]);
    expect(installCommand('docker.io', true, locate)).toEqual([
      '/bin/sh',
      '-c',
      '/usr/bin/apt-get update && /usr/bin/apt-get install -y docker.io',
    ]);
  });

  it('refuses to build a command when a program is missing from the system folders', () => {
    expect(() => installCommand('podman', false, (p) => (p === 'pkexec' ? undefined : debianPaths[p]))).toThrow(
      /pkexec was not found in \/usr\/bin/,
    );
    expect(() => installCommand('podman', false, (p) => (p === 'pkexec' ? 'pkexec' : debianPaths[p]))).toThrow(
      /pkexec was not found/,
    );
  });

  it('refuses any other package name', () => {
    expect(() => installCommand('curl' as EnginePackage, true)).toThrow(/not an engine package/);
  });

  it('reports the command, its output and whether it worked', async () => {
    const ran: string[][] = [];
    const result = await installEngine('podman', {
      isRoot: false,
      locate,
      run: async (argv) => {
        ran.push(argv);
        return { code: 100, output: 'E: Unable to locate package podman' };
      },
    });
    expect(ran).toEqual([
      ['/usr/bin/pkexec', '/bin/sh', '-c', '/usr/bin/apt-get update && /usr/bin/apt-get install -y podman'],
    ]);
    expect(result).toEqual({
      ok: false,
      command: "/usr/bin/pkexec /bin/sh -c '/usr/bin/apt-get update && /usr/bin/apt-get install -y podman'",
      output: 'E: Unable to locate package podman',
    });
  });
});

describe('locateProgram', () => {
  let dir: string | undefined;
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds programs in the system folders only, whatever PATH says', () => {
    // A folder the user owns, first in PATH, holding programs named like the real ones.
    dir = mkdtempSync(join(tmpdir(), 'wharf-path-'));
    for (const name of ['pkexec', 'apt-get', 'sh']) {
      writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, name), 0o755);
    }
    process.env.PATH = `${dir}:${path ?? ''}`;
    expect(locateProgram('sh')).toMatch(/^\/(usr\/)?bin\/sh$/);
    expect(locateProgram('pkexec')?.startsWith(dir)).not.toBe(true);
    expect(locateProgram('apt-get', [dir])).toBe(join(dir, 'apt-get'));
    expect(locateProgram('../sh')).toBeUndefined();
    const argv = installCommand('podman', true);
    expect(argv.every((a, i) => i > 0 || a.startsWith('/'))).toBe(true);
    expect(argv.join(' ')).not.toContain(dir);
    expect(argv[0]).toMatch(/^\/(usr\/)?bin\/sh$/);
    expect(argv[2]).toMatch(/^\/usr\/bin\/apt-get update && \/usr\/bin\/apt-get install -y podman$/);
  });
});
