import { describe, expect, it } from 'vitest';
import { matchInside, parseInsidePs, parseTop } from './parse';

describe('parseTop', () => {
  it('reads Docker top with ps_args: host PIDs only', () => {
    const rows = parseTop({
      Titles: ['PID', 'PPID', 'USER', '%CPU', 'RSS', 'COMMAND'],
      Processes: [['12882', '12861', 'root', '0.2', '1380', 'sleep 300']],
    });
    expect(rows).toEqual([
      { hostPid: 12882, ppid: 12861, user: 'root', cpu: 0.2, memoryKiB: 1380, command: 'sleep 300' },
    ]);
  });

  it('reads Podman top with descriptors: PID inside and HPID on the host', () => {
    const rows = parseTop({
      Titles: ['PID', 'HPID', 'PPID', 'USER', '%CPU', 'RSS', 'COMMAND'],
      Processes: [['1', '13422', '0', 'root', '0.000', '1380', 'sleep 300']],
    });
    expect(rows).toEqual([
      { hostPid: 13422, pid: 1, ppid: 0, user: 'root', cpu: 0, memoryKiB: 1380, command: 'sleep 300' },
    ]);
  });

  it('reads the default titles and skips rows without a PID', () => {
    const rows = parseTop({
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: [
        ['root', '7', '1', '0', '03:34', '?', '00:00:00', 'nginx'],
        ['x', '', '', '', '', '', '', ''],
      ],
    });
    expect(rows).toEqual([{ hostPid: 7, ppid: 1, user: 'root', cpu: 0, command: 'nginx' }]);
  });
});

describe('matchInside', () => {
  const inside = parseInsidePs(
    'PID   COMMAND\n    1 sleep 300\n    7 sh -c yes\n    8 yes\n    9 yes\n   19 ps -o pid,args\n',
  );

  it('reads ps -o pid,args', () => {
    expect(inside).toContainEqual({ pid: 1, command: 'sleep 300' });
    expect(inside).toHaveLength(5);
  });

  it('matches a command found once on both sides, and leaves repeated ones unmatched', () => {
    const rows = matchInside(
      [
        { hostPid: 500, user: 'root', command: 'sleep 300' },
        { hostPid: 501, user: 'root', command: 'yes' },
        { hostPid: 502, user: 'root', command: 'yes' },
        { hostPid: 503, user: 'root', command: 'gone-by-now' },
      ],
      inside,
    );
    expect(rows.map((r) => r.pid)).toEqual([1, undefined, undefined, undefined]);
  });
});
