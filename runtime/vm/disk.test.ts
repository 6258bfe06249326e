import { describe, expect, it } from 'vitest';
import { backingFileOf, qemuImgCommands, rebaseIfMoved } from './disk';
import { qemuPaths } from './qemu-paths';

const info = (backing?: string) =>
  JSON.stringify({
    'virtual-size': 64424509440,
    filename: '/data/vm/qemu/disk.qcow2',
    format: 'qcow2',
    ...(backing
      ? { 'backing-filename': backing, 'full-backing-filename': backing, 'backing-filename-format': 'qcow2' }
      : {}),
  });

describe('the VM disk follows the image folder', () => {
  it('reads the backing file from qemu-img info', () => {
    expect(backingFileOf(info('/opt/Wharf/resources/vm-image/root.qcow2'))).toBe(
      '/opt/Wharf/resources/vm-image/root.qcow2',
    );
    expect(backingFileOf(info())).toBeUndefined();
    expect(backingFileOf('qemu-img: Could not open')).toBeUndefined();
    expect(qemuImgCommands.info('/d/disk.qcow2')).toEqual(['info', '-U', '--output=json', '/d/disk.qcow2']);
  });

  it('rebases (header only) when the image moved, and not when it is where the disk says', () => {
    const disk = '/data/vm/qemu/disk.qcow2';
    expect(
      rebaseIfMoved(
        disk,
        '/tmp/.mount_WharfAb/resources/vm-image/root.qcow2',
        '/tmp/.mount_WharfCd/resources/vm-image/root.qcow2',
        'linux',
      ),
    ).toEqual(['rebase', '-u', '-b', '/tmp/.mount_WharfCd/resources/vm-image/root.qcow2', '-F', 'qcow2', disk]);
    expect(
      rebaseIfMoved(
        disk,
        '/opt/Wharf/resources/vm-image/root.qcow2',
        '/opt/Wharf/resources/vm-image/root.qcow2',
        'linux',
      ),
    ).toBeUndefined();
    expect(
      rebaseIfMoved(
        disk,
        '/opt/Wharf/resources/vm-image/./root.qcow2',
        '/opt/Wharf/resources/vm-image/root.qcow2',
        'linux',
      ),
    ).toBeUndefined();
    expect(rebaseIfMoved(disk, undefined, '/opt/Wharf/resources/vm-image/root.qcow2', 'linux')).toBeUndefined();
  });

  it('compares Windows paths without regard to case', () => {
    expect(
      rebaseIfMoved(
        'C:\\d\\disk.qcow2',
        'C:\\Program Files\\Wharf\\resources\\vm-image\\root.qcow2',
        'c:\\program files\\wharf\\resources\\vm-image\\root.qcow2',
        'win32',
      ),
    ).toBeUndefined();
    expect(
      rebaseIfMoved('C:\\d\\disk.qcow2', 'C:\\Old\\vm-image\\root.qcow2', 'C:\\New\\vm-image\\root.qcow2', 'win32'),
    ).toEqual(['rebase', '-u', '-b', 'C:\\New\\vm-image\\root.qcow2', '-F', 'qcow2', 'C:\\d\\disk.qcow2']);
  });
});

describe('the QEMU driver’s endpoint on Windows', () => {
  it('is a named pipe per VM folder, never a TCP port', () => {
    const a = qemuPaths('C:\\Users\\me\\AppData\\Roaming\\Wharf\\vm\\qemu').pipe;
    const b = qemuPaths('D:\\other\\vm\\qemu').pipe;
    expect(a).toMatch(/^\\\\\.\\pipe\\wharf-engine-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
  });
});
