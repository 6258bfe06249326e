// The engine's disk-usage answer (GET /system/df) turned into what
// `docker system df -v` shows: per kind, a count, how many are in use, the
// size and what is reclaimable, computed with the docker CLI's own formulas.
// Pure: tests feed it recorded answers.
import type { DiskBuildCacheEntry, DiskContainer, DiskImage, DiskUsage, DiskVolume } from './types';

/** The parts of /system/df Wharf reads, as Docker and Podman send them. */
export interface RawDiskUsage {
  LayersSize?: number;
  Images?: Array<{
    Id: string;
    RepoTags?: string[] | null;
    Size?: number;
    SharedSize?: number;
    Containers?: number;
  }> | null;
  Containers?: Array<{
    Id: string;
    Names?: string[] | null;
    Image?: string;
    State?: string;
    SizeRw?: number;
  }> | null;
  Volumes?: Array<{ Name: string; UsageData?: { Size?: number; RefCount?: number } | null }> | null;
  BuildCache?: Array<{
    ID: string;
    Type?: string;
    Description?: string;
    Size?: number;
    InUse?: boolean;
    Shared?: boolean;
    LastUsedAt?: string | null;
  }> | null;
}

const bySizeDesc =
  <T>(size: (item: T) => number | null) =>
  (a: T, b: T) =>
    (size(b) ?? -1) - (size(a) ?? -1);

/** A real tag: not Podman's "<none>" placeholders, and with a repository (Podman's df sometimes lists just "latest"). */
const realTags = (tags: readonly string[] | null | undefined) =>
  (tags ?? []).filter((t) => !t.startsWith('<none>') && t.includes(':'));

/** The CLI's test for a container whose layer is not reclaimable. */
export const isActiveState = (state: string): boolean => /running|paused|restarting/.test(state);

/**
 * Images reclaimable, as the CLI computes it: everything on disk minus the
 * unique bytes of images some container uses (their shared layers count once,
 * in the total).
 */
export function imagesReclaimable(
  total: number,
  images: ReadonlyArray<Pick<DiskImage, 'size' | 'sharedSize' | 'containers'>>,
): number {
  let used = 0;
  for (const i of images) {
    if (i.containers > 0 && i.sharedSize !== null && i.size >= 0) used += i.size - i.sharedSize;
  }
  return Math.max(0, total - used);
}

/** Containers: the writable layers of those not running, paused or restarting. */
export function containersReclaimable(containers: ReadonlyArray<Pick<DiskContainer, 'sizeRw' | 'active'>>): number {
  return containers.reduce((n, c) => n + (c.active ? 0 : c.sizeRw), 0);
}

/** Volumes: the sizes of volumes no container uses (RefCount 0). */
export function volumesReclaimable(volumes: ReadonlyArray<Pick<DiskVolume, 'size' | 'refCount'>>): number {
  return volumes.reduce((n, v) => n + (v.size !== null && v.refCount === 0 ? v.size : 0), 0);
}

/** Build cache: total is every record not shared; reclaimable leaves out those in use. */
export function buildCacheTotals(records: ReadonlyArray<Pick<DiskBuildCacheEntry, 'size' | 'inUse' | 'shared'>>): {
  size: number;
  reclaimable: number;
} {
  const size = records.reduce((n, r) => n + (r.shared ? 0 : r.size), 0);
  const inUse = records.reduce((n, r) => n + (r.inUse && !r.shared ? r.size : 0), 0);
  return { size, reclaimable: size - inUse };
}

/**
 * Podman's /system/df lists an image once per tag, with tags cut to "latest",
 * and lists intermediate images too: its image list gives the real tags of the
 * top-level images, by id with "sha256:".
 */
export type PodmanImageTags = ReadonlyMap<string, readonly string[]>;

