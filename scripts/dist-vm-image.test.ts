import { describe, expect, it } from 'vitest';
import { planVmImage, type VmImageHost } from './dist-vm-image';

const linuxRoot: VmImageHost = {
  env: undefined,
  platform: 'linux',
  arch: 'x64',
  isRoot: true,
  hasDebootstrap: true,
  isImage: () => false,
};

describe('npm run dist: where the shipped guest image comes from', () => {
  it('builds it on x86-64 Linux with debootstrap, as root', () => {
    expect(planVmImage(linuxRoot)).toEqual({ kind: 'build', arch: 'x64' });
  });

  it('builds the image for the CPU the app is for: arm64 (Apple silicon) on x86-64 or arm64 Linux, with qemu-system-aarch64', () => {
    expect(planVmImage({ ...linuxRoot, target: 'arm64', hasQemuAarch64: true })).toEqual({
      kind: 'build',
      arch: 'arm64',
    });
    expect(planVmImage({ ...linuxRoot, arch: 'arm64', hasQemuAarch64: true })).toEqual({
      kind: 'build',
      arch: 'arm64',
    });
    const noQemu = planVmImage({ ...linuxRoot, target: 'arm64', hasQemuAarch64: false });
    expect(noQemu.kind === 'error' && noQemu.message).toContain(
      'qemu-system-aarch64 is missing (apt-get install qemu-system-arm)',
    );
    const amd64OnArm = planVmImage({ ...linuxRoot, arch: 'arm64', target: 'x64' });
    expect(amd64OnArm.kind === 'error' && amd64OnArm.message).toContain('cannot build the amd64 guest image');
  });

  it('refuses a prebuilt image for another CPU than the app’s', () => {
    const host = { ...linuxRoot, env: '/img', target: 'arm64' as const, isImage: () => true };
    const plan = planVmImage({ ...host, imageArch: () => 'x64' });
    expect(plan.kind === 'error' && plan.message).toContain(
      'WHARF_VM_IMAGE=/img is an amd64 image; this app is for arm64',
    );
    expect(planVmImage({ ...host, imageArch: () => 'arm64' })).toEqual({ kind: 'copy', from: '/img' });
  });

  it('copies a prebuilt folder named by WHARF_VM_IMAGE, on any computer', () => {
    const host = {
      ...linuxRoot,
      platform: 'darwin' as const,
      arch: 'arm64',
      env: '/img',
      isImage: (d: string) => d === '/img',
    };
    expect(planVmImage(host)).toEqual({ kind: 'copy', from: '/img' });
  });

  it('says clearly what to do where it cannot build, and when the named folder is not an image', () => {
    for (const host of [
      { ...linuxRoot, platform: 'darwin' as const, arch: 'arm64' },
      { ...linuxRoot, platform: 'win32' as const },
      { ...linuxRoot, hasDebootstrap: false },
      { ...linuxRoot, isRoot: false },
      { ...linuxRoot, env: '/empty' },
    ]) {
      const plan = planVmImage(host);
      expect(plan.kind).toBe('error');
      expect(plan.kind === 'error' && plan.message).toContain('WHARF_VM_IMAGE=/path/to/vm-image npm run dist');
    }
    const mac = planVmImage({ ...linuxRoot, platform: 'darwin', arch: 'arm64' });
    expect(mac.kind === 'error' && mac.message).toContain('cannot build the arm64 guest image');
  });
});

describe('the packaged app carries the image', () => {
  it('electron-builder copies dist/vm-image to <resources>/vm-image (where electron/main.ts looks), and not into the app archive', async () => {
    const { readFileSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const { DIST_VM_IMAGE } = await import('./dist-vm-image');
    const root = join(import.meta.dirname, '..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      build: { files: string[]; extraResources: Array<{ from: string; to: string; filter: string[] }> };
    };
    const from = relative(root, DIST_VM_IMAGE).split('\\').join('/');
    expect(pkg.build.extraResources).toContainEqual(expect.objectContaining({ from, to: 'vm-image' }));
    const entry = pkg.build.extraResources.find((r) => r.from === from);
    expect(entry?.filter).toEqual(expect.arrayContaining(['vmlinuz', 'initrd.img', 'root.qcow2', 'version.json']));
    expect(pkg.build.files).toContain(`!${from}/**`);
    expect(pkg.scripts.dist).toMatch(/scripts\/dist-vm-image\.ts && .*electron-builder$/);
    expect(readFileSync(join(root, 'electron', 'main.ts'), 'utf8')).toContain(
      "join(process.resourcesPath, 'vm-image')",
    );
  });
});
