// Helper containers: a small local image with a shell and tar, run with a
// volume mounted at /v, so Wharf can look inside a volume on any engine
// (local or remote, Docker or Podman) without touching the engine host's disk.
// Wharf never pulls the helper image: it uses one that is already there and
// says so plainly when none is.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';

/** Label on every helper container, so lists and "in use" checks can leave them out. */
export const HELPER_LABEL = 'io.wharf.helper';
/** The volume a files helper serves (kept running while a folder is browsed). */
export const HELPER_VOLUME_LABEL = 'io.wharf.helper.volume';

/** Which Wharf made a helper ("host:pid"), so a later run can tell a crashed run's helpers from a live one's. */
export const HELPER_OWNER_LABEL = 'io.wharf.helper.owner';
export const HELPER_OWNER = `${hostname()}:${process.pid}`;
const OWNER = HELPER_OWNER;

/** Images Wharf accepts as helpers, best first: each has sh, tar, find, stat, realpath, sha256sum. */
export const HELPER_CANDIDATES = ['busybox', 'alpine', 'wharf-test/busybox'] as const;

/** The name a user would type for an image, without the registry prefixes engines add. */
function shortName(tag: string): { repo: string; tag: string } {
  const repoTag = tag.replace(/^(docker\.io\/library\/|docker\.io\/|localhost\/)/, '');
  const colon = repoTag.lastIndexOf(':');
  return colon > repoTag.lastIndexOf('/') ? { repo: repoTag.slice(0, colon), tag: repoTag.slice(colon + 1) } : { repo: repoTag, tag: 'latest' };
}

/**
 * The local image to run helpers from: `preferred` when set and present, else
 * the first of HELPER_CANDIDATES found locally (":latest" preferred).
 */
export async function resolveHelperImage(docker: Docker, preferred?: string): Promise<string> {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  if (preferred !== undefined && preferred !== '') {
    const want = shortName(preferred);
    const found = tags.find((t) => {
      const s = shortName(t);
      return s.repo === want.repo && s.tag === want.tag;
    });
    if (found !== undefined) return found;
    throw new ApiError({
      code: 'not-found',
      message: `The helper image "${preferred}" is not on this engine.`,
      hint: `Pull it once (docker pull ${preferred}) or clear the helper image setting to let Wharf choose.`,
    });
  }
  for (const repo of HELPER_CANDIDATES) {
    const matches = tags.filter((t) => shortName(t).repo === repo);
    const best = matches.find((t) => shortName(t).tag === 'latest') ?? matches[0];
    if (best !== undefined) return best;
  }
  throw new ApiError({
    code: 'unavailable',
    message: 'Wharf needs a small image with a shell to look inside volumes, and this engine has none.',
    hint: 'Pull one once: docker pull busybox',
  });
}

/** A volume by name, or a path on the engine host (`bind`), mounted at `target`. */
export interface HelperMount {
  volume?: string;
  bind?: string;
  target: string;
  readOnly?: boolean;
}

/** Creates and starts a helper that idles until removed; returns its id. */
export async function startHelper(
  docker: Docker,
  image: string,
  mounts: readonly HelperMount[],
  labels: Record<string, string> = {},
): Promise<string> {
  const container = await docker.createContainer({
    name: `wharf-helper-${randomBytes(4).toString('hex')}`,
    Image: image,
    // sleep as PID 1 ignores SIGTERM; helpers are always removed with force.
    Cmd: ['sleep', '86400'],
    Labels: { [HELPER_LABEL]: 'files', [HELPER_OWNER_LABEL]: OWNER, ...labels },
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      // Gone by itself if it ever outlives its sleep.
      AutoRemove: true,
      Mounts: mounts.map((m) =>
        m.bind !== undefined
          ? { Type: 'bind' as const, Source: m.bind, Target: m.target, ReadOnly: m.readOnly === true }
          : { Type: 'volume' as const, Source: m.volume ?? '', Target: m.target, ReadOnly: m.readOnly === true },
      ),
    },
  });
  try {
    await container.start();
  } catch (error) {
    await container.remove({ force: true }).catch(() => {});
    throw error;
  }
  return container.id;
}

export async function removeHelper(docker: Docker, id: string): Promise<void> {
  await docker
    .getContainer(id)
    .remove({ force: true, v: false })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Helpers without an owner label (older Wharf) are left this long before they count as stale. */
const UNOWNED_STALE_MS = 60 * 60 * 1000;

/** Whether what a helper label marks (created at `created`, Unix seconds) belongs to a Wharf that is gone. */
export function ownerGone(labels: Record<string, string> | undefined, created: number, now = Date.now()): boolean {
  const owner = labels?.[HELPER_OWNER_LABEL];
  if (owner === undefined) return now - created * 1000 > UNOWNED_STALE_MS;
  const colon = owner.lastIndexOf(':');
  const pid = Number(owner.slice(colon + 1));
  if (owner.slice(0, colon) !== hostname() || !Number.isInteger(pid)) return false;
  return pid !== process.pid && !alive(pid);
}

/**
 * Removes helpers left by a Wharf that is gone (a crash, a kill): stopped
 * ones; ones whose owner process on this machine no longer runs; unlabelled
 * ones older than an hour. Helpers of a live Wharf, here or on another
 * machine using the same engine, stay. Returns the removed ids.
 */
export async function removeStaleHelpers(
  docker: Docker,
  now = Date.now(),
  afterRemoved?: (helper: Docker.ContainerInfo) => Promise<void>,
): Promise<string[]> {
  const found = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [HELPER_LABEL] }) });
  const stale = found.filter((c) => c.State !== 'running' || ownerGone(c.Labels, c.Created, now));
  await Promise.all(
    stale.map((c) =>
      removeHelper(docker, c.Id)
        .then(() => afterRemoved?.(c))
        .catch(() => {}),
    ),
  );
  return stale.map((c) => c.Id);
}

