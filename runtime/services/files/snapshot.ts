// Listing a folder of a stopped Docker container without the engine sending
// the folder's whole subtree (which is all GET /containers/{id}/archive can
// do; with a volume mounted under the folder, that can be gigabytes).
//
// A read-only snapshot instead: `docker commit --pause=false` of the stopped
// container (its own layer, not its volumes), a helper container from that
// image with the container's volumes and bind mounts attached read-only, and
// a static busybox put in before it starts (the user's image may have no
// shell at all). Folders are then listed with the same scripts as in a
// running container, one `find -maxdepth 1` each. Anything that changes the
// container's files (Wharf's own saves, uploads, new folders, renames and
// deletes; a `docker cp` into it; starting or removing it) drops the
// snapshot, and the next listing makes a fresh one. A snapshot idle for a
// minute goes too. Where no static busybox is at hand, listing falls back
// to the archive.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { RawEngineEvent } from '../../engine/types';
import { HELPER_LABEL, HELPER_OWNER, HELPER_OWNER_LABEL, type HelperPool, ownerGone, removeHelper } from './helper';
import type { Place } from './place';
import { readTar, tarArchive } from './tar';

/** On a snapshot's image and helper: the id of the container it copies. */
export const SNAPSHOT_LABEL = 'io.wharf.helper.snapshot';

/** Where the busybox goes inside the snapshot; hidden from the listing of "/". */
export const SNAPSHOT_BIN = '/.wharf-snapshot';

/** What the listing scripts run (scripts.ts), and a few more for safety. */
const APPLETS = [
  'sh', 'ls', 'find', 'stat', 'realpath', 'dirname', 'basename', 'sha256sum', 'cat', 'tar', 'head', 'tail', 'wc', 'sort',
  'readlink', 'test', '[', 'printf', 'echo', 'sleep', 'mkdir', 'mv', 'rm', 'tr', 'sed', 'xargs', 'env', 'true', 'false',
  'cut', 'grep', 'od', 'dd', 'pwd', 'id',
];

/** True for an ELF executable with no program interpreter (PT_INTERP): it runs with no libraries around it. */
export function isStaticElf(bytes: Buffer): boolean {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) return false;
  const wide = bytes[4] === 2;
  const le = bytes[5] === 1;
  const u16 = (o: number) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number) => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const phoff = wide ? Number(le ? bytes.readBigUInt64LE(0x20) : bytes.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(wide ? 0x36 : 0x2a);
  const phnum = u16(wide ? 0x38 : 0x2c);
  if (phnum === 0 || phoff + phnum * phentsize > bytes.length) return false;
  for (let i = 0; i < phnum; i++) if (u32(phoff + i * phentsize) === 3) return false;
  return true;
}

/** /bin/busybox of the helper image, when it is static; read once per engine client. */
const busyboxes = new WeakMap<Docker, Promise<Buffer | undefined>>();

async function readBusybox(docker: Docker, image: string): Promise<Buffer | undefined> {
  const container = await docker.createContainer({
    name: `wharf-helper-${randomBytes(4).toString('hex')}`,
    Image: image,
    Cmd: ['true'],
    Labels: { [HELPER_LABEL]: 'files', [HELPER_OWNER_LABEL]: HELPER_OWNER },
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    const tar = (await container.getArchive({ path: '/bin/busybox' })) as unknown as Readable;
    let found: Buffer | undefined;
    try {
      await readTar(
        tar,
        (h, data) => {
          if (h.type === 'file' && data !== undefined) found = data;
          return false;
        },
        (h) => h.type === 'file' && h.size < 16 * 1024 * 1024,
      );
    } finally {
      tar.destroy();
    }
    return found !== undefined && isStaticElf(found) ? found : undefined;
  } catch {
    return undefined;
  } finally {
    await removeHelper(docker, container.id).catch(() => {});
  }
}

function staticBusybox(docker: Docker, pool: HelperPool): Promise<Buffer | undefined> {
  let found = busyboxes.get(docker);
  if (found === undefined) {
    found = pool.image(docker).then(
      (image) => readBusybox(docker, image),
      () => undefined,
    );
    busyboxes.set(docker, found);
    // Not remembered when none was found: the user may pull an image with one.
    void found.then((b) => b === undefined && busyboxes.delete(docker));
  }
  return found;
}

interface Inspected {
  Id: string;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string }[];
}

interface Snapshot {
  helper: string;
  image: string;
}

async function removeSnapshot(docker: Docker, s: Snapshot): Promise<void> {
  await removeHelper(docker, s.helper).catch(() => {});
  await docker
    .getImage(s.image)
    .remove({ force: true, noprune: false })
    .catch(() => {});
}

