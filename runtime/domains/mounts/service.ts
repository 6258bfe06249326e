// Mounts: who mounts what, with warnings in plain words; and editing a
// container's mounts by recreating it with its configuration otherwise
// unchanged (the engine cannot change the mounts of an existing container).
import { statSync } from 'node:fs';
import type Docker from 'dockerode';
import type { ParsedInputOf } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { EditMountsPlan, EditMountsResult, MountGroup, MountSpec, MountWarning, MountsOverview } from './types';
import type { EngineInfo } from '../engine/types';
import type { RunSpec } from '../../api/run-flags';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { HELPER_LABEL } from '../files/helper';
import { type EngineContainer, containerName, toContainerState } from '../containers/mapping';

const SYSTEM_FOLDERS = new Set([
  '/',
  '/etc',
  '/var',
  '/usr',
  '/proc',
  '/sys',
  '/boot',
  '/root',
  '/dev',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/run',
  '/var/run',
  '/var/lib',
  '/home',
  '/opt',
  '/srv',
]);
const SYSTEM_TREES = ['/proc/', '/sys/', '/boot/', '/dev/'];
const SOCKET = /(^|\/)(docker|podman|containerd)\.sock$/;

/** Warnings for one mounted source; `exists` is undefined when the host was not checked. */
export function mountWarnings(type: string, source: string, exists: boolean | null | undefined): MountWarning[] {
  const warnings: MountWarning[] = [];
  if (type !== 'bind') return warnings;
  if (SOCKET.test(source)) {
    warnings.push({
      kind: 'engine-socket',
      message: `This container controls your engine: it mounts the engine's socket (${source}) and can start, stop and remove any container, with full access to the host.`,
    });
  } else if (SYSTEM_FOLDERS.has(source.replace(/\/+$/, '') || '/') || SYSTEM_TREES.some((t) => source.startsWith(t))) {
    warnings.push({
      kind: 'system-folder',
      message: `It mounts ${source}, a system folder of the host: a change made in the container changes the host itself.`,
    });
  }
  if (exists === false) {
    warnings.push({
      kind: 'host-path-missing',
      message: `The host path ${source} does not exist. The engine creates an empty folder there when the container starts, or refuses to start it.`,
    });
  }
  return warnings;
}

/** Host paths are checked here only when the engine runs on this machine (a local socket on Linux). */
export function hostIsLocal(info: EngineInfo | undefined): boolean {
  return info !== undefined && info.endpoint.startsWith('unix://') && process.platform === 'linux';
}

const pathExists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch (error) {
    // A path we may not read (EACCES) exists.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
};

interface RawMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  RW?: boolean;
  Propagation?: string;
}

function group(
  containers: ReadonlyArray<EngineContainer & { Mounts?: RawMount[] | null }>,
  local: boolean,
): MountGroup[] {
  const groups = new Map<string, MountGroup>();
  for (const c of containers) {
    if (c.Labels?.[HELPER_LABEL] !== undefined) continue;
    const name = containerName(c.Names, c.Id);
    for (const m of c.Mounts ?? []) {
      const type = (m.Type ?? 'bind') as MountGroup['type'];
      const source = type === 'volume' ? (m.Name ?? m.Source ?? '') : type === 'tmpfs' ? '' : (m.Source ?? '');
      const key =
        type === 'volume'
          ? `volume:${source}`
          : type === 'tmpfs'
            ? `tmpfs:${name}:${m.Destination ?? ''}`
            : `${type}:${source}`;
      let g = groups.get(key);
      if (!g) {
        const exists = type === 'bind' ? (local ? pathExists(source) : null) : undefined;
        g = { key, type, source, warnings: mountWarnings(type, source, exists), users: [] };
        if (exists !== undefined) g.hostPathExists = exists;
        groups.set(key, g);
      }
      g.users.push({
        containerId: c.Id,
        containerName: name,
        state: toContainerState(c.State),
        destination: m.Destination ?? '',
        readOnly: m.RW === false,
        ...(m.Propagation ? { propagation: m.Propagation } : {}),
      });
    }
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export async function listMounts(engine: Engine): Promise<MountsOverview> {
  const raw = (await engine.docker().listContainers({ all: true })) as unknown as EngineContainer[];
  const local = hostIsLocal(engine.info());
  return { groups: group(raw, local), hostPathCheck: local ? 'local' : 'not-checked' };
}

// ---- Recreate with other mounts ----

interface Inspect {
  Id: string;
  Name: string;
  State: { Running?: boolean };
  Config: {
    Hostname?: string;
    User?: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | string | null;
    Image: string;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    StopSignal?: string;
    [key: string]: unknown;
  };
  HostConfig: {
    Binds?: string[] | null;
    Mounts?: unknown[] | null;
    NetworkMode?: string;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    ExtraHosts?: string[] | null;
    [key: string]: unknown;
  };
  NetworkSettings?: {
    Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown; Links?: string[] | null }> | null;
  };
}

interface ImageConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
}

