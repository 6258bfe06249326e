import { describe, expect, it } from 'vitest';
import { HELPER_IMAGE } from './helper-image';
import { type Place, commandFor, copyCommand } from './place';

const volume: Place = {
  target: { kind: 'volume', name: 'data' },
  via: 'helper',
  containerId: 'h',
  root: '/v',
  label: 'data',
};
const container: Place = {
  target: { kind: 'container', id: 'abc' },
  via: 'exec',
  containerId: 'abc',
  root: '/',
  label: 'web',
};

describe('copyCommand: what a user would type to download', () => {
  it('a file from a volume: its own bytes through cat, not a tar of it', () => {
    const command = copyCommand(volume, HELPER_IMAGE, '/app/notes.txt', 'notes.txt', 'from', true);
    expect(command).toContain('cat /v/app/notes.txt');
    expect(command).not.toMatch(/ tar /);
    expect(command).toMatch(/> notes\.txt$/);
  });

  it('a folder from a volume: a tar of it', () => {
    expect(copyCommand(volume, HELPER_IMAGE, '/app', 'app.tar', 'from')).toContain('tar -C /v -cf - app');
  });

  it("names Wharf's own helper image, never busybox, when none is passed", () => {
    for (const command of [
      copyCommand(volume, undefined, '/a', 'a', 'from', true),
      copyCommand(volume, undefined, '/', 'x.tar', 'to'),
      commandFor(volume, undefined, ['ls', '/v']),
    ]) {
      expect(command).toContain(` ${HELPER_IMAGE} `);
      expect(command).not.toMatch(/busybox|alpine/);
    }
  });

  it('from a container: docker cp, which writes a file as itself', () => {
    expect(copyCommand(container, undefined, '/etc/hosts', 'hosts', 'from', true)).toBe(
      'docker cp web:/etc/hosts hosts',
    );
  });
});
