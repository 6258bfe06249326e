// Containers: the list, lifecycle actions and inspect.
import { z } from 'zod';
import { request } from '../../api/define';
import type { ActionResult, ContainerInspect, ContainerSummary } from './types';
import { ContainerRef, none } from '../../api/inputs';

export const ContainerActionInput = z
  .object({
    action: z.enum(['start', 'stop', 'restart', 'remove', 'kill', 'pause', 'unpause']),
    targets: z
      .array(z.object({ id: ContainerRef, name: z.string().max(256) }).strict())
      .min(1)
      .max(1000),
    /** remove: also remove anonymous volumes (docker rm -v). */
    removeVolumes: z.boolean().optional(),
    /** remove: remove even if running (docker rm -f). */
    force: z.boolean().optional(),
  })
  .strict();

export const containersContract = {
  'containers.list': request<ContainerSummary[]>()(none),
  'containers.act': request<ActionResult>()(ContainerActionInput),
  /** The docker CLI command an action stands for, without doing it. */
  'containers.describeAction': request<{ command: string }>()(ContainerActionInput),
  /** One container as `docker inspect` shows it: the details the UI reads, and the whole JSON. */
  'containers.inspect': request<ContainerInspect>()(z.object({ id: ContainerRef }).strict()),
} as const;
