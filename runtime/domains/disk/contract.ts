// Disk: what takes the room on the engine (`docker system df -v`), and a
// clean-up that previews exactly what would go, then removes those items by id.
import { z } from 'zod';
import { request } from '../../api/define';
import { none } from '../../api/inputs';
import type { DiskPrunePreview, DiskPruneResult, DiskUsage } from './types';

export const DiskPruneSelection = z
  .object({
    /** Stopped containers (exited, created, dead): their writable layers. */
    containers: z.boolean().default(false),
    /** dangling: untagged images no container uses; all: every image no container uses. */
    images: z.enum(['none', 'dangling', 'all']).default('none'),
    /** Volumes no container uses: anonymous ones only, or named ones too (their data is lost). */
    volumes: z.enum(['none', 'anonymous', 'all']).default('none'),
    /** Build cache records not in use. */
    buildCache: z.boolean().default(false),
    /** Networks no container is connected to (the engine's own stay). */
    networks: z.boolean().default(false),
  })
  .strict();

const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^(sha256:)?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not an id or name');
const Ids = z.array(Id).max(10_000).default([]);

export const DiskPruneInput = z
  .object({
    containers: Ids,
    images: Ids,
    /** Volume names. */
    volumes: Ids,
    /** Build cache record ids. */
    buildCache: Ids,
    networks: Ids,
  })
  .strict()
  .refine((v) => Object.values(v).some((ids) => ids.length > 0), 'choose at least one thing to remove');

export const diskContract = {
  /** The engine's disk usage by kind, with the CLI's totals and reclaimable bytes. */
  'disk.usage': request<DiskUsage>()(none),
  /** Exactly what a clean-up with this selection would remove now (in-use items left out). */
  'disk.prunePreview': request<DiskPrunePreview>()(DiskPruneSelection),
  /** Removes the previewed items by id; anything in use by now is kept and reported as failed. */
  'disk.prune': request<DiskPruneResult>()(DiskPruneInput),
} as const;
