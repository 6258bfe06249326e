import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containersConfFiles, podmanIdentities, readPodmanConnections } from './podman-connections';
import { parseTomlTables } from './toml-subset';

let home: string;

function touch(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wharf-podconn-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

// What `podman system connection add` (Podman 4.3) writes.
const PODMAN4 = `[containers]

[engine]
  active_service = "tp2"
  [engine.service_destinations]
    [engine.service_destinations.tp]
      uri = "unix:///tmp/p/podman.sock"
    [engine.service_destinations.tp2]
      uri = "ssh://core@127.0.0.1:50123/run/user/501/podman/podman.sock"
      identity = "/Users/me/.ssh/podman-machine-default"
      is_machine = true
    [engine.service_destinations."with.dot"]
      uri = 'tcp://10.0.0.3:8888' # a comment

[machine]
`;

describe('readPodmanConnections', () => {
  it("reads Podman 4's containers.conf: every destination and active_service", () => {
    const conf = join(home, 'c.conf');
    touch(conf, PODMAN4);
    const found = readPodmanConnections({ env: { CONTAINERS_CONF: conf }, home, root: true });
    expect(found.current).toBe('tp2');
    expect(found.currentFrom).toBe('file');
    expect(found.connections.map((c) => [c.name, c.endpoint, c.isMachine, c.identity])).toEqual([
      ['tp', 'unix:///tmp/p/podman.sock', false, undefined],
      [
        'tp2',
        'ssh://core@127.0.0.1:50123/run/user/501/podman/podman.sock',
        true,
        '/Users/me/.ssh/podman-machine-default',
      ],
      ['with.dot', 'tcp://10.0.0.3:8888', false, undefined],
    ]);
  });

  it("reads Podman 5's podman-connections.json over containers.conf, and its Default", () => {
    const cfg = join(home, 'xdg');
    touch(join(cfg, 'containers', 'containers.conf'), PODMAN4);
    touch(
      join(cfg, 'containers', 'podman-connections.json'),
      JSON.stringify({
        Connection: {
          Default: 'podman-machine-default',
          Connections: {
            'podman-machine-default': { URI: 'ssh://core@127.0.0.1:1/run/podman.sock', IsMachine: true },
            tp: { URI: 'unix:///srv/other.sock' },
          },
        },
        Farm: {},
      }),
    );
    const found = readPodmanConnections({
      env: { XDG_CONFIG_HOME: cfg },
      home,
      root: false,
      readFile: (p) => (p.startsWith(home) ? readFileSync(p, 'utf8') : missing(p)),
    });
    expect(found.current).toBe('podman-machine-default');
    expect(found.connections.map((c) => [c.name, c.endpoint])).toEqual([
      ['podman-machine-default', 'ssh://core@127.0.0.1:1/run/podman.sock'],
      ['tp', 'unix:///srv/other.sock'],
      ['tp2', 'ssh://core@127.0.0.1:50123/run/user/501/podman/podman.sock'],
      ['with.dot', 'tcp://10.0.0.3:8888'],
    ]);
    expect(found.files.json).toBe(join(cfg, 'containers', 'podman-connections.json'));
  });

  it('CONTAINER_CONNECTION names the current one; nothing anywhere is no connection', () => {
    const empty = readPodmanConnections({ env: { CONTAINERS_CONF: join(home, 'none.conf') }, home, root: true });
    expect(empty).toMatchObject({ connections: [], currentFrom: 'none' });
    expect(empty.current).toBeUndefined();
    const env = readPodmanConnections({
      env: { CONTAINERS_CONF: join(home, 'none.conf'), CONTAINER_CONNECTION: 'x' },
      home,
      root: true,
    });
    expect([env.current, env.currentFrom]).toEqual(['x', 'env']);
  });

  it('reads the system files, and the user file only when not root', () => {
    expect(containersConfFiles({}, '/h', true)).toEqual([
      '/usr/share/containers/containers.conf',
      '/etc/containers/containers.conf',
    ]);
    expect(containersConfFiles({}, '/h', false)).toEqual([
      '/usr/share/containers/containers.conf',
      '/etc/containers/containers.conf',
      '/h/.config/containers/containers.conf',
    ]);
    expect(containersConfFiles({ CONTAINERS_CONF: '/x.conf' }, '/h', false)).toEqual(['/x.conf']);
  });

  it("an ssh:// URI's identity files: every connection to it that names one, from both files", () => {
    const conf = join(home, 'c.conf');
    const json = join(home, 'podman-connections.json');
    const uri = 'ssh://core@127.0.0.1:50123/run/user/501/podman/podman.sock';
    touch(conf, PODMAN4);
    touch(
      json,
      JSON.stringify({
        Connection: {
          Connections: {
            again: { URI: `${uri}/`, Identity: '/keys/second' },
            same: { URI: uri, Identity: '/Users/me/.ssh/podman-machine-default' },
            other: { URI: 'ssh://core@127.0.0.1:50124/run/podman.sock', Identity: '/keys/other' },
          },
        },
      }),
    );
    const input = { env: { CONTAINERS_CONF: conf, PODMAN_CONNECTIONS_CONF: json }, home };
    expect(podmanIdentities(uri, input)).toEqual(['/keys/second', '/Users/me/.ssh/podman-machine-default']);
    expect(podmanIdentities('ssh://core@127.0.0.1:50125/run/podman.sock', input)).toEqual([]);
    expect(podmanIdentities('unix:///tmp/p/podman.sock', input)).toEqual([]);
  });
});

describe('parseTomlTables', () => {
  it('skips arrays, multi-line strings and inline tables without losing the lines after them', () => {
    const tables = parseTomlTables(`
[engine]
env = [
  "A=1",
  "B=]",
]
note = """
a = "not a key"
"""
inline = { a = 1 }
active_service = "after" # trailing
num = 1_000
`);
    expect(tables.get('engine')).toEqual({ active_service: 'after', num: 1000 });
  });

  it('unescapes basic strings and keeps literal ones as written', () => {
    const tables = parseTomlTables(`[a."b c".d]\nx = "tab\\there \\u00e9"\ny = 'C:\\path'`);
    expect(tables.get('a.b c.d')).toEqual({ x: 'tab\there é', y: 'C:\\path' });
  });
});

function missing(path: string): never {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
}
