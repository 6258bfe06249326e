import { describe, expect, it } from 'vitest';
import { userInfo } from 'node:os';
import { EndpointError, normalizeEndpoint, parseEndpoint, sshTarget } from './endpoint';
import type { SshHostConfig } from './ssh-config';

/** No ~/.ssh/config: the address alone. */
const none = (): SshHostConfig => ({ identityFiles: [] });

const files: Record<string, string> = { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' };
const readFile = (p: string): Buffer => {
  const text = files[p];
  if (text === undefined) throw new Error('ENOENT');
  return Buffer.from(text);
};

describe('parseEndpoint', () => {
  it('unix:// gives a socket path and nothing from the environment', () => {
    const o = parseEndpoint('unix:///var/run/docker.sock');
    expect(o.socketPath).toBe('/var/run/docker.sock');
    expect(o.host).toBeUndefined();
    expect(o.protocol).toBeUndefined();
    // Keys present and undefined, so docker-modem's DOCKER_HOST defaults cannot win.
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['host', 'timeout', 'ca']));
    expect(o.timeout).toBeUndefined();
  });

  it('rejects a relative unix path', () => {
    expect(() => parseEndpoint('unix://docker.sock')).toThrow(EndpointError);
  });

  it('npipe:// in both spellings names the same pipe', () => {
    expect(parseEndpoint('npipe:////./pipe/docker_engine').socketPath).toBe('//./pipe/docker_engine');
    expect(parseEndpoint('npipe://./pipe/docker_engine').socketPath).toBe('//./pipe/docker_engine');
  });

  it('tcp:// without TLS is plain http with the default port', () => {
    const o = parseEndpoint('tcp://10.0.0.5');
    expect(o).toMatchObject({ host: '10.0.0.5', port: '2375', protocol: 'http' });
    expect(o.socketPath).toBeUndefined();
    expect(o.timeout).toBeUndefined();
  });

  it('tcp:// with TLS reads the files and speaks https', () => {
    const o = parseEndpoint(
      'tcp://engine.example:2376',
      { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
      readFile,
    );
    expect(o).toMatchObject({ host: 'engine.example', port: '2376', protocol: 'https' });
    expect(o.ca?.toString()).toBe('CA');
    expect(o.cert?.toString()).toBe('CERT');
    expect(o.key?.toString()).toBe('KEY');
    expect((o.agent as unknown as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized).toBe(true);
  });

  it('TLS without verification keeps encryption but accepts any server certificate', () => {
    const o = parseEndpoint('tcp://h:2376', { verify: false }, readFile);
    expect(o.protocol).toBe('https');
    expect((o.agent as unknown as { options: { rejectUnauthorized: boolean } }).options.rejectUnauthorized).toBe(false);
  });

  it('port 2376 alone means TLS, as the docker CLI does', () => {
    expect(parseEndpoint('tcp://h:2376').protocol).toBe('https');
  });

  it('a missing TLS file is a plain error naming the file', () => {
    expect(() => parseEndpoint('tcp://h:2376', { ca: '/nope/ca.pem', verify: true }, readFile)).toThrow(
      /Cannot read the TLS CA certificate file \/nope\/ca.pem/,
    );
  });

  it('http:// and https:// keep their scheme and an optional path prefix', () => {
    expect(parseEndpoint('http://127.0.0.1:8080')).toMatchObject({ host: '127.0.0.1', port: '8080', protocol: 'http' });
    expect(parseEndpoint('https://h/engine', { verify: true }, readFile)).toMatchObject({
      port: '2376',
      protocol: 'https',
      pathPrefix: '/engine',
    });
  });

  it('ssh:// takes user, host and port; the user defaults to the local one', () => {
    expect(sshTarget('ssh://deploy@build.example:2222', none)).toMatchObject({
      host: 'build.example',
      port: 2222,
      username: 'deploy',
    });
    expect(sshTarget('ssh://build.example', none)).toMatchObject({ port: 22, username: userInfo().username });
    // Wharf's own SSH agent carries the requests (docker-modem's accepts any host key).
    const o = parseEndpoint('ssh://deploy@build.example:2222');
    expect(o).toMatchObject({ protocol: 'http', host: 'build.example', port: '2222' });
    expect(o.agent).toBeDefined();
  });

  it("ssh:// with a path is Podman's: the socket on the far side, decoded; without one, docker's dial-stdio", () => {
    expect(sshTarget('ssh://core@127.0.0.1:50123/run/user/1000/podman/podman.sock', none)).toMatchObject({
      host: '127.0.0.1',
      port: 50123,
      username: 'core',
      socketPath: '/run/user/1000/podman/podman.sock',
    });
    expect(sshTarget('ssh://root@[::1]/run/podman/podman.sock?secure=true', none)).toMatchObject({
      host: '::1',
      port: 22,
      socketPath: '/run/podman/podman.sock',
    });
    expect(sshTarget('ssh://me@h/home/me/my%20sockets/p.sock', none).socketPath).toBe('/home/me/my sockets/p.sock');
    expect(sshTarget('ssh://me@h', none).socketPath).toBeUndefined();
    expect(sshTarget('ssh://me@h/', none).socketPath).toBeUndefined();
    const o = parseEndpoint('ssh://core@127.0.0.1:50123/run/user/1000/podman/podman.sock');
    expect(o).toMatchObject({ protocol: 'http', host: '127.0.0.1', port: '50123' });
    expect(o.agent).toBeDefined();
  });

  it("ssh:// takes what ~/.ssh/config says about the host; the address's own user and port win", () => {
    const config = (host: string): SshHostConfig =>
      host === 'build'
        ? {
            hostName: 'build.internal',
            user: 'deploy',
            port: 2200,
            identityFiles: ['/no/such/key', __filename],
            identitiesOnly: true,
            userKnownHostsFiles: ['/home/me/.ssh/known_build'],
          }
        : { identityFiles: [], proxy: { keyword: 'ProxyJump', value: 'bastion' } };
    expect(sshTarget('ssh://build', config)).toEqual({
      host: 'build.internal',
      port: 2200,
      username: 'deploy',
      // A named key file that is not there is skipped, as ssh does.
      identityFiles: [__filename],
      knownHostsFiles: ['/home/me/.ssh/known_build', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    });
    expect(sshTarget('ssh://root@build:22/run/podman/podman.sock', config)).toMatchObject({
      host: 'build.internal',
      port: 22,
      username: 'root',
      socketPath: '/run/podman/podman.sock',
    });
    expect(sshTarget('ssh://me@far', config)).toMatchObject({ host: 'far', proxy: 'ProxyJump bastion' });
  });

  it('refuses what is not an endpoint, in plain words', () => {
    expect(() => parseEndpoint('/var/run/docker.sock')).toThrow(/not an engine address/);
    expect(() => parseEndpoint('ftp://x')).toThrow(/not an engine address Wharf knows/);
  });
});

describe('normalizeEndpoint', () => {
  it('makes equal endpoints equal strings', () => {
    expect(normalizeEndpoint('unix:////var//run/docker.sock')).toBe('unix:///var/run/docker.sock');
    expect(normalizeEndpoint('npipe://./pipe/Docker_Engine')).toBe(normalizeEndpoint('npipe:////./pipe/docker_engine'));
    expect(normalizeEndpoint('tcp://h:2375/')).toBe('tcp://h:2375');
  });
});
