// Mounts: every mount of every container, grouped by what is mounted, with
// warnings; one container's mounts; and editing them by recreating it.
import { z } from 'zod';
import { request } from '../../api/define';
import type { EditMountsPlan, EditMountsResult, MountGroup, MountsOverview } from './types';
import { ContainerRef, none } from '../../api/inputs';

export const MountSpecInput = z
  .object({
    type: z.enum(['bind', 'volume', 'tmpfs']),
    source: z.string().max(4096).optional(),
    target: z
      .string()
      .min(1)
      .max(4096)
      .refine((t) => t.startsWith('/') && !t.includes('\0'), 'the path in the container must be absolute'),
    readOnly: z.boolean().optional(),
  })
  .strict()
  .refine(
    (m) => m.type === 'tmpfs' || m.type === 'volume' || (m.source ?? '') !== '',
    'a bind mount needs a host path',
  );

export const EditMountsInput = z
  .object({
    id: ContainerRef,
    /** The container's mounts as they should be (all of them, not a change list). */
    mounts: z.array(MountSpecInput).max(100),
  })
  .strict();

export const mountsContract = {
  'mounts.list': request<MountsOverview>()(none),
  /** One container's mounts, as groups of one user each (the Mounts tab). */
  'mounts.ofContainer': request<MountGroup[]>()(z.object({ id: ContainerRef }).strict()),
  /** The exact commands and what survives, without doing anything. */
  'mounts.editPreview': request<EditMountsPlan>()(EditMountsInput),
  /** Recreates the container with these mounts and its configuration otherwise unchanged. */
  'mounts.edit': request<EditMountsResult>()(EditMountsInput),
} as const;
