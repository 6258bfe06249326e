// Learn: a step's check against the connected engine. Met: `done` (with the
// objects it matched, recorded so Reset removes UI-way work too). Not met:
// `todo`, or `off` with what is off when the engine shows an attempt.
import type Docker from 'dockerode';
import { LESSON_LABEL } from './contract';
import type { CheckMessage, MessageKey } from './messages';
import type { CheckSpec } from './schema';
import type { z } from 'zod';
import type { ContainerCheck } from './schema';

export interface Matched {
  containers: string[];
  /** Image refs (tags) a check found. */
  images: string[];
  volumes: string[];
  networks: string[];
  pods: string[];
}

export interface CheckResult {
  status: 'done' | 'todo' | 'off';
  message?: CheckMessage;
  matched?: Partial<Matched>;
}

export interface CheckContext {
  docker: Docker;
  engineKind: string | undefined;
  lessonId: string;
  /** The text of a file in a volume (Wharf's helper reads it); undefined when there is no such file. */
  readVolumeFile(volume: string, path: string): Promise<string | undefined>;
  /** Pods on Podman (libpod's /pods/json). */
  listPods(): Promise<RawPod[]>;
}

export interface RawPod {
  Name: string;
  Status?: string;
  Containers?: Array<{ Id: string; Names?: string; Status?: string }>;
  Labels?: Record<string, string>;
}

/** What a container inspect holds that checks read. */
export interface InspectedContainer {
  Id: string;
  Name: string;
  Path?: string;
  Args?: string[];
  Image?: string;
  State?: { Status?: string; ExitCode?: number; OOMKilled?: boolean; Error?: string };
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  HostConfig?: { Memory?: number; PortBindings?: Record<string, Array<{ HostPort?: string }> | null> | null };
  NetworkSettings?: {
    Ports?: Record<string, Array<{ HostPort?: string }> | null> | null;
    Networks?: Record<string, unknown> | null;
  };
  Mounts?: Array<{ Type?: string; Name?: string; Source?: string; Destination?: string }>;
}

const done = (matched?: Partial<Matched>): CheckResult => ({ status: 'done', ...(matched ? { matched } : {}) });
const TODO: CheckResult = { status: 'todo' };
const off = (key: MessageKey, values: CheckMessage['values']): CheckResult => ({
  status: 'off',
  message: { key, values },
});

/** `busybox` → `busybox:latest`; Docker Hub's `docker.io/library/` prefix dropped. */
export function normalizeRef(ref: string): string {
  let r = ref.replace(/^docker\.io\/(library\/)?/, '').replace(/^index\.docker\.io\/(library\/)?/, '');
  const lastPart = r.slice(r.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !r.includes('@')) r += ':latest';
  return r;
}

