// The data shapes of the disk domain that cross the contract. Pure types.
import type { PlainError } from '../../api/types';

export interface DiskImage {
  id: string;
  /** Tags ("repo:tag"); empty for a dangling or intermediate image. */
  repoTags: string[];
  /** Bytes of every layer the image is made of. */
  size: number;
  /** Bytes of layers other images use too; null when the engine did not count them. */
  sharedSize: number | null;
  /** Bytes only this image holds (size − shared): what removing it frees. */
  uniqueSize: number | null;
  /** Containers (running or not) made from it. */
  containers: number;
  /** No tag and no container: what `docker image prune` removes. */
  dangling: boolean;
}

export interface DiskContainer {
  id: string;
  name: string;
  image: string;
  state: string;
  /** Bytes of the container's writable layer (what it wrote over its image). */
  sizeRw: number;
  /** Running, paused or restarting: its layer is not reclaimable. */
  active: boolean;
}

export interface DiskVolume {
  name: string;
  /** Bytes; null when the engine does not know (another driver). */
  size: number | null;
  /** Containers (running or not) that mount it; null when unknown. */
  refCount: number | null;
}

export interface DiskBuildCacheEntry {
  id: string;
  type: string;
  description: string;
  size: number;
  inUse: boolean;
  shared: boolean;
  /** ISO time, or null. */
  lastUsedAt: string | null;
}

export interface DiskCategory<T> {
  /** How many items, and how many are in use (the CLI's TOTAL and ACTIVE). */
  count: number;
  active: number;
  /** Bytes on disk (the CLI's SIZE). */
  size: number;
  /** Bytes a clean-up could free (the CLI's RECLAIMABLE). */
  reclaimable: number;
  /** Biggest first. */
  items: T[];
}

export interface DiskUsage {
  engine: 'docker' | 'podman';
  images: DiskCategory<DiskImage> & {
    /** False on Podman: it reports no layers total, so size is Wharf's estimate (unique sizes plus the largest shared size). */
    sizeExact: boolean;
  };
  containers: DiskCategory<DiskContainer>;
  volumes: DiskCategory<DiskVolume> & {
    /** Volumes whose size the engine did not report (left out of size). */
    unknownSizes: number;
  };
  buildCache: DiskCategory<DiskBuildCacheEntry> & {
    /** False on Podman: its builder keeps no separate build cache. */
    supported: boolean;
  };
  command: string;
}

export type VolumePruneScope = 'none' | 'anonymous' | 'all';
export type ImagePruneScope = 'none' | 'dangling' | 'all';

export interface DiskPrunePreviewItem {
  /** What prune takes: a container, image or network id, a volume name, a cache record id. */
  id: string;
  /** Shown: a name, tags, a description. */
  label: string;
  /** Bytes freed; null when unknown (volumes of other drivers, networks). */
  bytes: number | null;
}

export type DiskPruneKind = 'containers' | 'images' | 'volumes' | 'buildCache' | 'networks';

export interface DiskPrunePreviewPart {
  kind: DiskPruneKind;
  items: DiskPrunePreviewItem[];
  /** The sum of the known sizes. */
  bytes: number;
  /** The engine's rule in plain words. */
  rule: string;
  /** The prune command that removes the same kind of things (it may catch more, made after the preview); null when none does exactly this. */
  equivalent: string | null;
  /** What Wharf runs: removal by id, as commands. */
  commands: string[];
}

export interface DiskPrunePreview {
  parts: DiskPrunePreviewPart[];
  bytes: number;
  /** The single `docker system prune` that matches the selection, when one does. */
  systemCommand: string | null;
  /** Kinds chosen but not available on this engine (build cache on Podman). */
  unsupported: DiskPruneKind[];
}

export interface DiskPrunePartResult {
  kind: DiskPruneKind;
  removed: string[];
  failed: Array<{ id: string; error: PlainError }>;
  /** Bytes freed: measured just before each removal (build cache: the engine's SpaceReclaimed). */
  bytes: number;
  commands: string[];
}

export interface DiskPruneResult {
  parts: DiskPrunePartResult[];
  bytes: number;
}
