import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScript, findImageDir, imageCandidates, parseVmArch, readImage, scriptHash } from './image';

describe('one image per guest CPU', () => {
  const root = mkdtempSync(join(tmpdir(), 'wharf-image-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const scripts = join(root, 'vm');
  mkdirSync(join(scripts, 'guest'), { recursive: true });
  writeFileSync(join(scripts, 'build-image.sh'), 'amd64\n');
  writeFileSync(join(scripts, 'guest', 'wharf-init'), 'init\n');

  it('amd64’s cache key ignores arm64/, arm64’s covers the whole folder and never equals amd64’s', () => {
    const amd64 = scriptHash(scripts);
    mkdirSync(join(scripts, 'arm64'), { recursive: true });
    writeFileSync(join(scripts, 'arm64', 'build-image.sh'), 'arm64\n');
    expect(scriptHash(scripts, 'x64')).toBe(amd64);
    const arm64 = scriptHash(scripts, 'arm64');
    expect(arm64).toMatch(/^arm64-[0-9a-f]{16}$/);
    writeFileSync(join(scripts, 'arm64', 'build-image.sh'), 'arm64, changed\n');
    expect(scriptHash(scripts, 'arm64')).not.toBe(arm64);
    expect(scriptHash(scripts, 'x64')).toBe(amd64);
    writeFileSync(join(scripts, 'guest', 'wharf-init'), 'init, changed\n');
    expect(scriptHash(scripts, 'x64')).not.toBe(amd64);
    expect(buildScript(scripts, 'arm64')).toBe(join(scripts, 'arm64', 'build-image.sh'));
    expect(buildScript(scripts, 'x64')).toBe(join(scripts, 'build-image.sh'));
  });

  it('reads the image’s CPU from version.json; images from before arm64 are amd64', () => {
    const image = join(root, 'img');
    mkdirSync(image, { recursive: true });
    for (const f of ['vmlinuz', 'initrd.img', 'root.qcow2']) writeFileSync(join(image, f), '');
    writeFileSync(join(image, 'version.json'), JSON.stringify({ version: '1', kernel: '6.1.0-50-amd64' }));
    expect(readImage(image)?.arch).toBe('x64');
    writeFileSync(
      join(image, 'version.json'),
      JSON.stringify({ version: '1', kernel: '6.1.0-50-arm64', arch: 'arm64' }),
    );
    expect(readImage(image)?.arch).toBe('arm64');
    writeFileSync(join(image, 'version.json'), JSON.stringify({ version: '1', kernel: '6.1', arch: 'riscv64' }));
    expect(readImage(image)).toBeUndefined();
  });

  it('takes a CPU by Node’s, Debian’s or the kernel’s name', () => {
    expect(['x64', 'amd64', 'x86_64', 'AMD64'].map(parseVmArch)).toEqual(['x64', 'x64', 'x64', 'x64']);
    expect(['arm64', 'aarch64'].map(parseVmArch)).toEqual(['arm64', 'arm64']);
    expect(parseVmArch('riscv64')).toBeUndefined();
  });
});

describe('where the guest image is looked for', () => {
  const dataDir = join('/home/me', '.config', 'Wharf');
  const bundled = '/opt/Wharf/resources/vm-image';

  it('$WHARF_VM_IMAGE first and alone, then the app’s own, then the data folder', () => {
    expect(imageCandidates({ env: '/build/img', bundled, dataDir })).toEqual(['/build/img']);
    expect(imageCandidates({ bundled, dataDir })).toEqual([bundled, join(dataDir, 'vm-image')]);
    expect(imageCandidates({ env: '', dataDir })).toEqual([join(dataDir, 'vm-image')]);
  });

  it('takes the first folder that holds an image, and names the data folder when none does', () => {
    const has = (dirs: string[]) => (dir: string) => (dirs.includes(dir) ? {} : undefined);
    expect(findImageDir({ bundled, dataDir }, has([bundled, join(dataDir, 'vm-image')]))).toBe(bundled);
    expect(findImageDir({ bundled, dataDir }, has([join(dataDir, 'vm-image')]))).toBe(join(dataDir, 'vm-image'));
    expect(findImageDir({ bundled, dataDir }, has([]))).toBe(join(dataDir, 'vm-image'));
    expect(findImageDir({ env: '/missing', bundled, dataDir }, has([bundled]))).toBe('/missing');
  });
});
