import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentContext, discover, listCandidates, probeDeadline } from './discovery';

let home: string;
let xdg: string;

function touch(path: string, text = ''): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function writeContext(name: string, host: string, skipVerify = false): string {
  const id = createHash('sha256').update(name).digest('hex');
  touch(
    join(home, '.docker', 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: skipVerify } } }),
  );
  return id;
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wharf-home-'));
  xdg = join(home, 'xdg');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('listCandidates', () => {
  it('orders settings, DOCKER_HOST, context, well-known sockets, embedded; and deduplicates', () => {
    touch(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'colima' }));
    writeContext('colima', `unix://${home}/.colima/default/docker.sock`);
    touch(join(home, '.colima', 'default', 'docker.sock'));
    touch(join(xdg, 'podman', 'podman.sock'));
    touch(join(home, '.rd', 'docker.sock'));

    const list = listCandidates({
      chosen: { endpoint: 'tcp://10.1.1.1:2375' },
      embedded: [{ endpoint: `unix://${home}/wharf/engine/podman/podman.sock`, label: "Wharf's Podman" }],
      env: { DOCKER_HOST: 'unix:///srv/docker.sock', XDG_RUNTIME_DIR: xdg },
      home,
      platform: 'linux',
    });
    expect(list.map((c) => [c.source, c.label, c.endpoint])).toEqual([
      ['settings', 'Chosen in Settings', 'tcp://10.1.1.1:2375'],
      ['env', 'DOCKER_HOST', 'unix:///srv/docker.sock'],
      ['context', "docker context 'colima'", `unix://${home}/.colima/default/docker.sock`],
      ['well-known', 'Podman (rootless)', `unix://${xdg}/podman/podman.sock`],
      ['well-known', 'Rancher Desktop', `unix://${home}/.rd/docker.sock`],
      ['embedded', "Wharf's Podman", `unix://${home}/wharf/engine/podman/podman.sock`],
    ]);
  });

  it('a DOCKER_HOST equal to the chosen endpoint appears once, as the choice', () => {
    const list = listCandidates({
      chosen: { endpoint: 'unix:///srv/docker.sock' },
      env: { DOCKER_HOST: 'unix:////srv//docker.sock' },
      home,
      platform: 'linux',
      exists: () => false,
    });
    expect(list).toEqual([{ endpoint: 'unix:///srv/docker.sock', source: 'settings', label: 'Chosen in Settings' }]);
  });

  it('an endpoint given on the command line is labelled as such, not as a Settings choice', () => {
    const list = listCandidates({
      chosen: { endpoint: 'unix:///srv/docker.sock', source: 'command-line' },
      env: {},
      home,
      platform: 'linux',
      exists: () => false,
    });
    expect(list).toEqual([
      { endpoint: 'unix:///srv/docker.sock', source: 'command-line', label: 'Given on the command line' },
    ]);
  });

  it('DOCKER_HOST over tcp with DOCKER_CERT_PATH carries TLS files', () => {
    const [c] = listCandidates({
      env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' },
      home,
      platform: 'linux',
      exists: () => true,
    });
    expect(c?.tls).toEqual({ verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' });
  });

  it('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH takes the files from ~/.docker, as the CLI does', () => {
    touch(join(home, '.docker', 'ca.pem'));
    touch(join(home, '.docker', 'cert.pem'));
    touch(join(home, '.docker', 'key.pem'));
    const [c] = listCandidates({
      env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' },
      home,
      platform: 'linux',
    });
    const dir = join(home, '.docker');
    expect(c?.tls).toEqual({
      verify: true,
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'cert.pem'),
      key: join(dir, 'key.pem'),
    });
  });

  it('DOCKER_CONFIG moves where DOCKER_TLS_VERIFY looks; a missing client certificate is left out', () => {
    const other = join(home, 'cfg');
    touch(join(other, 'ca.pem'));
    const [c] = listCandidates({
      env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: other },
      home,
      platform: 'linux',
    });
    expect(c?.tls).toEqual({ verify: true, ca: join(other, 'ca.pem') });
  });

  it('on Windows offers the named pipes', () => {
    const list = listCandidates({ env: {}, home, platform: 'win32' });
    expect(list.map((c) => c.endpoint)).toEqual([
      'npipe:////./pipe/docker_engine',
      'npipe:////./pipe/podman-machine-default',
    ]);
  });
});

describe('currentContext', () => {
  const read = (p: string): string => readFileSync(p, 'utf8');

  it('"default" means no context', () => {
    touch(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'default' }));
    expect(currentContext({}, home, read)).toBeUndefined();
  });

  it('DOCKER_CONTEXT overrides config.json', () => {
    touch(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'a' }));
    writeContext('a', 'unix:///a.sock');
    writeContext('remote', 'tcp://remote:2376', true);
    expect(currentContext({}, home, read)?.endpoint).toBe('unix:///a.sock');
    const remote = currentContext({ DOCKER_CONTEXT: 'remote' }, home, read);
    expect(remote).toMatchObject({ name: 'remote', endpoint: 'tcp://remote:2376', tls: { verify: false } });
  });

  it('reads TLS files stored with the context', () => {
    const id = writeContext('secure', 'tcp://s:2376');
    const tlsDir = join(home, '.docker', 'contexts', 'tls', id, 'docker');
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) touch(join(tlsDir, f), 'x');
    expect(currentContext({ DOCKER_CONTEXT: 'secure' }, home, read)?.tls).toEqual({
      verify: true,
      ca: join(tlsDir, 'ca.pem'),
      cert: join(tlsDir, 'cert.pem'),
      key: join(tlsDir, 'key.pem'),
    });
  });

  it('DOCKER_CONFIG moves the config folder; a broken meta file is no context', () => {
    const other = join(home, 'elsewhere');
    touch(join(other, 'config.json'), JSON.stringify({ currentContext: 'x' }));
    const id = createHash('sha256').update('x').digest('hex');
    touch(
      join(other, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Endpoints: { docker: { Host: 'unix:///x.sock' } } }),
    );
    expect(currentContext({ DOCKER_CONFIG: other }, home, read)?.endpoint).toBe('unix:///x.sock');
    touch(join(other, 'contexts', 'meta', id, 'meta.json'), '{broken');
    expect(currentContext({ DOCKER_CONFIG: other }, home, read)).toBeUndefined();
  });
});

describe('discover', () => {
  it('probes every candidate and keeps the order', async () => {
    touch(join(home, '.orbstack', 'run', 'docker.sock'));
    const result = await discover({ env: { DOCKER_HOST: 'tcp://down:2375' }, home, platform: 'linux' }, async (c) =>
      c.endpoint.includes('orbstack'),
    );
    expect(result.map((c) => [c.label, c.reachable])).toEqual([
      ['DOCKER_HOST', false],
      ['OrbStack', true],
    ]);
  });

  it('a real probe of a socket nobody listens on is unreachable, quickly', async () => {
    const started = Date.now();
    const [c] = await discover({
      chosen: { endpoint: `unix://${home}/nobody.sock` },
      env: {},
      home,
      platform: 'linux',
      exists: () => false,
    });
    expect(c?.reachable).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('probeDeadline', () => {
  it('gives an ssh:// login more time than a local socket', () => {
    expect(probeDeadline('unix:///run/podman/podman.sock')).toBe(1500);
    expect(probeDeadline('tcp://10.0.0.2:2376')).toBe(1500);
    expect(probeDeadline(' ssh://core@box/run/user/1000/podman/podman.sock')).toBe(5000);
    expect(probeDeadline('ssh://me@box')).toBe(5000);
  });
});