async function makeSnapshot(docker: Docker, pool: HelperPool, containerId: string): Promise<Snapshot | undefined> {
  const busybox = await staticBusybox(docker, pool);
  if (busybox === undefined) return undefined;
  const source = docker.getContainer(containerId);
  const info = (await source.inspect()) as Inspected;
  const labels = { [HELPER_LABEL]: 'snapshot', [HELPER_OWNER_LABEL]: HELPER_OWNER, [SNAPSHOT_LABEL]: info.Id };
  const committed = (await source.commit({
    pause: false,
    changes: `LABEL ${Object.entries(labels)
      .map(([k, v]) => `${JSON.stringify(k)}=${JSON.stringify(v)}`)
      .join(' ')}`,
  })) as { Id: string };
  const snapshot: Snapshot = { helper: '', image: committed.Id };
  try {
    const mounts = (info.Mounts ?? []).flatMap((m): Docker.MountSettings[] => {
      if (m.Destination === undefined) return [];
      if (m.Type === 'volume' && m.Name !== undefined) {
        // NoCopy: an empty volume must not be filled from the snapshot's image.
        return [{ Type: 'volume', Source: m.Name, Target: m.Destination, ReadOnly: true, VolumeOptions: { NoCopy: true } as Docker.MountSettings['VolumeOptions'] }];
      }
      if (m.Type === 'bind' && m.Source !== undefined) return [{ Type: 'bind', Source: m.Source, Target: m.Destination, ReadOnly: true }];
      return [];
    });
    const helper = await docker.createContainer({
      name: `wharf-snapshot-${randomBytes(4).toString('hex')}`,
      Image: committed.Id,
      Entrypoint: [`${SNAPSHOT_BIN}/busybox`],
      // sleep as PID 1 ignores SIGTERM; helpers are always removed with force.
      Cmd: ['sleep', '86400'],
      User: '0',
      WorkingDir: '/',
      Env: [`PATH=${SNAPSHOT_BIN}`],
      Labels: labels,
      NetworkDisabled: true,
      Healthcheck: { Test: ['NONE'] },
      HostConfig: { NetworkMode: 'none', AutoRemove: true, Mounts: mounts },
    });
    snapshot.helper = helper.id;
    const bin = SNAPSHOT_BIN.slice(1);
    const tar = tarArchive([
      { path: bin, type: 'dir' },
      { path: `${bin}/busybox`, type: 'file', data: busybox, mode: 0o755 },
      ...APPLETS.map((a) => ({ path: `${bin}/${a}`, type: 'symlink' as const, linkTarget: 'busybox' })),
    ]);
    await helper.putArchive(tar as unknown as NodeJS.ReadableStream, { path: '/' });
    await helper.start();
    return snapshot;
  } catch {
    await removeSnapshot(docker, snapshot);
    return undefined;
  }
}

export interface SnapshotPool {
  /**
   * The place to list a stopped container's folders in: its snapshot's
   * helper, made on first use; undefined when none can be made (list
   * through the archive then).
   */
  place(docker: Docker, pool: HelperPool, place: Place): Promise<Place | undefined>;
  /** Forgets and removes the snapshot of a container (its files changed). */
  drop(containerId: string): Promise<void>;
  /** True when no snapshot is kept (nothing to drop). */
  empty(): boolean;
  /** Drops every snapshot (a change whose container is not known here). */
  dropAll(): Promise<void>;
  /** Drops the snapshot of a container an engine event says changed. */
  onEvent(event: RawEngineEvent): void;
  dispose(): Promise<void>;
}

interface Entry {
  docker: Docker;
  snapshot: Promise<Snapshot | undefined>;
  timer?: NodeJS.Timeout;
}

/** Container events after which a snapshot no longer shows the container's files. */
const CHANGING = new Set(['start', 'destroy', 'extract-to-dir']);

export function createSnapshotPool(options: { idleMs?: number } = {}): SnapshotPool {
  const idleMs = options.idleMs ?? 60_000;
  const entries = new Map<string, Entry>();

  const drop = async (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    clearTimeout(entry.timer);
    const s = await entry.snapshot.catch(() => undefined);
    if (s !== undefined) await removeSnapshot(entry.docker, s);
  };

  return {
    async place(docker, pool, place) {
      const id = place.containerId;
      let entry = entries.get(id);
      if (entry && entry.docker !== docker) {
        await drop(id);
        entry = undefined;
      }
      if (!entry) {
        const created: Entry = { docker, snapshot: makeSnapshot(docker, pool, id) };
        entries.set(id, created);
        entry = created;
        // A failure is not kept: the next listing tries again.
        void created.snapshot.then(
          (s) => s === undefined && entries.get(id) === created && entries.delete(id),
          () => entries.get(id) === created && entries.delete(id),
        );
      }
      const current = entry;
      clearTimeout(current.timer);
      current.timer = setTimeout(() => void drop(id), idleMs);
      current.timer.unref();
      const s = await current.snapshot.catch(() => undefined);
      if (s === undefined) return undefined;
      return { ...place, via: 'exec', containerId: s.helper, hidden: [SNAPSHOT_BIN.slice(1)] };
    },
    drop,
    empty: () => entries.size === 0,
    dropAll: async () => {
      await Promise.all([...entries.keys()].map(drop));
    },
    onEvent(event) {
      if (event.Type !== 'container' || !CHANGING.has(event.Action)) return;
      if (entries.has(event.Actor.ID)) void drop(event.Actor.ID);
    },
    dispose: async () => {
      await Promise.all([...entries.keys()].map(drop));
    },
  };
}

/**
 * Removes snapshot images a Wharf that is gone left behind (their helpers
 * go with the other helpers, removeStaleHelpers). Returns the removed ids.
 */
export async function removeStaleSnapshots(docker: Docker, now = Date.now()): Promise<string[]> {
  const images = (await docker.listImages({ filters: JSON.stringify({ label: [SNAPSHOT_LABEL] }) })) as Array<{
    Id: string;
    Created: number;
    Labels?: Record<string, string> | null;
  }>;
  const stale = images.filter((i) => ownerGone(i.Labels ?? undefined, i.Created, now));
  await Promise.all(stale.map((i) => docker.getImage(i.Id).remove({ force: true }).catch(() => {})));
  return stale.map((i) => i.Id);
}
