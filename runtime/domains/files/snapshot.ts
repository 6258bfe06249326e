// Listing a folder of a stopped Docker container without the engine sending
// the folder's whole subtree (which is all GET /containers/{id}/archive can
// do; with a volume mounted under the folder, that can be gigabytes).
//
// A read-only snapshot instead: `docker commit --pause=false` of the stopped
// container (its own layer, not its volumes), a helper container from that
// image with the container's volumes and bind mounts attached read-only, and
// the static busybox Wharf ships (helper-image.ts) put in before it starts
// (the user's image may have no shell at all). Folders are then listed with the same scripts as in a
// running container, one `find -maxdepth 1` each. Anything that changes the
// container's files (Wharf's own saves, uploads, new folders, renames and
// deletes; a `docker cp` into it; starting or removing it) drops the
// snapshot, and the next listing makes a fresh one. A snapshot idle for a
// minute goes too. Where Wharf's busybox is missing (or the engine is
// neither amd64 nor arm64), listing falls back to the archive.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { RawEngineEvent } from '../../engine/types';
import {
  HELPER_LABEL,
  HELPER_OWNER,
  HELPER_OWNER_LABEL,
  type HelperPool,
  helperHostConfig,
  ownerGone,
  removeHelper,
} from './helper';
import type { Place } from './place';
import { tarArchive } from './tar';

/** On a snapshot's image and helper: the id of the container it copies. */
export const SNAPSHOT_LABEL = 'io.wharf.helper.snapshot';

/** Where the busybox goes inside the snapshot; hidden from the listing of "/". */
export const SNAPSHOT_BIN = '/.wharf-snapshot';

/** What the listing scripts run (scripts.ts), and a few more for safety. */
const APPLETS = [
  'sh',
  'ls',
  'find',
  'stat',
  'realpath',
  'dirname',
  'basename',
  'sha256sum',
  'cat',
  'tar',
  'head',
  'tail',
  'wc',
  'sort',
  'readlink',
  'test',
  '[',
  'printf',
  'echo',
  'sleep',
  'mkdir',
  'mv',
  'rm',
  'tr',
  'sed',
  'xargs',
  'env',
  'true',
  'false',
  'cut',
  'grep',
  'od',
  'dd',
  'pwd',
  'id',
];

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
  const busybox = await pool.busybox(docker).catch(() => undefined);
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
        return [
          {
            Type: 'volume',
            Source: m.Name,
            Target: m.Destination,
            ReadOnly: true,
            VolumeOptions: { NoCopy: true } as Docker.MountSettings['VolumeOptions'],
          },
        ];
      }
      if (m.Type === 'bind' && m.Source !== undefined)
        return [{ Type: 'bind', Source: m.Source, Target: m.Destination, ReadOnly: true }];
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
      // Confined as the other helpers, but its root stays writable: the busybox is put in before it starts.
      // It only reads (everything it mounts is read-only), so reading any file is all it may do as root.
      HostConfig: {
        ...helperHostConfig({ readOnlyRoot: false, caps: ['DAC_OVERRIDE'] }),
        AutoRemove: true,
        Mounts: mounts,
      },
    });
    snapshot.helper = helper.id;
    const bin = SNAPSHOT_BIN.slice(1);
    const tar = tarArchive([
      { path: bin, type: 'dir' },
      { path: `${bin}/busybox`, type: 'file', data: busybox, mode: 0o755 },
      ...APPLETS.map((a) => ({ path: `${bin}/${a}`, type: 'symlink' as const, linkTarget: 'busybox' })),
    ]);
    await helper.putArchive(tar, { path: '/' });
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
  await Promise.all(
    stale.map((i) =>
      docker
        .getImage(i.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
  return stale.map((i) => i.Id);
}
