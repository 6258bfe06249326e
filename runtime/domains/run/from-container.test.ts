import { describe, expect, it } from 'vitest';
import { copyName, goDuration, runFormFromContainer, type InspectForCopy } from './from-container';
import { memorySize } from '../../api/run-flags';
import { runCommand } from './run-command';

const image = {
  Env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
  Cmd: ['sh'],
  Entrypoint: null,
  WorkingDir: '',
  User: '',
  Labels: { maintainer: 'someone' },
  Volumes: { '/image-data': {} },
};

/** As Docker's inspect shows `docker run -d --name web -p 127.0.0.1:8080:80 -p 53/udp -e MODE=dev -v cache:/cache
 * -v /srv/site:/site:ro -v /scratch --mount type=tmpfs,target=/tmp/t --network backend --restart on-failure:3
 * -m 256m --cpus 1.5 -w /site -u 1000 -l tier=web wharf-test/shell:latest httpd -f`. */
const web: InspectForCopy = {
  Id: '3f1c0e9a7b2d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6',
  Name: '/web',
  Config: {
    Hostname: '3f1c0e9a7b2d',
    User: '1000',
    Tty: false,
    OpenStdin: false,
    Env: ['MODE=dev', 'PATH=/usr/local/bin:/usr/bin:/bin'],
    Cmd: ['httpd', '-f'],
    Entrypoint: null,
    Image: 'wharf-test/shell:latest',
    WorkingDir: '/site',
    Labels: { maintainer: 'someone', tier: 'web', 'com.docker.compose.project': 'shop' },
    Volumes: { '/scratch': {}, '/image-data': {} },
  },
  HostConfig: {
    Binds: ['cache:/cache', '/srv/site:/site:ro'],
    Mounts: [{ Type: 'tmpfs', Target: '/tmp/t' }],
    PortBindings: {
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    },
    NetworkMode: 'backend',
    RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    AutoRemove: false,
    Memory: 256 * 1024 ** 2,
    MemorySwap: 512 * 1024 ** 2,
    NanoCpus: 1.5e9,
    PidsLimit: null,
  },
};

describe('runFormFromContainer', () => {
  it('fills the form with what the container was created with, less what its image gives', () => {
    const { form, notCopied } = runFormFromContainer(web, image, 'web-copy');
    expect(form).toEqual({
      image: 'wharf-test/shell:latest',
      name: 'web-copy',
      command: ['httpd', '-f'],
      ports: [
        { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { containerPort: 53, protocol: 'udp' },
      ],
      env: ['MODE=dev'],
      volumes: [
        { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
        { type: 'bind', source: '/srv/site', target: '/site', readOnly: true },
        { type: 'tmpfs', target: '/tmp/t', readOnly: false, syntax: 'mount' },
        { type: 'volume', target: '/scratch', readOnly: false },
      ],
      labels: ['tier=web'],
      network: 'backend',
      restart: 'on-failure',
      restartMaxRetries: 3,
      interactive: false,
      tty: false,
      remove: false,
      detach: true,
      cpus: 1.5,
      memory: '256m',
      workdir: '/site',
      user: '1000',
    });
    // Memory + swap at twice the memory is what -m alone gives: nothing is lost.
    expect(notCopied).toEqual([]);
  });

  it('writes the docker run line of the copy', () => {
    const { form } = runFormFromContainer(web, image, 'web-copy');
    expect(runCommand(form)).toBe(
      'docker run -d --name web-copy -u 1000 -w /site -p 127.0.0.1:8080:80 -p 53/udp -e MODE=dev -v cache:/cache ' +
        '-v /srv/site:/site:ro --mount type=tmpfs,target=/tmp/t -v /scratch -l tier=web --network backend ' +
        '--restart on-failure:3 --cpus 1.5 -m 256m wharf-test/shell:latest httpd -f',
    );
  });

  it('keeps an entrypoint of its own, its first word as --entrypoint and the rest before the command', () => {
    const c: InspectForCopy = { ...web, Config: { ...web.Config, Entrypoint: ['sh', '-c'], Cmd: ['echo hi'] } };
    const { form } = runFormFromContainer(c, image, 'x');
    expect(form.entrypoint).toBe('sh');
    expect(form.command).toEqual(['-c', 'echo hi']);
  });

  it("leaves out the image's own command, and copies everything when the image is gone", () => {
    const plain: InspectForCopy = { ...web, Config: { ...web.Config, Cmd: ['sh'] } };
    expect(runFormFromContainer(plain, image, 'x').form.command).toEqual([]);
    const { form } = runFormFromContainer(plain, undefined, 'x');
    expect(form.command).toEqual(['sh']);
    expect(form.env).toEqual(['MODE=dev', 'PATH=/usr/local/bin:/usr/bin:/bin']);
    expect(form.labels).toEqual(['maintainer=someone', 'tier=web']);
  });

  it('names what the form cannot hold: a swap limit of its own, a pids limit', () => {
    const c: InspectForCopy = { ...web, HostConfig: { ...web.HostConfig, MemorySwap: -1, PidsLimit: 100 } };
    expect(runFormFromContainer(c, image, 'x').notCopied).toEqual([
      { flag: '--memory-swap', value: '-1' },
      { flag: '--pids-limit', value: '100' },
    ]);
  });

  it("reads Podman's CPU quota, its default network and a health check of its own", () => {
    const c: InspectForCopy = {
      ...web,
      Config: {
        ...web.Config,
        Hostname: 'db',
        Healthcheck: { Test: ['CMD-SHELL', 'test -e /ok'], Interval: 30e9, Retries: 2, Timeout: 500e6 },
      },
      HostConfig: { NetworkMode: 'bridge', CpuQuota: 50000, CpuPeriod: 100000, RestartPolicy: { Name: '' } },
    };
    const { form } = runFormFromContainer(c, image, 'x');
    expect(form.cpus).toBe(0.5);
    expect(form.network).toBeUndefined();
    expect(form.restart).toBeUndefined();
    expect(form.hostname).toBe('db');
    expect(form.health).toEqual({ cmd: 'test -e /ok', interval: '30s', timeout: '500ms', retries: 2 });
  });
});

describe('helpers', () => {
  it('writes sizes and durations the way docker takes them', () => {
    expect(memorySize(512 * 1024 ** 2)).toBe('512m');
    expect(memorySize(2 * 1024 ** 3)).toBe('2g');
    expect(memorySize(1000)).toBe('1000');
    expect(goDuration(90e9)).toBe('90s');
    expect(goDuration(120e9)).toBe('2m');
    expect(goDuration(250e6)).toBe('250ms');
  });

  it('suggests "<name>-copy", then the next free number', () => {
    expect(copyName('web', new Set(['web']))).toBe('web-copy');
    expect(copyName('web', new Set(['web', 'web-copy', 'web-copy-2']))).toBe('web-copy-3');
  });
});
