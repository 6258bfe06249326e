// Run a container from the run form: the command it stands for, the reverse,
// and create + start with the same configuration the docker CLI would send
// for that command (so `docker inspect` of both is the same).
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { RunCopyResult, RunForm, RunStartResult } from './types';
import { RunParseError, parseRunCommand, runArgv, runCommand } from './run-command';
import { durationNanos, memoryBytes, parseEnvFile } from './flag-values';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { toPlainError } from '../../transport/to-api-error';
import { forEachMessage } from '../images/build';
import { type ImageConfigForCopy, type InspectForCopy, copyName, runFormFromContainer } from './from-container';

/** The engine's create body for the form, as the docker CLI builds it from the form's command. */
export function toCreateOptions(form: RunForm): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of form.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({
      HostIp: p.hostIp ?? '',
      HostPort: p.hostPort !== undefined ? String(p.hostPort) : '',
    });
  }
  const binds: string[] = [];
  const mounts: Docker.MountSettings[] = [];
  const anonymous: Record<string, object> = {};
  for (const v of form.volumes) {
    if (v.syntax === 'mount' || v.type === 'tmpfs') {
      mounts.push({
        Type: v.type,
        Target: v.target,
        ...(v.source !== undefined && v.source !== '' ? { Source: v.source } : {}),
        ...(v.readOnly ? { ReadOnly: true } : {}),
      } as Docker.MountSettings);
    } else if (v.source === undefined || v.source === '') anonymous[v.target] = {};
    else binds.push(`${v.source}:${v.target}${v.readOnly ? ':ro' : ''}`);
  }
  const memory = form.memory !== undefined && form.memory !== '' ? memoryBytes(form.memory) : undefined;
  const restart = form.restart ?? 'no';
  return {
    Image: form.image,
    ...(form.name !== undefined && form.name !== '' ? { name: form.name } : {}),
    ...(form.command.length > 0 ? { Cmd: form.command } : {}),
    ...(form.entrypoint !== undefined ? { Entrypoint: [form.entrypoint] } : {}),
    ...(form.env.length > 0 ? { Env: form.env } : {}),
    ...(form.labels !== undefined && form.labels.length > 0 ? { Labels: labelsObject(form.labels) } : {}),
    ...(form.ports.length > 0 ? { ExposedPorts: exposed } : {}),
    ...(Object.keys(anonymous).length > 0 ? { Volumes: anonymous } : {}),
    ...(form.workdir !== undefined && form.workdir !== '' ? { WorkingDir: form.workdir } : {}),
    ...(form.user !== undefined && form.user !== '' ? { User: form.user } : {}),
    ...(form.hostname !== undefined && form.hostname !== '' ? { Hostname: form.hostname } : {}),
    ...(form.health !== undefined ? { Healthcheck: toHealthcheck(form.health) } : {}),
    Tty: form.tty,
    OpenStdin: form.interactive,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {
      ...(binds.length > 0 ? { Binds: binds } : {}),
      ...(mounts.length > 0 ? { Mounts: mounts } : {}),
      ...(form.ports.length > 0 ? { PortBindings: bindings } : {}),
      NetworkMode: form.network !== undefined && form.network !== '' ? form.network : 'default',
      RestartPolicy: { Name: restart, MaximumRetryCount: restart === 'on-failure' ? (form.restartMaxRetries ?? 0) : 0 },
      AutoRemove: form.remove,
      ...(memory !== undefined ? { Memory: memory } : {}),
      ...(form.cpus !== undefined ? { NanoCpus: Math.round(form.cpus * 1e9) } : {}),
    },
  };
}

/** -l KEY=value (or a bare KEY: an empty value, as docker takes it) → the engine's label map. */
function labelsObject(labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) {
    const eq = l.indexOf('=');
    if (eq === -1) out[l] = '';
    else out[l.slice(0, eq)] = l.slice(eq + 1);
  }
  return out;
}

/** --health-* as the engine takes them: CMD-SHELL and nanoseconds; without a command, the image's own check with these options. */
function toHealthcheck(h: NonNullable<RunForm['health']>): Docker.HealthConfig {
  const ns = (d: string | undefined) => (d !== undefined ? durationNanos(d) : undefined);
  const interval = ns(h.interval);
  const timeout = ns(h.timeout);
  const startPeriod = ns(h.startPeriod);
  return {
    ...(h.cmd !== undefined && h.cmd !== '' ? { Test: ['CMD-SHELL', h.cmd] } : {}),
    ...(interval !== undefined ? { Interval: interval } : {}),
    ...(timeout !== undefined ? { Timeout: timeout } : {}),
    ...(startPeriod !== undefined ? { StartPeriod: startPeriod } : {}),
    ...(h.retries !== undefined ? { Retries: h.retries } : {}),
  };
}

