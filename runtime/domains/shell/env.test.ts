import { lstatSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certPath, pickShell, shellAvailability, shellEngineEnv, shellEnv } from './env';

describe('shell availability', () => {
  it('is offered in the desktop app and on loopback unless turned off', () => {
    expect(shellAvailability({ remoteClients: false, ptyLoaded: true, enabled: true })).toEqual({ available: true });
    expect(shellAvailability({ remoteClients: false, ptyLoaded: true, enabled: false })).toEqual({
      available: false,
      reason: 'disabled',
    });
    expect(shellAvailability({ remoteClients: false, ptyLoaded: false, enabled: true })).toEqual({
      available: false,
      reason: 'no-pty',
    });
  });

  it('is never offered when browser mode listens on another address, whatever Settings says', () => {
    expect(shellAvailability({ remoteClients: true, ptyLoaded: true, enabled: true })).toEqual({
      available: false,
      reason: 'remote-browser',
    });
    expect(shellAvailability({ remoteClients: true, ptyLoaded: true, enabled: false }).reason).toBe('remote-browser');
  });
});

describe('the shell program', () => {
  const has =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);
  it("runs the user's $SHELL, else bash, else sh", () => {
    expect(pickShell('linux', { SHELL: '/usr/bin/zsh' }, has('/usr/bin/zsh', '/bin/bash'))).toBe('/usr/bin/zsh');
    expect(pickShell('linux', { SHELL: '/gone/fish' }, has('/bin/bash'))).toBe('/bin/bash');
    expect(pickShell('darwin', {}, has('/bin/bash'))).toBe('/bin/bash');
    expect(pickShell('linux', {}, has())).toBe('/bin/sh');
    // A relative $SHELL is not trusted: the home folder decides what it runs.
    expect(pickShell('linux', { SHELL: 'zsh' }, has('zsh', '/bin/bash'))).toBe('/bin/bash');
  });

  it('runs cmd on Windows when PowerShell is not on PATH', () => {
    expect(pickShell('win32', { PATH: '', ComSpec: 'C:\\Windows\\system32\\cmd.exe' })).toBe(
      'C:\\Windows\\system32\\cmd.exe',
    );
  });
});

describe('the shell environment', () => {
  const base = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/me',
    LANG: 'ko_KR.UTF-8',
    DOCKER_HOST: 'tcp://elsewhere:2375',
    DOCKER_CONTEXT: 'remote',
    DOCKER_CERT_PATH: '/old',
    CONTAINER_HOST: 'unix:///other.sock',
    ELECTRON_RUN_AS_NODE: '1',
    TERM: 'dumb',
  };

  it("keeps the user's environment and points Docker's clients at Wharf's engine", () => {
    const env = shellEnv(base, { kind: 'docker', endpoint: 'unix:///run/docker.sock' });
    expect(env).toMatchObject({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      LANG: 'ko_KR.UTF-8',
      DOCKER_HOST: 'unix:///run/docker.sock',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
    });
    for (const gone of ['DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'CONTAINER_HOST', 'ELECTRON_RUN_AS_NODE']) {
      expect(env[gone], gone).toBeUndefined();
    }
  });

  it('names a Podman engine for podman and for the docker CLI', () => {
    expect(shellEngineEnv({ kind: 'podman', endpoint: 'unix:///run/podman.sock' })).toEqual({
      CONTAINER_HOST: 'unix:///run/podman.sock',
      DOCKER_HOST: 'unix:///run/podman.sock',
    });
    // Over ssh the docker CLI would run `docker system dial-stdio` on the far side, which Podman has not.
    expect(shellEngineEnv({ kind: 'podman', endpoint: 'ssh://me@box/run/podman.sock' })).toMatchObject({
      CONTAINER_HOST: 'ssh://me@box/run/podman.sock',
    });
    expect(shellEngineEnv({ kind: 'podman', endpoint: 'ssh://me@box/run/podman.sock' }).DOCKER_HOST).toBeUndefined();
  });

  it('sets the TLS variables the docker CLI reads', () => {
    expect(
      shellEngineEnv({ kind: 'docker', endpoint: 'tcp://box:2376', tls: { verify: true, certPath: '/certs' } }),
    ).toEqual({ DOCKER_HOST: 'tcp://box:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' });
    expect(shellEngineEnv({ kind: 'docker', endpoint: 'tcp://box:2376', tls: { verify: false } })).toEqual({
      DOCKER_HOST: 'tcp://box:2376',
      DOCKER_TLS: '1',
    });
  });

  it("leaves the user's own engine variables when no engine is connected", () => {
    const env = shellEnv(base, null);
    expect(env.DOCKER_HOST).toBe('tcp://elsewhere:2375');
    expect(env.TERM).toBe('xterm-256color');
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
  });
});

describe('the TLS folder', () => {
  it("uses Settings' folder when its files have the docker CLI's names", () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-certs-'));
    const tls = { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), verify: true };
    expect(certPath(tls, join(dir, 'links'))).toBe(dir);
    expect(certPath({ verify: true }, join(dir, 'links'))).toBeUndefined();
  });

  it('links other names under ca.pem, cert.pem and key.pem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-certs-'));
    for (const f of ['my-ca.crt', 'client.crt', 'client.key']) writeFileSync(join(dir, f), f);
    const links = join(dir, 'links');
    const tls = {
      ca: join(dir, 'my-ca.crt'),
      cert: join(dir, 'client.crt'),
      key: join(dir, 'client.key'),
      verify: true,
    };
    expect(certPath(tls, links)).toBe(links);
    expect(readlinkSync(join(links, 'key.pem'))).toBe(join(dir, 'client.key'));
    expect(readFileSync(join(links, 'ca.pem'), 'utf8')).toBe('my-ca.crt');
    // Asked again with the same files: the links stay (an open shell may be using them).
    const stamp = () => {
      const s = lstatSync(join(links, 'key.pem'), { bigint: true });
      return `${s.ino}:${s.ctimeNs}`;
    };
    const before = stamp();
    expect(certPath(tls, links)).toBe(links);
    expect(stamp()).toBe(before);
    // Again with other files: the old links are replaced.
    expect(certPath({ ca: join(dir, 'client.crt'), verify: false }, links)).toBe(links);
    expect(readFileSync(join(links, 'ca.pem'), 'utf8')).toBe('client.crt');
    expect(() => readlinkSync(join(links, 'key.pem'))).toThrow();
  });
});
