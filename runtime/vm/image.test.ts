import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImageDir, imageCandidates } from './image';

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