function localProbe(protocol: 'tcp' | 'udp' | 'sctp', host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
      return;
    }
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code !== 'EADDRINUSE' && error.code !== 'EACCES'),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Refuses a host port that a container publishes, or (engine on this machine) that something here listens on. */
async function checkPorts(docker: Docker, form: RunForm, engineIsLocal: boolean): Promise<void> {
  const wanted = form.ports.filter((p) => p.hostPort !== undefined);
  if (wanted.length === 0) return;
  const containers = (await docker.listContainers({ all: false })) as Array<{
    Names?: string[];
    Id: string;
    Ports?: Array<{ IP?: string; PublicPort?: number; Type?: string }>;
  }>;
  for (const p of wanted) {
    const ip = p.hostIp ?? '';
    const holder = containers.find((c) =>
      (c.Ports ?? []).some(
        (cp) =>
          cp.PublicPort === p.hostPort &&
          cp.Type === p.protocol &&
          (ip === '' || cp.IP === undefined || cp.IP === '' || cp.IP === '0.0.0.0' || cp.IP === '::' || cp.IP === ip),
      ),
    );
    const where = `${ip === '' ? '' : `${ip}:`}${p.hostPort}/${p.protocol}`;
    if (holder !== undefined) {
      const name = (holder.Names?.[0] ?? holder.Id.slice(0, 12)).replace(/^\//, '');
      throw new ApiError({
        code: 'conflict',
        message: `The host port ${where} is taken by the container ${name}.`,
        hint: 'Choose another host port, or stop that container.',
        key: 'run.portTaken',
        params: { port: where, holder: name },
      });
    }
    if (
      engineIsLocal &&
      p.protocol !== 'sctp' &&
      !(await localProbe(p.protocol, ip === '' ? '0.0.0.0' : ip, p.hostPort!))
    ) {
      throw new ApiError({
        code: 'conflict',
        message: `The host port ${where} is taken by another program on this machine.`,
        hint: 'Choose another host port, or leave it empty so the engine picks a free one.',
        key: 'run.portTaken',
        params: { port: where, holder: '' },
      });
    }
  }
}

async function ensureImage(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return false;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  let stream: Readable;
  try {
    stream = (await docker.pull(image)) as unknown as Readable;
  } catch (error) {
    // The engine refuses a pull it cannot start (no such registry, no such repository) with an HTTP error, not in the stream.
    const plain = toPlainError(error);
    if (typeof (error as { statusCode?: unknown }).statusCode !== 'number' || plain.key === 'image.badReference')
      throw error;
    throw imageMissing(image, plain.message);
  }
  let failure: string | undefined;
  await forEachMessage(stream, (m) => {
    if (m.error !== undefined) failure = m.error;
  });
  if (failure !== undefined) throw imageMissing(image, failure);
  return true;
}

function imageMissing(image: string, reason: string): ApiError {
  return new ApiError({
    code: 'not-found',
    message: `The image ${image} is not here and could not be pulled: ${reason}`,
    hint: `Check the name, or build or pull ${image} first (Images).`,
    key: 'run.imageMissing',
    params: { image, reason },
  });
}

/** The run form of a copy of container `id`, named after it, with the settings the form cannot hold. */
async function copyOf(docker: Docker, id: string): Promise<RunCopyResult> {
  const c = (await docker.getContainer(id).inspect()) as unknown as InspectForCopy & { Image?: string };
  // The image by id (the one it was made from, even when its tag moved on); gone: nothing is left out.
  const image = c.Image
    ? ((await docker
        .getImage(c.Image)
        .inspect()
        .then((i) => (i as { Config?: ImageConfigForCopy }).Config)
        .catch(() => undefined)) ?? undefined)
    : undefined;
  const names = (await docker.listContainers({ all: true })) as Array<{ Names?: string[] }>;
  const taken = new Set(names.flatMap((n) => (n.Names ?? []).map((x) => x.replace(/^\//, ''))));
  const original = (c.Name ?? id).replace(/^\//, '');
  const { form, notCopied } = runFormFromContainer(c, image, copyName(original, taken));
  return { form, original, notCopied };
}

export function createRunService(
  engine: Engine,
): ServiceHandlers<'run.describe' | 'run.parse' | 'run.importEnv' | 'run.start' | 'run.fromContainer'> {
  return {
    requests: {
      'run.describe': async (form) => ({ command: runCommand(form), argv: runArgv(form) }),
      'run.parse': async ({ command }) => {
        try {
          return parseRunCommand(command);
        } catch (error) {
          if (error instanceof RunParseError)
            throw new ApiError({ code: 'invalid-input', message: error.message, key: 'run.notRunCommand' });
          throw error;
        }
      },
      'run.importEnv': async ({ text }) => parseEnvFile(text),
      'run.fromContainer': async ({ id }) => copyOf(engine.docker(), id),
      'run.start': async (form): Promise<RunStartResult> => {
        const docker = engine.docker();
        const endpoint = engine.info()?.endpoint ?? '';
        await checkPorts(docker, form, endpoint.startsWith('unix://') || endpoint.startsWith('npipe://'));
        const pulled = await ensureImage(docker, form.image);
        const container = await docker.createContainer(toCreateOptions(form));
        try {
          await container.start();
        } catch (error) {
          // A container that cannot start is not left behind under the chosen name.
          await container.remove({ force: true }).catch(() => {});
          throw error;
        }
        const info = (await container.inspect().catch(() => undefined)) as { Name?: string } | undefined;
        return {
          id: container.id,
          name: (info?.Name ?? form.name ?? '').replace(/^\//, ''),
          command: runCommand({ ...form, detach: true }),
          pulled,
        };
      },
    },
    subscriptions: {},
  };
}
