import { describe, expect, it } from 'vitest';
import { attachedFiles, helperMounts, mountedCommand } from './mounted';

describe('a stopped container mounted for a helper', () => {
  it('mounts the root filesystem at /c, then the container mounts under it, shallower first', () => {
    expect(
      helperMounts('/var/lib/containers/storage/overlay/abc/merged', [
        { Type: 'volume', Name: 'logs', Destination: '/srv/data/logs', RW: true },
        { Type: 'bind', Source: '/home/me/site', Destination: '/srv/data/', RW: false },
        { Type: 'tmpfs', Destination: '/run' },
        { Type: 'volume', Name: 'db', Destination: '/var/lib/db' },
      ]),
    ).toEqual([
      { bind: '/var/lib/containers/storage/overlay/abc/merged', target: '/c' },
      { bind: '/home/me/site', target: '/c/srv/data', readOnly: true },
      { volume: 'logs', target: '/c/srv/data/logs', readOnly: false },
      { volume: 'db', target: '/c/var/lib/db', readOnly: false },
    ]);
  });

  it("adds Podman's attached /etc files read-only, when the container has them", () => {
    expect(
      attachedFiles({ Id: 'x', HostsPath: '/run/x/hosts', ResolvConfPath: '', HostnamePath: '/run/x/hostname' }),
    ).toEqual([
      { Type: 'bind', Source: '/run/x/hosts', Destination: '/etc/hosts', RW: false },
      { Type: 'bind', Source: '/run/x/hostname', Destination: '/etc/hostname', RW: false },
    ]);
    expect(attachedFiles({ Id: 'never-started', HostsPath: '', ResolvConfPath: '', HostnamePath: '' })).toEqual([]);
  });

  it('shows the podman commands for the work, with the mount path for /c', () => {
    expect(mountedCommand('web', ['mv', '/c/etc/a b', '/c/etc/c'])).toBe(
      `m=$(podman container mount web) && mv "$m"'/etc/a b' "$m"/etc/c; podman container unmount web`,
    );
    expect(mountedCommand('web', ['ls', '-la', '/c'])).toBe(
      'm=$(podman container mount web) && ls -la "$m"; podman container unmount web',
    );
  });
});