const bareName = (name: string) => name.replace(/^\//, '');
const commandOf = (c: InspectedContainer) => [c.Path ?? '', ...(c.Args ?? [])].filter(Boolean).join(' ');
const statusOf = (c: InspectedContainer) => c.State?.Status ?? 'unknown';

const notFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

/** The first way `c` differs from `spec` (in check order), or undefined when it matches every field given. */
export function containerMismatch(
  c: InspectedContainer,
  spec: z.infer<typeof ContainerCheck>,
  context: { lessonId: string; imageId?: string },
): CheckResult | undefined {
  const name = bareName(c.Name);
  if (spec.image !== undefined) {
    const given = c.Config?.Image ?? '';
    const same = normalizeRef(given) === normalizeRef(spec.image) || (context.imageId && c.Image === context.imageId);
    if (!same) return off('containerImage', { name, actual: normalizeRef(given), expected: spec.image });
  }
  if (spec.command !== undefined && !commandOf(c).includes(spec.command))
    return off('containerCommand', { name, actual: commandOf(c), expected: spec.command });
  const state = statusOf(c);
  // Podman leaves a start that failed at code 0 with the reason in State.Error; its CLI says 127 for a command not found.
  const startError = state === 'created' ? (c.State?.Error ?? '') : '';
  const code = c.State?.ExitCode || (/not found|no such file/i.test(startError) ? 127 : startError ? 126 : 0);
  const oom = c.State?.OOMKilled === true ? 1 : 0;
  if (spec.state !== undefined && state !== spec.state) {
    if (state === 'exited' && (code !== 0 || oom)) return off('containerExited', { name, code, oom });
    // A start that failed (command not found) leaves the container created, with the code.
    if (state === 'created' && code !== 0) return off('containerNotStarted', { name, code, oom });
    return off('containerState', { name, actual: state, expected: spec.state });
  }
  if (spec.exitCode !== undefined) {
    if (state !== 'exited') return off('containerState', { name, actual: state, expected: 'exited' });
    if (code !== spec.exitCode) return off('containerExitCode', { name, code, oom, expected: spec.exitCode });
  }
  if (spec.publishes !== undefined) {
    const key = `${spec.publishes.container}/tcp`;
    const bindings = c.NetworkSettings?.Ports?.[key] ?? c.HostConfig?.PortBindings?.[key] ?? [];
    const hosts = (bindings ?? []).map((b) => Number(b.HostPort)).filter((p) => p > 0);
    if (hosts.length === 0) return off('containerNoPort', { name, port: spec.publishes.container });
    if (spec.publishes.host !== undefined && !hosts.includes(spec.publishes.host))
      return off('containerHostPort', {
        name,
        port: spec.publishes.container,
        actual: hosts.join(', '),
        expected: spec.publishes.host,
      });
  }
  if (spec.mounts !== undefined) {
    const { destination, volume, source } = spec.mounts;
    const mount = (c.Mounts ?? []).find((m) => m.Destination === destination);
    if (mount === undefined) return off('containerNoMount', { name, destination });
    if (volume !== undefined && (mount.Type !== 'volume' || mount.Name !== volume))
      return off('containerMount', { name, destination, actual: mount.Name ?? mount.Source ?? '?', expected: volume });
    // A name without a path (`-v site:/site`) makes a volume where a folder was meant.
    if (source !== undefined && mount.Type === 'volume')
      return off('containerMountVolume', { name, destination, volume: mount.Name ?? '?', expected: source });
    if (source !== undefined && (mount.Type !== 'bind' || !(mount.Source ?? '').endsWith(source)))
      return off('containerMount', { name, destination, actual: mount.Source ?? mount.Name ?? '?', expected: source });
  }
  if (spec.network !== undefined && !Object.keys(c.NetworkSettings?.Networks ?? {}).includes(spec.network))
    return off('containerNetwork', { name, network: spec.network });
  if (spec.memory !== undefined && (c.HostConfig?.Memory ?? 0) !== spec.memory)
    return off('containerMemory', { name, actual: c.HostConfig?.Memory ?? 0, expected: spec.memory });
  if (spec.labelled === true && c.Config?.Labels?.[LESSON_LABEL] !== context.lessonId)
    return off('containerUnlabelled', { name, label: `${LESSON_LABEL}=${context.lessonId}` });
  return undefined;
}

/** Whether `ref`'s first `count` filesystem layers are `base`'s (the build reused the cache). */
export function sharesLayers(ref: readonly string[], base: readonly string[], count: number): boolean {
  if (base.length < count || ref.length < count) return false;
  return base.slice(0, count).every((layer, i) => ref[i] === layer);
}

async function inspectContainer(docker: Docker, id: string): Promise<InspectedContainer | undefined> {
  try {
    return await docker.getContainer(id).inspect();
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

async function inspectImage(docker: Docker, ref: string) {
  try {
    return (await docker.getImage(ref).inspect()) as unknown as { Id: string; RootFS?: { Layers?: string[] } };
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

async function listByFilters(docker: Docker, filters: Record<string, string[]>) {
  return docker.listContainers({ all: true, filters: JSON.stringify(filters) });
}

/** The containers a container check looks at: the named one, or else the lesson's own. */
async function candidates(ctx: CheckContext, name?: string): Promise<InspectedContainer[]> {
  const rows = await listByFilters(
    ctx.docker,
    name !== undefined ? { name: [`^/?${name}$`] } : { label: [`${LESSON_LABEL}=${ctx.lessonId}`] },
  );
  const found = await Promise.all(rows.map((r) => inspectContainer(ctx.docker, r.Id)));
  return found.filter(
    (c): c is InspectedContainer => c !== undefined && (name === undefined || bareName(c.Name) === name),
  );
}

async function checkContainer(ctx: CheckContext, spec: z.infer<typeof ContainerCheck>): Promise<CheckResult> {
  const list = await candidates(ctx, spec.name);
  if (list.length === 0) return TODO;
  const imageId = spec.image !== undefined ? (await inspectImage(ctx.docker, spec.image))?.Id : undefined;
  const context = { lessonId: ctx.lessonId, ...(imageId ? { imageId } : {}) };
  let first: CheckResult | undefined;
  for (const c of list) {
    const mismatch = containerMismatch(c, spec, context);
    if (mismatch === undefined) return done({ containers: [c.Id] });
    first ??= mismatch;
  }
  // Without a name, only an attempt that ran the step's image counts as off.
  return spec.name !== undefined ? first! : TODO;
}

async function checkNoContainer(
  ctx: CheckContext,
  spec: { name?: string; image?: string; state?: string; labelled?: true },
): Promise<CheckResult> {
  const filters: Record<string, string[]> = {};
  if (spec.name !== undefined) filters.name = [`^/?${spec.name}$`];
  if (spec.state !== undefined) filters.status = [spec.state];
  if (spec.labelled === true) filters.label = [`${LESSON_LABEL}=${ctx.lessonId}`];
  const rows = (await listByFilters(ctx.docker, filters)).filter(
    (r) =>
      (spec.name === undefined || r.Names.some((n) => bareName(n) === spec.name)) &&
      (spec.image === undefined || normalizeRef(r.Image) === normalizeRef(spec.image)),
  );
  if (rows.length === 0) return done();
  const names = rows.map((r) => bareName(r.Names[0] ?? r.Id)).join(', ');
  return spec.name !== undefined
    ? off('stillThere', { kind: 'container', name: names })
    : off('containersLeft', { count: rows.length, names });
}

async function checkNetwork(ctx: CheckContext, name: string, connects?: string[]): Promise<CheckResult> {
  let network: { Name: string; Id: string };
  try {
    network = await ctx.docker.getNetwork(name).inspect();
  } catch (error) {
    if (notFound(error)) return TODO;
    throw error;
  }
  if (connects !== undefined) {
    const missing: string[] = [];
    for (const container of connects) {
      const c = await inspectContainer(ctx.docker, container);
      if (c === undefined || !Object.keys(c.NetworkSettings?.Networks ?? {}).includes(network.Name))
        missing.push(container);
    }
    if (missing.length > 0) return off('networkMissing', { name, containers: missing.join(', ') });
  }
  return done({ networks: [network.Name] });
}

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

async function checkCompose(
  ctx: CheckContext,
  spec: { project: string; services?: string[]; running?: true },
): Promise<CheckResult> {
  const rows = await listByFilters(ctx.docker, { label: [`${COMPOSE_PROJECT}=${spec.project}`] });
  if (rows.length === 0) return TODO;
  const services = new Set(rows.map((r) => r.Labels[COMPOSE_SERVICE] ?? ''));
  const missing = (spec.services ?? []).filter((s) => !services.has(s));
  if (missing.length > 0) return off('composeServices', { project: spec.project, services: missing.join(', ') });
  if (spec.running === true) {
    const stopped = rows
      .filter((r) => r.State !== 'running')
      .map((r) => r.Labels[COMPOSE_SERVICE] ?? bareName(r.Names[0] ?? ''));
    if (stopped.length > 0) return off('composeStopped', { project: spec.project, services: stopped.join(', ') });
  }
  // The project's networks go with it on Reset, even when its file did not label them.
  const networks = await ctx.docker.listNetworks({
    filters: JSON.stringify({ label: [`${COMPOSE_PROJECT}=${spec.project}`] }),
  });
  return done({ containers: rows.map((r) => r.Id), networks: networks.map((n) => n.Name) });
}

async function checkNoCompose(ctx: CheckContext, project: string): Promise<CheckResult> {
  const rows = await listByFilters(ctx.docker, { label: [`${COMPOSE_PROJECT}=${project}`] });
  if (rows.length > 0)
    return off('composeLeft', {
      project,
      names: rows
        .map((r) => bareName(r.Names[0] ?? r.Id))
        .sort()
        .join(', '),
    });
  const networks = await ctx.docker.listNetworks({
    filters: JSON.stringify({ label: [`${COMPOSE_PROJECT}=${project}`] }),
  });
  if (networks.length > 0) return off('stillThere', { kind: 'network', name: networks.map((n) => n.Name).join(', ') });
  return done();
}

async function checkPod(
  ctx: CheckContext,
  spec: { name: string; containers?: number; running?: true },
): Promise<CheckResult> {
  if (ctx.engineKind !== 'podman') return off('podDocker', {});
  const pod = (await ctx.listPods()).find((p) => p.Name === spec.name);
  if (pod === undefined) return TODO;
  // Podman counts the pod's infra container among its containers; the learner's are the others.
  const own = (pod.Containers ?? []).length - ((pod.Containers ?? []).length > 0 && hasInfra(pod) ? 1 : 0);
  if (spec.containers !== undefined && own !== spec.containers)
    return off('podContainers', { name: spec.name, actual: own, expected: spec.containers });
  if (spec.running === true && (pod.Status ?? '').toLowerCase() !== 'running')
    return off('podStopped', { name: spec.name, actual: (pod.Status ?? 'unknown').toLowerCase() });
  return done({ pods: [pod.Name] });
}

const hasInfra = (pod: RawPod) => (pod.Containers ?? []).some((c) => /-infra$/.test(c.Names ?? ''));

async function checkPushed(ctx: CheckContext, ref: string): Promise<CheckResult> {
  try {
    await (ctx.docker.getImage(ref) as unknown as { distribution(opts?: object): Promise<unknown> }).distribution({});
    // The local tag that was pushed is the lesson's too: Reset untags it when it is still there.
    return done({ images: [ref] });
  } catch {
    // Not in the registry (or the registry is not reachable yet): nothing to say but "not yet".
    return TODO;
  }
}

/** Evaluates one check (and every part of an `all`) against the engine. */
export async function evaluate(check: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  if ('all' in check) {
    const results = await Promise.all(check.all.map((c) => evaluate(c, ctx)));
    const firstOff = results.find((r) => r.status === 'off');
    if (firstOff) return firstOff;
    if (results.some((r) => r.status === 'todo')) return TODO;
    return done(mergeMatched(results.map((r) => r.matched ?? {})));
  }
  if ('container' in check) return checkContainer(ctx, check.container);
  if ('noContainer' in check) return checkNoContainer(ctx, check.noContainer);
  if ('image' in check) {
    const image = await inspectImage(ctx.docker, check.image.ref);
    if (image === undefined) return TODO;
    const layers = image.RootFS?.Layers?.length ?? 0;
    if (check.image.minLayers !== undefined && layers < check.image.minLayers)
      return off('imageLayers', { ref: check.image.ref, actual: layers, expected: check.image.minLayers });
    return done({ images: [check.image.ref] });
  }
  if ('noImage' in check) {
    const { ref } = check.noImage;
    if (ref === undefined) {
      const dangling = await ctx.docker.listImages({ filters: JSON.stringify({ dangling: ['true'] }) });
      return dangling.length === 0 ? done() : off('danglingImages', { count: dangling.length });
    }
    return (await inspectImage(ctx.docker, ref)) === undefined
      ? done()
      : off('stillThere', { kind: 'image', name: ref });
  }
  if ('buildCached' in check) {
    const { ref, base } = check.buildCached;
    const [built, from] = await Promise.all([inspectImage(ctx.docker, ref), inspectImage(ctx.docker, base)]);
    if (built === undefined || from === undefined) return TODO;
    // Without a count, every layer of `base` (whatever its FROM image holds) must start `ref`.
    const count = check.buildCached.cachedSteps ?? from.RootFS?.Layers?.length ?? 1;
    return sharesLayers(built.RootFS?.Layers ?? [], from.RootFS?.Layers ?? [], count)
      ? done({ images: [ref] })
      : off('notCached', { ref, base, count });
  }
  if ('volume' in check)
    return (await volumeExists(ctx.docker, check.volume.name)) ? done({ volumes: [check.volume.name] }) : TODO;
  if ('noVolume' in check)
    return (await volumeExists(ctx.docker, check.noVolume.name))
      ? off('stillThere', { kind: 'volume', name: check.noVolume.name })
      : done();
  if ('volumeFile' in check) {
    const { volume, path, contains } = check.volumeFile;
    if (!(await volumeExists(ctx.docker, volume))) return TODO;
    const text = await ctx.readVolumeFile(volume, path);
    if (text === undefined) return off('volumeNoFile', { volume, path });
    return text.includes(contains)
      ? done({ volumes: [volume] })
      : off('volumeFileText', { volume, path, text: contains });
  }
  if ('network' in check) return checkNetwork(ctx, check.network.name, check.network.connects);
  if ('noNetwork' in check) {
    const r = await checkNetwork(ctx, check.noNetwork.name);
    return r.status === 'todo' ? done() : off('stillThere', { kind: 'network', name: check.noNetwork.name });
  }
  if ('compose' in check) return checkCompose(ctx, check.compose);
  if ('noCompose' in check) return checkNoCompose(ctx, check.noCompose.project);
  if ('pushed' in check) return checkPushed(ctx, check.pushed.ref);
  if ('pod' in check) return checkPod(ctx, check.pod);
  // manual: only the learner's "Done" marks it.
  return TODO;
}

async function volumeExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect();
    return true;
  } catch (error) {
    if (notFound(error)) return false;
    throw error;
  }
}

export function mergeMatched(parts: readonly Partial<Matched>[]): Partial<Matched> {
  const out: Partial<Matched> = {};
  for (const part of parts)
    for (const [k, v] of Object.entries(part) as Array<[keyof Matched, string[]]>)
      out[k] = [...new Set([...(out[k] ?? []), ...v])];
  return out;
}