/** Runs `fn` with a helper mounting `mounts`, and removes the helper after, whatever happens. */
export async function withHelper<T>(
  docker: Docker,
  image: string,
  mounts: readonly HelperMount[],
  fn: (id: string) => Promise<T>,
): Promise<T> {
  const id = await startHelper(docker, image, mounts);
  try {
    return await fn(id);
  } finally {
    await removeHelper(docker, id).catch(() => {});
  }
}

export interface HelperPool {
  /** A running helper with `volume` mounted at /v, kept while it is used. */
  forVolume(docker: Docker, volume: string): Promise<string>;
  /**
   * A running helper kept under `key` like a volume's (`start` makes it from
   * the helper image; `after` runs once it is removed), for helpers that
   * serve something other than one volume.
   */
  keep(docker: Docker, key: string, start: (image: string) => Promise<string>, after?: () => Promise<void>): Promise<string>;
  /** Removes the helper kept under `key`, if any, and runs its `after`. */
  forget(key: string): Promise<void>;
  /**
   * Marks work under way in the helper `id` until the returned function is
   * called: the idle timeout waits for it (an explicit release does not).
   */
  hold(id: string): () => void;
  /** Whether a helper for `volume` on this engine is running or starting. */
  has(docker: Docker, volume: string): boolean;
  /** Removes the helpers serving `volume` (before the volume is removed). */
  release(docker: Docker, volume: string): Promise<void>;
  /** The helper image, resolved once per engine client. */
  image(docker: Docker): Promise<string>;
  dispose(): Promise<void>;
}

interface PoolEntry {
  docker: Docker;
  id: Promise<string>;
  after?: () => Promise<void>;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps one helper per browsed volume so paging and opening files cost one
 * exec each, not a container start; a helper idle for `idleMs` is removed.
 */
export function createHelperPool(options: { preferredImage?: () => string | undefined; idleMs?: number } = {}): HelperPool {
  const idleMs = options.idleMs ?? 60_000;
  const entries = new Map<string, PoolEntry>();
  const images = new WeakMap<Docker, Promise<string>>();

  const image = (docker: Docker): Promise<string> => {
    let found = images.get(docker);
    if (found === undefined) {
      found = resolveHelperImage(docker, options.preferredImage?.());
      images.set(docker, found);
      // A failure is not remembered: the user may pull an image and try again.
      found.catch(() => images.delete(docker));
    }
    return found;
  };

  const drop = async (volume: string) => {
    const entry = entries.get(volume);
    if (!entry) return;
    entries.delete(volume);
    clearTimeout(entry.timer);
    const id = await entry.id.catch(() => undefined);
    if (id === undefined) return;
    await removeHelper(entry.docker, id).catch(() => {});
    await entry.after?.().catch(() => {});
  };

  /** Work under way per helper id (a long download, an upload): an idle timer does not remove a helper in use. */
  const holds = new Map<string, number>();

  const touch = (volume: string, entry: PoolEntry) => {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      void entry.id.then(
        (id) => ((holds.get(id) ?? 0) > 0 ? touch(volume, entry) : drop(volume)),
        () => drop(volume),
      );
    }, idleMs);
    entry.timer.unref();
  };

  const hold = (id: string) => {
    holds.set(id, (holds.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (holds.get(id) ?? 1) - 1;
      if (left > 0) holds.set(id, left);
      else holds.delete(id);
    };
  };

  const keep = async (docker: Docker, key: string, start: (image: string) => Promise<string>, after?: () => Promise<void>) => {
    let entry = entries.get(key);
    if (entry && entry.docker !== docker) {
      await drop(key);
      entry = undefined;
    }
    if (!entry) {
      const id = image(docker).then(start);
      const made: PoolEntry = { docker, id, ...(after ? { after } : {}) };
      entries.set(key, made);
      id.catch(() => {
        if (entries.get(key) === made) entries.delete(key);
      });
      entry = made;
    }
    touch(key, entry);
    return entry.id;
  };

  return {
    image,
    keep,
    forget: drop,
    hold,
    has: (docker, volume) => entries.get(volume)?.docker === docker,
    forVolume: (docker, volume) =>
      keep(docker, volume, (img) => startHelper(docker, img, [{ volume, target: '/v' }], { [HELPER_VOLUME_LABEL]: volume })),
    async release(docker, volume) {
      await drop(volume);
      // Helpers left by an earlier run of Wharf would keep the volume in use too.
      const stale = await docker.listContainers({
        all: true,
        filters: JSON.stringify({ label: [`${HELPER_VOLUME_LABEL}=${volume}`] }),
      });
      // Any other helper mounting it (a stopped container's snapshot) holds it too.
      const mounting = await docker
        .listContainers({ all: true, filters: JSON.stringify({ label: [HELPER_LABEL], volume: [volume] }) })
        .catch(() => []);
      await Promise.all([...stale, ...mounting].map((c) => removeHelper(docker, c.Id).catch(() => {})));
    },
    async dispose() {
      await Promise.all([...entries.keys()].map(drop));
    },
  };
}
