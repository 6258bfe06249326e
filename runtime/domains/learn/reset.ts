// Learn: what a lesson left on the engine, and its removal. A lesson's
// objects are those carrying `io.wharf.lesson=<id>` plus those its passed
// checks recorded (work done through Wharf's pages); nothing else is touched.
// Containers go first (forced, with their anonymous volumes), then pods,
// networks, volumes and images. Images go tag by tag, never forced: a tag the
// lesson put on busybox:latest is untagged and busybox:latest stays.
import type Docker from 'dockerode';
import type { LessonLeftovers } from './types';
import { LESSON_LABEL } from './contract';
import type { Matched, RawPod } from './checks';
import { normalizeRef } from './checks';
import { libpodCall } from '../../engine/libpod';

const notFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

async function exists<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

export interface LeftoverScope {
  docker: Docker;
  podman: boolean;
  lessonId: string;
  /** What passed checks matched (progress). */
  recorded: Matched;
  /** Images the lesson only uses (busybox:latest): never removed, even when a check matched them. */
  uses: readonly string[];
}

export const listPods = async (docker: Docker, filters?: Record<string, string[]>): Promise<RawPod[]> =>
  ((await libpodCall(docker, {
    method: 'GET',
    path: '/pods/json',
    ...(filters ? { query: { filters: JSON.stringify(filters) } } : {}),
  })) ?? []) as RawPod[];

export async function findLeftovers(scope: LeftoverScope): Promise<LessonLeftovers> {
  const { docker, recorded } = scope;
  const label = { label: [`${LESSON_LABEL}=${scope.lessonId}`] };
  const filters = JSON.stringify(label);

  const containers = new Map<string, string>();
  for (const c of await docker.listContainers({ all: true, filters })) {
    const name = (c.Names[0] ?? c.Id).replace(/^\//, '');
    // A pod's infra container carries the pod's labels; it goes with its pod.
    if (scope.podman && /^[0-9a-f]{12}-infra$/.test(name)) continue;
    containers.set(c.Id, name);
  }
  for (const id of recorded.containers) {
    if ([...containers.keys()].some((known) => known.startsWith(id))) continue;
    const c = await exists(() => docker.getContainer(id).inspect());
    if (c) containers.set(c.Id, c.Name.replace(/^\//, ''));
  }

  const pods = new Set<string>();
  if (scope.podman) {
    for (const p of await listPods(docker, label)) pods.add(p.Name);
    if (recorded.pods.length > 0) {
      const all = await listPods(docker);
      for (const name of recorded.pods) if (all.some((p) => p.Name === name)) pods.add(name);
    }
  }

  const networks = new Set((await docker.listNetworks({ filters })).map((n) => n.Name));
  for (const name of recorded.networks) if (await exists(() => docker.getNetwork(name).inspect())) networks.add(name);

  const volumes = new Set(((await docker.listVolumes({ filters })).Volumes ?? []).map((v) => v.Name));
  for (const name of recorded.volumes) if (await exists(() => docker.getVolume(name).inspect())) volumes.add(name);

  const images = new Map<string, string[]>();
  for (const i of await docker.listImages({ filters }))
    images.set(
      i.Id,
      (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    );
  const used = new Set(scope.uses.map(normalizeRef));
  for (const ref of recorded.images) {
    if (used.has(normalizeRef(ref))) continue;
    const image = await exists(() => docker.getImage(ref).inspect());
    if (image === undefined) continue;
    const tags = images.get(image.Id) ?? [];
    if (!tags.includes(ref)) images.set(image.Id, [...tags, ref]);
  }

  return {
    containers: [...containers].map(([id, name]) => ({ id, name })),
    images: [...images].map(([id, tags]) => ({ id, tags })),
    volumes: [...volumes],
    networks: [...networks],
    pods: [...pods],
  };
}

/** Removes what `findLeftovers` found; returns what was removed (an object in use by something else stays). */
export async function removeLeftovers(
  docker: Docker,
  found: LessonLeftovers,
  options: {
    log?: (message: string) => void;
    /** Lets go of Wharf's helper containers that hold a volume (a check read a file in it). */
    releaseVolume?: (volume: string) => Promise<void>;
  } = {},
): Promise<LessonLeftovers> {
  const log = options.log ?? (() => {});
  const removed: LessonLeftovers = { containers: [], images: [], volumes: [], networks: [], pods: [] };
  const attempt = async (what: string, remove: () => Promise<unknown>): Promise<boolean> => {
    try {
      await remove();
      return true;
    } catch (error) {
      if (notFound(error)) return true;
      log(`learn: could not remove ${what}: ${(error as Error).message}`);
      return false;
    }
  };
  for (const c of found.containers)
    if (await attempt(`container ${c.name}`, () => docker.getContainer(c.id).remove({ force: true, v: true })))
      removed.containers.push(c);
  for (const pod of found.pods)
    if (
      await attempt(`pod ${pod}`, () =>
        libpodCall(docker, { method: 'DELETE', path: `/pods/${encodeURIComponent(pod)}`, query: { force: true } }),
      )
    )
      removed.pods.push(pod);
  for (const network of found.networks)
    if (await attempt(`network ${network}`, () => docker.getNetwork(network).remove())) removed.networks.push(network);
  for (const volume of found.volumes) {
    await options.releaseVolume?.(volume).catch(() => undefined);
    if (await attempt(`volume ${volume}`, () => docker.getVolume(volume).remove())) removed.volumes.push(volume);
  }
  for (const image of found.images) {
    // Tag by tag (an image with several tags is removed with its last one); an untagged one by id.
    const refs = image.tags.length > 0 ? image.tags : [image.id];
    const gone: string[] = [];
    for (const ref of refs) if (await attempt(`image ${ref}`, () => docker.getImage(ref).remove())) gone.push(ref);
    if (gone.length > 0) removed.images.push({ id: image.id, tags: image.tags.filter((t) => gone.includes(t)) });
  }
  return removed;
}
