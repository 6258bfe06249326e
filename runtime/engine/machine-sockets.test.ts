import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCandidates } from './discovery';
import { machineSockets } from './machine-sockets';

let root: string;
let home: string;
let tmp: string;

function touch(...parts: string[]): string {
  const path = join(...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wharf-mac-'));
  home = join(root, 'Users', 'me');
  tmp = join(root, 'var', 'folders', 'T');
  mkdirSync(home, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('machineSockets', () => {
  it("finds each Lima, Colima and Podman machine socket in a Mac's home, named by machine", () => {
    const limaDocker = touch(home, '.lima', 'docker', 'sock', 'docker.sock');
    touch(home, '.lima', 'podman', 'sock', 'podman.sock'); // not a docker socket
    mkdirSync(join(home, '.lima', '_config'), { recursive: true });
    mkdirSync(join(home, '.lima', 'stopped', 'sock'), { recursive: true }); // no socket: not running
    const colimaDefault = touch(home, '.colima', 'default', 'docker.sock');
    const colimaWork = touch(home, '.colima', 'work', 'docker.sock');
    touch(home, '.colima', '_lima', 'colima', 'sock', 'docker.sock');
    const machine4 = touch(home, '.local', 'share', 'containers', 'podman', 'machine', 'qemu', 'podman.sock');
    const machine5 = touch(tmp, 'podman', 'podman-machine-default-api.sock');
    const other5 = touch(tmp, 'podman', 'dev-api.sock');
    touch(tmp, 'podman', 'podman-machine-default.sock'); // the machine's gvproxy socket, not the API

    expect(machineSockets({ platform: 'darwin', home, env: { TMPDIR: `${tmp}/` } })).toEqual([
      { endpoint: `unix://${limaDocker}`, label: "Lima 'docker'", kind: 'docker' },
      { endpoint: `unix://${colimaDefault}`, label: "Colima 'default'", kind: 'docker' },
      { endpoint: `unix://${colimaWork}`, label: "Colima 'work'", kind: 'docker' },
      { endpoint: `unix://${machine4}`, label: "Podman machine 'qemu'", kind: 'podman' },
      { endpoint: `unix://${machine5}`, label: "Podman machine 'podman-machine-default'", kind: 'podman' },
      { endpoint: `unix://${other5}`, label: "Podman machine 'dev'", kind: 'podman' },
    ]);
  });

  it('follows LIMA_HOME, COLIMA_HOME and XDG_DATA_HOME', () => {
    const lima = touch(root, 'lima-home', 'default', 'sock', 'docker.sock');
    const colima = touch(root, 'colima-home', 'default', 'docker.sock');
    const machine = touch(root, 'data', 'containers', 'podman', 'machine', 'podman-machine-default', 'podman.sock');
    const env = {
      LIMA_HOME: join(root, 'lima-home'),
      COLIMA_HOME: join(root, 'colima-home'),
      XDG_DATA_HOME: join(root, 'data'),
      TMPDIR: tmp,
    };
    expect(machineSockets({ platform: 'darwin', home, env }).map((s) => s.endpoint)).toEqual([
      `unix://${lima}`,
      `unix://${colima}`,
      `unix://${machine}`,
    ]);
  });

  it('looks only on a Mac', () => {
    touch(home, '.lima', 'docker', 'sock', 'docker.sock');
    expect(machineSockets({ platform: 'linux', home, env: {} })).toEqual([]);
    expect(machineSockets({ platform: 'darwin', home: join(root, 'nobody'), env: { TMPDIR: tmp } })).toEqual([]);
  });

  it('discovery offers them after the well-known sockets, once each', () => {
    const colima = touch(home, '.colima', 'default', 'docker.sock');
    const lima = touch(home, '.lima', 'docker', 'sock', 'docker.sock');
    const list = listCandidates({ env: { TMPDIR: tmp }, home, platform: 'darwin' });
    expect(list.map((c) => [c.source, c.label, c.endpoint])).toEqual([
      ['well-known', 'Colima', `unix://${colima}`],
      ['well-known', "Lima 'docker'", `unix://${lima}`],
    ]);
  });
});
