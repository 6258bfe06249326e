// Helper containers: Wharf's own helper image (helper-image.ts: a static
// busybox it ships, loaded into the engine on first need) run with a volume
// mounted at /v, so Wharf can look inside a volume on any engine (local or
// remote, Docker or Podman) without touching the engine host's disk. Wharf
// never pulls anything for this and never runs another image as a helper.
// Helpers run with no network, no capabilities but the few that writing
// into a volume as root needs, no new privileges, a read-only root and a
// limit on processes.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { HELPER_IMAGE, type HelperImage, engineHelperArch, ensureHelperImage, helperBusybox } from './helper-image';

/** Label on every helper container, so lists and "in use" checks can leave them out. */
export const HELPER_LABEL = 'io.wharf.helper';
/** The volume a files helper serves (kept running while a folder is browsed). */
export const HELPER_VOLUME_LABEL = 'io.wharf.helper.volume';

/** Which Wharf made a helper ("host:pid"), so a later run can tell a crashed run's helpers from a live one's. */
export const HELPER_OWNER_LABEL = 'io.wharf.helper.owner';
export const HELPER_OWNER = `${hostname()}:${process.pid}`;
const OWNER = HELPER_OWNER;

/**
 * What a helper may do as root, and no more: read and write any file in the
 * volume whoever owns it (DAC_OVERRIDE, FOWNER), keep owners, modes and
 * set-id bits when copying or extracting (CHOWN, FSETID).
 */
export const HELPER_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID'] as const;
/** Processes a helper may have at once (a script's pipes and loops use a handful). */
export const HELPER_PIDS_LIMIT = 64;

/** The confinement every helper container gets (a snapshot's, snapshot.ts, keeps a writable root and fewer capabilities). */
export function helperHostConfig({
  readOnlyRoot = true,
  caps = HELPER_CAPS,
}: { readOnlyRoot?: boolean; caps?: readonly string[] } = {}) {
  return {
    NetworkMode: 'none',
    CapDrop: ['ALL'],
    CapAdd: [...caps],
    SecurityOpt: ['no-new-privileges'],
    ReadonlyRootfs: readOnlyRoot,
    PidsLimit: HELPER_PIDS_LIMIT,
    ...(readOnlyRoot ? { Tmpfs: { '/tmp': 'rw,nosuid,nodev,noexec,size=16m' } } : {}),
  };
}

/** An engine error that says the image a container was to be made from is gone (removed meanwhile). */
export const noSuchImage = (error: unknown): boolean => {
  const e = error as { statusCode?: number; message?: string };
  return e.statusCode === 404 && /image/i.test(e.message ?? '');
};

/** A volume by name, or a path on the engine host (`bind`), mounted at `target`. */
export interface HelperMount {
  volume?: string;
  bind?: string;
  target: string;
  readOnly?: boolean;
}

/** Creates and starts a helper from `image` (the helper's ID) that idles until removed; returns its id. */
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
      ...helperHostConfig(),
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

export interface HelperPool {
  /** A running helper with `volume` mounted at /v, kept while it is used. */
  forVolume(docker: Docker, volume: string): Promise<string>;
  /**
   * A running helper kept under `key` like a volume's (`start` makes it from
   * the helper image; `after` runs once it is removed), for helpers that
   * serve something other than one volume.
   */
  keep(
    docker: Docker,
    key: string,
    start: (image: string) => Promise<string>,
    after?: () => Promise<void>,
  ): Promise<string>;
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
  /** The helper image's name, for the commands Wharf shows (nothing is loaded for it). */
  image(docker: Docker): Promise<string>;
  /** Wharf's helper image on this engine (its ID and name), loaded if need be; checked once per engine client. */
  helperImage(docker: Docker): Promise<HelperImage>;
  /** Runs `fn` with a throwaway helper mounting `mounts` (made again once if the helper image vanished meanwhile). */
  withHelper<T>(docker: Docker, mounts: readonly HelperMount[], fn: (id: string) => Promise<T>): Promise<T>;
  /** Wharf's static busybox for the engine's architecture (a stopped container's snapshot runs it). */
  busybox(docker: Docker): Promise<Buffer>;
  /** Forgets the helper image found on `docker` (it was removed): the next need loads it again. */
  forgetImage(docker: Docker): void;
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
export function createHelperPool(
  options: {
    idleMs?: number;
    /** Where the shipped busybox is looked for (paths.ts helperDirCandidates by default). */
    helperDirs?: readonly string[];
    /** Stands in for ensureHelperImage (unit tests of the pool's own logic). */
    ensureImage?: (docker: Docker) => Promise<HelperImage>;
  } = {},
): HelperPool {
  const idleMs = options.idleMs ?? 60_000;
  const entries = new Map<string, PoolEntry>();
  const images = new WeakMap<Docker, Promise<HelperImage>>();

  const helperImage = (docker: Docker): Promise<HelperImage> => {
    let found = images.get(docker);
    if (found === undefined) {
      const made = options.ensureImage ? options.ensureImage(docker) : ensureHelperImage(docker, options.helperDirs);
      images.set(docker, made);
      // A failure is not remembered: the next need tries again.
      made.catch(() => images.get(docker) === made && images.delete(docker));
      found = made;
    }
    return found;
  };
  const forgetImage = (docker: Docker) => void images.delete(docker);
  const busyboxes = new WeakMap<Docker, Promise<Buffer>>();
  const busybox = (docker: Docker): Promise<Buffer> => {
    let found = busyboxes.get(docker);
    if (found === undefined) {
      const read = engineHelperArch(docker).then((arch) => helperBusybox(arch, options.helperDirs));
      busyboxes.set(docker, read);
      read.catch(() => busyboxes.get(docker) === read && busyboxes.delete(docker));
      found = read;
    }
    return found;
  };

  /** Runs `start` with the helper image's ID; if the image was removed meanwhile, loads it again and retries once. */
  const fromImage = async <T>(docker: Docker, start: (image: string) => Promise<T>): Promise<T> => {
    try {
      return await start((await helperImage(docker)).id);
    } catch (error) {
      if (!noSuchImage(error)) throw error;
      forgetImage(docker);
      return start((await helperImage(docker)).id);
    }
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

  const keep = async (
    docker: Docker,
    key: string,
    start: (image: string) => Promise<string>,
    after?: () => Promise<void>,
  ) => {
    let entry = entries.get(key);
    if (entry && entry.docker !== docker) {
      await drop(key);
      entry = undefined;
    }
    if (!entry) {
      const id = fromImage(docker, start);
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
    image: async () => HELPER_IMAGE,
    helperImage,
    forgetImage,
    busybox,
    withHelper: (docker, mounts, fn) =>
      fromImage(docker, (image) => startHelper(docker, image, mounts)).then(async (id) => {
        try {
          return await fn(id);
        } finally {
          await removeHelper(docker, id).catch(() => {});
        }
      }),
    keep,
    forget: drop,
    hold,
    has: (docker, volume) => entries.get(volume)?.docker === docker,
    forVolume: (docker, volume) =>
      keep(docker, volume, (img) =>
        startHelper(docker, img, [{ volume, target: '/v' }], { [HELPER_VOLUME_LABEL]: volume }),
      ),
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
