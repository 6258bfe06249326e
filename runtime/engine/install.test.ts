import { describe, expect, it } from 'vitest';
import { installCommand, installEngine, installSupport, type EnginePackage } from './install';

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
    expect(installSupport({ platform: 'darwin' })).toEqual({ platform: 'darwin', suggestedPackages: [], canInstall: false });
  });
});

describe('installEngine', () => {
  it('asks for elevation with pkexec unless already root', () => {
    expect(installCommand('podman', false)).toEqual(['pkexec', 'sh', '-c', 'apt-get update && apt-get install -y podman']);
    expect(installCommand('docker.io', true)).toEqual(['sh', '-c', 'apt-get update && apt-get install -y docker.io']);
  });

  it('refuses any other package name', () => {
    expect(() => installCommand('curl' as EnginePackage, true)).toThrow(/not an engine package/);
  });

  it('reports the command, its output and whether it worked', async () => {
    const ran: string[][] = [];
    const result = await installEngine('podman', {
      isRoot: false,
      run: async (argv) => {
        ran.push(argv);
        return { code: 100, output: 'E: Unable to locate package podman' };
      },
    });
    expect(ran).toEqual([['pkexec', 'sh', '-c', 'apt-get update && apt-get install -y podman']]);
    expect(result).toEqual({ ok: false, command: "pkexec sh -c 'apt-get update && apt-get install -y podman'", output: 'E: Unable to locate package podman' });
  });
});