/** Images once per id; on Podman only the top-level ones (as Docker's answer holds), with their real tags. */
function toImages(raw: RawDiskUsage, tags: PodmanImageTags | undefined): DiskImage[] {
  const seen = new Map<string, DiskImage>();
  for (const i of raw.Images ?? []) {
    const id = i.Id.startsWith('sha256:') ? i.Id : `sha256:${i.Id}`;
    if (seen.has(id) || (tags !== undefined && !tags.has(id))) continue;
    const size = i.Size ?? 0;
    const shared = typeof i.SharedSize === 'number' && i.SharedSize >= 0 ? i.SharedSize : null;
    const repoTags = [...(tags?.get(id) ?? realTags(i.RepoTags))];
    const containers = Math.max(0, i.Containers ?? 0);
    seen.set(id, {
      id,
      repoTags,
      size,
      sharedSize: shared,
      uniqueSize: shared === null ? null : size - shared,
      containers,
      dangling: repoTags.length === 0 && containers === 0,
    });
  }
  return [...seen.values()];
}

export function toDiskUsage(
  raw: RawDiskUsage,
  engine: 'docker' | 'podman',
  command: string,
  podmanTags?: PodmanImageTags,
): DiskUsage {
  const images = toImages(raw, engine === 'podman' ? podmanTags : undefined);
  // Podman reports no layers total: unique sizes plus the largest shared part (layers of one base counted once).
  const layersKnown = engine === 'docker' && typeof raw.LayersSize === 'number';
  const imagesSize = layersKnown
    ? raw.LayersSize!
    : images.reduce((n, i) => n + (i.uniqueSize ?? i.size), 0) + Math.max(0, ...images.map((i) => i.sharedSize ?? 0));

  const containers: DiskContainer[] = (raw.Containers ?? []).map((c) => {
    const state = c.State ?? '';
    return {
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image ?? '',
      state,
      sizeRw: Math.max(0, c.SizeRw ?? 0),
      active: isActiveState(state),
    };
  });

  const volumes: DiskVolume[] = (raw.Volumes ?? []).map((v) => {
    const size = v.UsageData?.Size;
    const refs = v.UsageData?.RefCount;
    return {
      name: v.Name,
      size: typeof size === 'number' && size >= 0 ? size : null,
      refCount: typeof refs === 'number' && refs >= 0 ? refs : null,
    };
  });

  const cache: DiskBuildCacheEntry[] = (raw.BuildCache ?? []).map((r) => ({
    id: r.ID,
    type: r.Type ?? '',
    description: r.Description ?? '',
    size: Math.max(0, r.Size ?? 0),
    inUse: r.InUse === true,
    shared: r.Shared === true,
    lastUsedAt: r.LastUsedAt ?? null,
  }));
  const cacheTotals = buildCacheTotals(cache);

  return {
    engine,
    images: {
      count: images.length,
      active: images.filter((i) => i.containers > 0).length,
      size: imagesSize,
      reclaimable: imagesReclaimable(imagesSize, images),
      items: images.sort(bySizeDesc((i) => i.uniqueSize ?? i.size)),
      sizeExact: layersKnown,
    },
    containers: {
      count: containers.length,
      active: containers.filter((c) => c.active).length,
      size: containers.reduce((n, c) => n + c.sizeRw, 0),
      reclaimable: containersReclaimable(containers),
      items: containers.sort(bySizeDesc((c) => c.sizeRw)),
    },
    volumes: {
      count: volumes.length,
      active: volumes.filter((v) => (v.refCount ?? 0) > 0).length,
      size: volumes.reduce((n, v) => n + (v.size ?? 0), 0),
      reclaimable: volumesReclaimable(volumes),
      items: volumes.sort(bySizeDesc((v) => v.size)),
      unknownSizes: volumes.filter((v) => v.size === null).length,
    },
    buildCache: {
      count: cache.length,
      active: cache.filter((r) => r.inUse).length,
      size: cacheTotals.size,
      reclaimable: cacheTotals.reclaimable,
      items: cache.sort(bySizeDesc((r) => r.size)),
      supported: engine === 'docker',
    },
    command,
  };
}
