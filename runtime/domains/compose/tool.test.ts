import { describe, expect, it } from 'vitest';
import { parseToolVersion, preferredTools, spawnArgs, toolEnv } from './tool';

describe('compose tool', () => {
  it("reads each tool's version output", () => {
    expect(parseToolVersion('docker-compose', '1.29.2\n')).toBe('1.29.2');
    expect(parseToolVersion('compose-plugin', 'v2.20.2\n')).toBe('2.20.2');
    expect(parseToolVersion('compose-plugin', 'unknown flag: --short\n')).toBeUndefined();
    expect(
      parseToolVersion(
        'podman-compose',
        "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0\n",
      ),
    ).toBe('1.0.3');
  });

  it('prefers podman-compose on Podman and the Docker tools on Docker', () => {
    expect(preferredTools('podman')[0]).toBe('podman-compose');
    expect(preferredTools('docker')).toEqual(['compose-plugin', 'docker-compose', 'podman-compose']);
  });

  it('names the engine explicitly and passes nothing else of its own environment', () => {
    const saved = process.env.DOCKER_CONTEXT;
    process.env.DOCKER_CONTEXT = 'elsewhere';
    try {
      const docker = toolEnv('docker-compose', 'unix:///run/x.sock', '/home/me');
      expect(docker).toMatchObject({ DOCKER_HOST: 'unix:///run/x.sock', HOME: '/home/me' });
      expect(docker.DOCKER_CONTEXT).toBeUndefined();
      expect(docker.CONTAINER_HOST).toBeUndefined();
      const podman = toolEnv('podman-compose', 'unix:///run/p.sock', '/home/me');
      expect(podman).toMatchObject({ CONTAINER_HOST: 'unix:///run/p.sock', PYTHONUNBUFFERED: '1' });
      expect(podman.DOCKER_HOST).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONTEXT;
      else process.env.DOCKER_CONTEXT = saved;
    }
  });

  it('passes the ssh agent only to an ssh:// engine', () => {
    const saved = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = '/tmp/agent.sock';
    try {
      expect(toolEnv('docker-compose', 'ssh://me@box', '/home/me').SSH_AUTH_SOCK).toBe('/tmp/agent.sock');
      expect(toolEnv('docker-compose', 'unix:///run/x.sock', '/home/me').SSH_AUTH_SOCK).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    }
  });

  it('puts TLS flags where each tool reads them', () => {
    const tls = { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem', verify: true };
    const argv = ['docker', 'compose', '-p', 's', 'up', '-d'];
    expect(
      spawnArgs(
        { kind: 'compose-plugin', command: 'docker compose', version: '2', path: '/usr/bin/docker' },
        argv,
        tls,
      ),
    ).toEqual({
      file: '/usr/bin/docker',
      args: [
        '--tlsverify',
        '--tlscacert',
        '/c/ca.pem',
        '--tlscert',
        '/c/cert.pem',
        '--tlskey',
        '/c/key.pem',
        'compose',
        '-p',
        's',
        'up',
        '-d',
      ],
    });
    expect(
      spawnArgs(
        { kind: 'docker-compose', command: 'docker-compose', version: '1', path: '/usr/bin/docker-compose' },
        ['docker-compose', '-p', 's', 'ps'],
        null,
      ),
    ).toEqual({
      file: '/usr/bin/docker-compose',
      args: ['-p', 's', 'ps'],
    });
  });
});
