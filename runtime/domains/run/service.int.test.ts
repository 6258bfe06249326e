// The run form against the real engine: a container started by run.start has
// the same `docker inspect` as the one the shown command creates with the
// docker CLI; pasting that command gives the form back; a taken host port is
// refused before anything is created.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../test-support/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { RunForm } from './types';
import { createRunService } from './service';
import { type ContainerInspectJson as Inspect, runInspectFields as relevant } from './compare';
import {
  type TestEngine,
  TEST_IMAGE,
  createTestEngine,
  dockerCli,
  hasDockerCli,
  shell,
  uniqueName,
} from '../../test-support/test-engine';

const endpoint = process.env.WHARF_TEST_DOCKER;
const hasCli = hasDockerCli();

describe.skipIf(!hasCli || endpoint === undefined)('run form on docker', () => {
  const ep = endpoint ?? '';
  let engine: TestEngine;
  let run: ReturnType<typeof createRunService>;
  const names: string[] = [];
  const volume = uniqueName('wharf-run-vol');
  const hostDir = mkdtempSync(join(tmpdir(), 'wharf-run-bind-'));

  beforeAll(async () => {
    engine = await createTestEngine(ep);
    run = createRunService(engine);
  });

  afterAll(async () => {
    if (names.length > 0) await dockerCli(ep, ['rm', '-f', '-v', ...names]).catch(() => {});
    await dockerCli(ep, ['volume', 'rm', '-f', volume]).catch(() => {});
    await engine?.dispose();
    rmSync(hostDir, { recursive: true, force: true });
  });

  const start = (form: RunForm) => run.requests['run.start'](contract['run.start'].input.parse(form));
  const inspect = async (name: string) => JSON.parse(await dockerCli(ep, ['inspect', name])) as [Inspect];

  it('run.start makes the container the shown command makes, and the command parses back to the form', async () => {
    const port = await freePort();
    const form: RunForm = {
      image: TEST_IMAGE,
      name: uniqueName('wharf-run-cli'),
      command: ['sh', '-c', 'echo "hello $NAME" && sleep 3600'],
      ports: [
        { hostIp: '127.0.0.1', hostPort: port, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' },
      ],
      env: ['NAME=two words', "QUOTE=it's", 'DOLLAR=$HOME', 'EMPTY='],
      volumes: [
        { type: 'volume', source: volume, target: '/data', readOnly: false },
        { type: 'bind', source: hostDir, target: '/host', readOnly: true },
        { type: 'bind', source: hostDir, target: '/mounted', readOnly: true, syntax: 'mount' },
        { type: 'tmpfs', target: '/scratch', readOnly: false },
        { type: 'volume', target: '/anon', readOnly: false },
      ],
      restart: 'on-failure',
      restartMaxRetries: 2,
      interactive: true,
      tty: true,
      remove: false,
      detach: true,
      cpus: 0.5,
      memory: '64m',
      workdir: '/data',
      health: { cmd: 'test -d /data || exit 1', interval: '30s', timeout: '5s', startPeriod: '1m30s', retries: 3 },
    };
    const { command } = await run.requests['run.describe'](form);
    expect(command).toContain(`-e 'NAME=two words'`);
    expect(command).toContain(`-e 'DOLLAR=$HOME'`);

    // The same line, as a user pastes it, gives the same form back.
    expect((await run.requests['run.parse']({ command })).form).toEqual({
      ...form,
      volumes: form.volumes.map((v) => ({ ...v, syntax: v.syntax ?? (v.type === 'tmpfs' ? 'mount' : 'volume') })),
    });

    // The docker CLI runs the shown line through a real shell.
    const cliName = form.name!;
    names.push(cliName);
    await shell(ep, command);
    const [cli] = await inspect(cliName);
    await dockerCli(ep, ['rm', '-f', cliName]);

    const wharfName = uniqueName('wharf-run-app');
    names.push(wharfName);
    const started = await start({ ...form, name: wharfName });
    expect(started.name).toBe(wharfName);
    expect(started.pulled).toBe(false);
    const [mine] = await inspect(wharfName);
    expect(mine.Id).toBe(started.id);

    expect(relevant(mine)).toEqual(relevant(cli));
    // And the values themselves, so two equal mistakes cannot pass.
    expect(relevant(mine)).toMatchObject({
      Cmd: form.command,
      Env: expect.arrayContaining(form.env),
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      PortBindings: {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }],
        '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      },
      Binds: [`${volume}:/data`, `${hostDir}:/host:ro`].sort(),
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
      Memory: 64 * 1024 * 1024,
      NanoCpus: 500_000_000,
      Tty: true,
      OpenStdin: true,
      Healthcheck: {
        Test: ['CMD-SHELL', 'test -d /data || exit 1'],
        Interval: 30e9,
        Timeout: 5e9,
        StartPeriod: 90e9,
        Retries: 3,
      },
    });
    const out = await dockerCli(ep, ['logs', wharfName]);
    expect(out).toContain('hello two words');
  });

  it('a taken host port is refused before anything is created', async () => {
    const port = await freePort();
    const holder = uniqueName('wharf-run-holder');
    names.push(holder);
    await start({
      image: TEST_IMAGE,
      name: holder,
      command: ['sleep', '3600'],
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80, protocol: 'tcp' }],
      env: [],
      volumes: [],
      interactive: false,
      tty: false,
      remove: false,
      detach: true,
    });
    const second = uniqueName('wharf-run-second');
    const error = await start({
      image: TEST_IMAGE,
      name: second,
      command: ['sleep', '1'],
      ports: [{ hostPort: port, containerPort: 8080, protocol: 'tcp' }],
      env: [],
      volumes: [],
      interactive: false,
      tty: false,
      remove: false,
      detach: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('conflict');
    expect((error as ApiError).message).toBe(`The host port ${port}/tcp is taken by the container ${holder}.`);
    await expect(dockerCli(ep, ['inspect', second])).rejects.toThrow(/No such/i);

    // Something else on this machine holding the port is caught as well.
    const server = createServer();
    const other = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const e2 = await start({
        image: TEST_IMAGE,
        name: second,
        command: ['sleep', '1'],
        ports: [{ hostIp: '127.0.0.1', hostPort: other, containerPort: 80, protocol: 'tcp' }],
        env: [],
        volumes: [],
        interactive: false,
        tty: false,
        remove: false,
        detach: true,
      }).catch((e: unknown) => e);
      expect((e2 as ApiError).message).toBe(
        `The host port 127.0.0.1:${other}/tcp is taken by another program on this machine.`,
      );
    } finally {
      server.close();
    }
  });

  it('a pasted line that is not docker run is refused in plain words', async () => {
    await expect(run.requests['run.parse']({ command: 'docker ps -a' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'This is "docker ps", not "docker run".',
    });
  });
});