const asList = (v: string[] | string | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function portFlags(bindings: Inspect['HostConfig']['PortBindings']): string[] {
  const out: string[] = [];
  for (const [port, list] of Object.entries(bindings ?? {})) {
    const [num, proto] = port.split('/');
    const suffix = proto && proto !== 'tcp' ? `/${proto}` : '';
    for (const b of list ?? [{}]) {
      const host = [b.HostIp, b.HostPort].filter((x) => x !== undefined && x !== '').join(':');
      out.push(host === '' ? `${num}${suffix}` : `${host}:${num}${suffix}`);
    }
  }
  return out;
}

/** The container as `docker create` flags, leaving out what the image already gives. */
export function runSpecOf(c: Inspect, image: ImageConfig, name: string, mounts: readonly MountSpec[]): RunSpec {
  const imageEnv = new Set(image.Env ?? []);
  const imageLabels = image.Labels ?? {};
  const entrypoint = asList(c.Config.Entrypoint);
  const cmd = asList(c.Config.Cmd);
  const entryChanged = !same(entrypoint, image.Entrypoint ?? []);
  const spec: RunSpec = {
    name,
    image: c.Config.Image,
    env: (c.Config.Env ?? []).filter(
      (e) =>
        !imageEnv.has(e) &&
        !(c.Config.Hostname && e === `HOSTNAME=${c.Config.Hostname}` && c.Id.startsWith(c.Config.Hostname)),
    ),
    ports: portFlags(c.HostConfig.PortBindings),
    labels: Object.fromEntries(Object.entries(c.Config.Labels ?? {}).filter(([k, v]) => imageLabels[k] !== v)),
    mounts: mounts.map((m) => ({
      type: m.type,
      ...(m.source !== undefined ? { source: m.source } : {}),
      target: m.target,
      ...(m.readOnly ? { readOnly: true } : {}),
    })),
  };
  if (entryChanged) spec.entrypoint = entrypoint;
  if (entryChanged || !same(cmd, image.Cmd ?? [])) spec.command = cmd;
  const restart = c.HostConfig.RestartPolicy;
  if (restart?.Name && restart.Name !== 'no')
    spec.restart =
      restart.Name === 'on-failure' && restart.MaximumRetryCount
        ? `on-failure:${restart.MaximumRetryCount}`
        : restart.Name;
  const net = c.HostConfig.NetworkMode;
  if (net && net !== 'default' && net !== 'bridge') spec.network = net;
  if (c.Config.User && c.Config.User !== (image.User ?? '')) spec.user = c.Config.User;
  if (c.Config.WorkingDir && c.Config.WorkingDir !== (image.WorkingDir ?? '')) spec.workdir = c.Config.WorkingDir;
  if (c.Config.Hostname && !c.Id.startsWith(c.Config.Hostname)) spec.hostname = c.Config.Hostname;
  if (c.Config.Tty) spec.tty = true;
  if (c.Config.OpenStdin) spec.openStdin = true;
  if (c.HostConfig.Privileged) spec.privileged = true;
  if (c.HostConfig.CapAdd?.length) spec.capAdd = c.HostConfig.CapAdd;
  if (c.HostConfig.CapDrop?.length) spec.capDrop = c.HostConfig.CapDrop;
  if (c.HostConfig.ExtraHosts?.length) spec.extraHosts = c.HostConfig.ExtraHosts;
  return spec;
}

const names = (c: Inspect) => {
  const name = c.Name.replace(/^\//, '');
  const tag = c.Id.slice(0, 6);
  return { name, fresh: `${name}-new-${tag}`, old: `${name}-old-${tag}` };
};

function plan(c: Inspect, image: ImageConfig, mounts: readonly MountSpec[]): EditMountsPlan {
  const { name, fresh, old } = names(c);
  const running = c.State.Running === true;
  const commands = [
    dockerCommand('container.create', runSpecOf(c, image, fresh, mounts)),
    ...(running ? [dockerCommand('container.stop', { containers: [name] })] : []),
    dockerCommand('container.rename', { container: name, name: old }),
    dockerCommand('container.rename', { container: fresh, name }),
    ...(running ? [dockerCommand('container.start', { containers: [name] })] : []),
    dockerCommand('container.remove', { containers: [old] }),
  ];
  const survives = mounts
    .filter((m) => m.type !== 'tmpfs')
    .map((m) =>
      m.type === 'volume'
        ? `The volume "${m.source || '(new, anonymous)'}" at ${m.target}, with its files.`
        : `The host folder ${m.source} at ${m.target}.`,
    );
  const kept = new Set(mounts.map((m) => `${m.type}:${m.source ?? ''}`));
  const dropped = [...((c as unknown as { Mounts?: RawMount[] }).Mounts ?? [])].filter(
    (m) => m.Type === 'volume' && !kept.has(`volume:${m.Name ?? ''}`),
  );
  for (const m of dropped)
    survives.push(`The volume "${m.Name}" is no longer mounted here, but it is kept with its files.`);
  return {
    commands,
    survives,
    lost: [
      'Files the container wrote outside its volumes and bind mounts (its own layer) are lost: the new container starts from the image.',
      'Whatever is in tmpfs mounts and the processes running now.',
      'Its logs so far, and its id (the new container has a new id, under the same name).',
    ],
    restarts: running,
  };
}

function createBody(c: Inspect, name: string, mounts: readonly MountSpec[]) {
  const config = { ...c.Config };
  if (config.Hostname !== undefined && c.Id.startsWith(config.Hostname)) {
    // The engine named it after the old id (Podman also put it in HOSTNAME): the new container gets its own.
    const generated = `HOSTNAME=${config.Hostname}`;
    config.Env = (config.Env ?? []).filter((e) => e !== generated);
    delete config.Hostname;
  }
  const host = { ...c.HostConfig };
  delete host.Binds;
  // Podman's inspect names ulimits "RLIMIT_NOFILE"; its create takes only "nofile".
  if (Array.isArray(host.Ulimits)) {
    host.Ulimits = (host.Ulimits as Array<{ Name: string }>).map((u) => ({
      ...u,
      Name: u.Name.replace(/^RLIMIT_/, '').toLowerCase(),
    }));
  }
  host.Mounts = mounts.map((m) => ({
    Type: m.type,
    Target: m.target,
    ReadOnly: m.readOnly === true,
    ...(m.type !== 'tmpfs' && m.source ? { Source: m.source } : {}),
  }));
  const networks = c.NetworkSettings?.Networks ?? {};
  const primary = host.NetworkMode && networks[host.NetworkMode] ? host.NetworkMode : undefined;
  const endpoint = primary !== undefined ? networks[primary] : undefined;
  const aliases = (endpoint?.Aliases ?? []).filter((a) => !c.Id.startsWith(a));
  return {
    name,
    ...config,
    HostConfig: host,
    ...(primary !== undefined && aliases.length > 0
      ? { NetworkingConfig: { EndpointsConfig: { [primary]: { Aliases: aliases } } } }
      : {}),
  };
}

async function inspectBoth(docker: Docker, id: string): Promise<{ c: Inspect; image: ImageConfig }> {
  const c = (await docker.getContainer(id).inspect()) as unknown as Inspect;
  const image =
    (
      (await docker
        .getImage(c.Config.Image)
        .inspect()
        .catch(() => ({}))) as { Config?: ImageConfig }
    ).Config ?? {};
  return { c, image };
}

export async function editMounts(docker: Docker, input: ParsedInputOf<'mounts.edit'>): Promise<EditMountsResult> {
  const { c, image } = await inspectBoth(docker, input.id);
  const p = plan(c, image, input.mounts);
  const { name, fresh, old } = names(c);
  const running = c.State.Running === true;
  const created = await docker.createContainer(createBody(c, fresh, input.mounts) as Docker.ContainerCreateOptions);
  const previous = docker.getContainer(c.Id);
  let renamedOld = false;
  let renamedNew = false;
  try {
    const networks = Object.entries(c.NetworkSettings?.Networks ?? {}).filter(([n]) => n !== c.HostConfig.NetworkMode);
    for (const [network, ep] of networks) {
      const aliases = (ep.Aliases ?? []).filter((a) => !c.Id.startsWith(a));
      await docker
        .getNetwork(network)
        .connect({ Container: created.id, ...(aliases.length > 0 ? { EndpointConfig: { Aliases: aliases } } : {}) });
    }
    if (running)
      await previous.stop().catch((e: { statusCode?: number }) => {
        if (e.statusCode !== 304) throw e;
      });
    await previous.rename({ name: old });
    renamedOld = true;
    await created.rename({ name });
    renamedNew = true;
    if (running) await created.start();
  } catch (error) {
    // Put the old container back as it was; the new one goes.
    if (renamedNew) await created.rename({ name: fresh }).catch(() => {});
    await created.remove({ force: true }).catch(() => {});
    if (renamedOld) await previous.rename({ name }).catch(() => {});
    if (running) await previous.start().catch(() => {});
    throw new ApiError({
      code: 'engine',
      message: `Recreating "${name}" failed, so it was left as it was: ${(error as Error).message}`,
      hint: 'Check the mounts (a host path must exist for a bind mount) and try again.',
    });
  }
  await previous.remove({ v: false });
  return { ...p, id: created.id, name };
}

export function createMountsService(
  engine: Engine,
): ServiceHandlers<'mounts.list' | 'mounts.ofContainer' | 'mounts.editPreview' | 'mounts.edit'> {
  return {
    requests: {
      'mounts.list': () => listMounts(engine),
      'mounts.ofContainer': async ({ id }) => {
        const c = (await engine.docker().getContainer(id).inspect()) as unknown as Inspect & {
          Mounts?: RawMount[];
          State: { Status?: string };
        };
        const asListed = {
          Id: c.Id,
          Names: [c.Name],
          State: c.State.Status ?? '',
          Mounts: c.Mounts ?? [],
        } as EngineContainer & { Mounts: RawMount[] };
        return group([asListed], hostIsLocal(engine.info()));
      },
      'mounts.editPreview': async ({ id, mounts }) => {
        const { c, image } = await inspectBoth(engine.docker(), id);
        return plan(c, image, mounts);
      },
      'mounts.edit': (input) => editMounts(engine.docker(), input),
    },
    subscriptions: {},
  };
}
