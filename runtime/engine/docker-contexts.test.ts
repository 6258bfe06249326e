import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextId, envTls, readDockerContexts } from './docker-contexts';
import { parseEndpoint } from './endpoint';

let home: string;

function touch(path: string, text = ''): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function writeContext(dir: string, name: string, host: string, extra: Record<string, unknown> = {}): string {
  const id = contextId(name);
  touch(
    join(dir, 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: extra, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
  return id;
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wharf-ctx-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('readDockerContexts', () => {
  it('lists "default" then every context of the store by name, with the current one from config.json', () => {
    const dir = join(home, '.docker');
    writeContext(dir, 'zeta', 'ssh://me@build-box', { Description: 'the build machine' });
    writeContext(dir, 'colima', `unix://${home}/.colima/default/docker.sock`);
    touch(join(dir, 'contexts', 'meta', 'not-a-context', 'meta.json'), '{broken');
    touch(join(dir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'colima' }));

    const store = readDockerContexts({ env: {}, home, platform: 'linux' });
    expect(store.current).toBe('colima');
    expect(store.currentFrom).toBe('config');
    expect(store.contexts).toEqual([
      { name: 'default', endpoint: 'unix:///var/run/docker.sock' },
      { name: 'colima', endpoint: `unix://${home}/.colima/default/docker.sock` },
      { name: 'zeta', endpoint: 'ssh://me@build-box', description: 'the build machine' },
    ]);
  });

  it('DOCKER_HOST makes "default" current and its endpoint; then DOCKER_CONTEXT; then config.json', () => {
    const dir = join(home, 'cfg');
    writeContext(dir, 'remote', 'tcp://10.0.0.2:2376');
    touch(join(dir, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const base = { DOCKER_CONFIG: dir };

    const withHost = readDockerContexts({
      env: { ...base, DOCKER_HOST: 'unix:///srv/d.sock', DOCKER_CONTEXT: 'remote' },
      home,
      platform: 'linux',
    });
    expect([withHost.current, withHost.currentFrom, withHost.contexts[0]?.endpoint]).toEqual([
      'default',
      'env-host',
      'unix:///srv/d.sock',
    ]);
    const withContext = readDockerContexts({ env: { ...base, DOCKER_CONTEXT: 'other' }, home, platform: 'linux' });
    expect([withContext.current, withContext.currentFrom]).toEqual(['other', 'env-context']);
    const fromConfig = readDockerContexts({ env: base, home, platform: 'linux' });
    expect([fromConfig.current, fromConfig.currentFrom, fromConfig.configDir]).toEqual(['remote', 'config', dir]);
  });

  it('no store at all: only "default", current, on the platform standard address', () => {
    expect(readDockerContexts({ env: {}, home, platform: 'win32' })).toMatchObject({
      current: 'default',
      currentFrom: 'none',
      contexts: [{ name: 'default', endpoint: 'npipe:////./pipe/docker_engine' }],
    });
  });

  it('a tcp context carries its stored TLS files and SkipTLSVerify', () => {
    const dir = join(home, '.docker');
    const id = contextId('secure');
    touch(
      join(dir, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Name: 'secure', Endpoints: { docker: { Host: 'tcp://h:2376', SkipTLSVerify: true } } }),
    );
    const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
    touch(join(tlsDir, 'ca.pem'));
    touch(join(tlsDir, 'cert.pem'));
    touch(join(tlsDir, 'key.pem'));
    const secure = readDockerContexts({ env: {}, home, platform: 'linux' }).contexts.find((c) => c.name === 'secure');
    expect(secure?.tls).toEqual({
      verify: false,
      ca: join(tlsDir, 'ca.pem'),
      cert: join(tlsDir, 'cert.pem'),
      key: join(tlsDir, 'key.pem'),
    });
  });
});

describe('envTls', () => {
  it('DOCKER_TLS_VERIFY alone reads ca.pem, cert.pem and key.pem from ~/.docker, and the TLS client uses them', () => {
    const dir = join(home, '.docker');
    touch(join(dir, 'ca.pem'), 'CA');
    touch(join(dir, 'cert.pem'), 'CERT');
    touch(join(dir, 'key.pem'), 'KEY');
    const tls = envTls({ DOCKER_TLS_VERIFY: '1' }, 'tcp://h:2376', home);
    expect(tls).toEqual({
      verify: true,
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'cert.pem'),
      key: join(dir, 'key.pem'),
    });
    const options = parseEndpoint('tcp://h:2376', tls);
    expect(options.protocol).toBe('https');
    expect([String(options.ca), String(options.cert), String(options.key)]).toEqual(['CA', 'CERT', 'KEY']);
    const agent = options.agent as unknown as { options: { rejectUnauthorized: boolean; ca: Buffer } };
    expect(agent.options.rejectUnauthorized).toBe(true);
    expect(String(agent.options.ca)).toBe('CA');
  });

  it('is off for unix sockets, and for tcp without either variable; "0" is not verifying', () => {
    expect(envTls({ DOCKER_TLS_VERIFY: '1' }, 'unix:///x.sock', home)).toBeUndefined();
    expect(envTls({}, 'tcp://h:2376', home)).toBeUndefined();
    expect(envTls({ DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: '/c' }, 'tcp://h:2376', home, () => false)).toEqual({
      verify: false,
      ca: '/c/ca.pem',
    });
  });

  it('a missing CA file is the error the CLI gives too, not a silent fallback', () => {
    const tls = envTls({ DOCKER_TLS_VERIFY: '1' }, 'tcp://h:2376', home);
    expect(() => parseEndpoint('tcp://h:2376', tls)).toThrow(/CA certificate file .*ca\.pem/);
  });
});
