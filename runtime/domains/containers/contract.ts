// Containers: the list, lifecycle actions and inspect.
import { z } from 'zod';
import { request } from '../../api/define';
import type { ActionResult, ContainerInspect, ContainerSummary } from './types';
import { ContainerRef, none } from '../../api/inputs';
import { ImageTag } from '../images/contract';

/** A name to give a container, by the engine's rule. */
export const ContainerName = z
  .string()
  .min(1, 'a container needs a name')
  .max(128, 'a container name has at most 128 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'a container name starts with a letter or digit, then letters, digits, "_", "." or "-"',
  );

export const RenameInput = z.object({ id: ContainerRef, name: ContainerName }).strict();

/** The Dockerfile instructions `docker commit --change` applies. */
export const COMMIT_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'USER',
  'VOLUME',
  'WORKDIR',
  'STOPSIGNAL',
] as const;

const CommitChange = z
  .string()
  .max(4096)
  .regex(
    new RegExp(`^(${COMMIT_INSTRUCTIONS.join('|')})\\s+\\S[^\\n]*$`, 'i'),
    `a change is one Dockerfile instruction on one line: ${COMMIT_INSTRUCTIONS.join(', ')}`,
  );

export const CommitInput = z
  .object({
    id: ContainerRef,
    /** repository[:tag]; absent: an image without a name. */
    image: ImageTag.optional(),
    message: z.string().max(1000).optional(),
    author: z.string().max(256).optional(),
    changes: z.array(CommitChange).max(50).default([]),
    /** Pause the container while its filesystem is copied (the engine's default). */
    pause: z.boolean().default(true),
  })
  .strict();

/** A memory size as docker takes it: "512m", "1g", bytes. */
export const MemorySize = z
  .string()
  .max(32)
  .regex(/^\d+(\.\d+)?\s*[bkmgBKMG]?[bB]?$/, 'a memory size is a number with b, k, m or g: 512m, 1g');

export const UpdateInput = z
  .object({
    id: ContainerRef,
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).optional(),
    restartMaxRetries: z.number().int().min(0).max(1_000_000).optional(),
    memory: MemorySize.optional(),
    /** Memory and swap together; "-1": swap without a limit. */
    memorySwap: z.union([MemorySize, z.literal('-1')]).optional(),
    cpus: z.number().positive('CPUs is more than 0: 0.5, 1, 2').max(4096).optional(),
    /** The most processes at once; -1: no limit. */
    pidsLimit: z.number().int().min(-1).max(4_194_304).optional(),
  })
  .strict()
  .refine(
    (u) =>
      u.restart !== undefined ||
      u.memory !== undefined ||
      u.memorySwap !== undefined ||
      u.cpus !== undefined ||
      u.pidsLimit !== undefined,
    'nothing to change: give a restart policy or a limit',
  )
  .refine(
    (u) => u.restartMaxRetries === undefined || u.restart === 'on-failure',
    'a number of retries goes only with the on-failure policy',
  );

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
  /** docker rename. A name in use: code 'conflict', key container.nameInUse. */
  'containers.rename': request<{ command: string; name: string }>()(RenameInput),
  /** docker commit: the new image's id and the command. */
  'containers.commit': request<{ command: string; imageId: string }>()(CommitInput),
  /** docker update of the restart policy and limits; the engine's warnings, if any. */
  'containers.update': request<{ command: string; warnings: string[] }>()(UpdateInput),
} as const;
