// Volumes: the list, sizes (loaded apart so the list is never slowed),
// create, remove, prune with a preview, clone, export and import.
import { z } from 'zod';
import { request } from '../../api/define';
import type { PlainError } from '../../api/types';
import type {
  VolumePrunePreview,
  VolumePruneResult,
  VolumeActionResult,
  VolumeSizes,
  VolumeSummary,
  VolumeUser,
} from './types';
import { none } from '../../api/inputs';

/** A volume name as Docker and Podman accept it. */
export const VolumeName = z
  .string()
  .min(2)
  .max(255)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
    'a volume name uses letters, digits, "_", "." and "-", and starts with a letter or digit',
  );

const Labels = z
  .record(z.string().min(1).max(256), z.string().max(4096))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 labels');

export const VolumeCreateInput = z
  .object({
    /** Omitted: the engine picks a random name (an anonymous volume). */
    name: VolumeName.optional(),
    driver: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'not a driver name')
      .optional(),
    driverOptions: z.record(z.string().min(1).max(256), z.string().max(4096)).optional(),
    labels: Labels.optional(),
  })
  .strict();

/** A file on the runtime's machine (absolute), for export and import. */
export const LocalFilePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot hold a NUL byte')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'give an absolute path');

export const VolumeActionDescription = z.discriminatedUnion('action', [
  z
    .object({ action: z.literal('create') })
    .extend(VolumeCreateInput.shape)
    .strict(),
  z.object({ action: z.literal('remove'), name: VolumeName }).strict(),
  z.object({ action: z.literal('clone'), from: VolumeName, to: VolumeName }).strict(),
  z.object({ action: z.literal('export'), name: VolumeName, file: z.string().max(4096).optional() }).strict(),
  z.object({ action: z.literal('import'), name: VolumeName, file: z.string().max(4096).optional() }).strict(),
]);

/** Something Wharf itself left on the engine (Settings lists them). */
export interface WharfLeftover {
  kind: 'helper-image' | 'helper-container' | 'snapshot-image';
  id: string;
  /** A tag, a container name, or a short ID. */
  name: string;
  /** Unix seconds. */
  created: number;
  /** Images: bytes. */
  size?: number;
  /** Containers: running, exited, … */
  state?: string;
}

export interface WharfLeftoversRemoved {
  removed: string[];
  failed: Array<{ id: string; name: string; error: PlainError }>;
  commands: string[];
}

export const volumesContract = {
  'volumes.list': request<VolumeSummary[]>()(none),
  /** Sizes and reference counts from the engine's disk-usage call; slow on big engines, so apart from the list. */
  'volumes.sizes': request<VolumeSizes>()(none),
  /** The containers (running or not) that use a volume, with where and how they mount it. */
  'volumes.users': request<VolumeUser[]>()(z.object({ name: VolumeName }).strict()),
  'volumes.create': request<VolumeActionResult>()(VolumeCreateInput),
  /** Refused (code 'conflict') while a container uses it; the message names the containers. */
  'volumes.remove': request<VolumeActionResult>()(z.object({ name: VolumeName }).strict()),
  /** Exactly what 'volumes.prune' would remove now, by the connected engine's own rule. */
  'volumes.prunePreview': request<VolumePrunePreview>()(
    z
      .object({ /** API ≥ 1.42: also named volumes (docker volume prune --all). */ all: z.boolean().optional() })
      .strict(),
  ),
  /**
   * Removes the named volumes, one by one, each only if it is still unused;
   * pass the names of a preview so what goes is what was shown.
   */
  'volumes.prune': request<VolumePruneResult>()(z.object({ names: z.array(VolumeName).min(1).max(10_000) }).strict()),
  /** A new volume `to` holding a copy of `from` (created; refused if `to` exists). */
  'volumes.clone': request<VolumeActionResult>()(z.object({ from: VolumeName, to: VolumeName }).strict()),
  /** Writes the volume's content as a tar file on the runtime's machine. */
  'volumes.export': request<VolumeActionResult & { bytes: number; file: string }>()(
    z.object({ name: VolumeName, file: LocalFilePath }).strict(),
  ),
  /** Extracts a tar file from the runtime's machine into the volume (created when missing); existing files are overwritten. */
  'volumes.import': request<VolumeActionResult>()(z.object({ name: VolumeName, file: LocalFilePath }).strict()),
  /** The commands an action stands for, without doing it. */
  'volumes.describe': request<{ commands: string[] }>()(VolumeActionDescription),
  /** What Wharf itself left on this engine: its helper image, helper containers, snapshot images. */
  'volumes.leftovers': request<WharfLeftover[]>()(none),
  /** Removes all of them (the helper image is loaded again when next needed). */
  'volumes.removeLeftovers': request<WharfLeftoversRemoved>()(none),
} as const;
