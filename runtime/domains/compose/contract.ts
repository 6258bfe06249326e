// Compose: projects grouped from the engine's containers, compose files the
// user opened, and the compose tool's commands (up, down, start, stop…) run
// against the connected engine with their progress streamed.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { none } from '../../api/inputs';
import type {
  ComposeEvent,
  ComposeFileRef,
  ComposeLogEvent,
  ComposeProjectDetails,
  ComposeProjectSummary,
  ComposeToolStatus,
  ComposeValidation,
} from './types';

/** Largest compose file Wharf opens, edits or validates. */
export const MAX_COMPOSE_FILE_BYTES = 1024 * 1024;

/** A project name as compose accepts it (older tools also allowed capitals and dots). */
export const ComposeProjectName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a compose project name');

export const ComposeServiceName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a compose service name');

export const ComposeFileId = z.string().regex(/^[a-f0-9]{16}$/, 'not an opened compose file');

const Services = z.array(ComposeServiceName).max(256).optional();

export const ComposeOpenInput = z
  .object({
    source: z.discriminatedUnion('kind', [
      /** A compose file, or a folder holding one, on the machine Wharf runs on. */
      z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
      /** Content pasted or picked in the browser; Wharf keeps a copy in its data folder. */
      z
        .object({
          kind: z.literal('content'),
          /** The project name (compose's -p): the name of the folder a file would sit in. */
          project: ComposeProjectName,
          content: z.string().max(MAX_COMPOSE_FILE_BYTES),
        })
        .strict(),
    ]),
  })
  .strict();

export const ComposeOperation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('up'),
      services: Services,
      profiles: z
        .array(
          z
            .string()
            .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/)
            .max(128),
        )
        .max(64)
        .optional(),
      /** --build: build images before starting. */
      build: z.boolean().default(false),
      /** Pull policy: missing (compose's default), always, never. */
      pull: z.enum(['missing', 'always', 'never']).default('missing'),
      forceRecreate: z.boolean().default(false),
      removeOrphans: z.boolean().default(false),
      /** --scale service=n */
      scale: z.record(ComposeServiceName, z.number().int().min(0).max(100)).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('down'),
      /** -v: also remove the project's named volumes (their data is lost). */
      removeVolumes: z.boolean().default(false),
      /** --rmi: also remove images: local = those built without a tag, all = every image the services use. */
      removeImages: z.enum(['none', 'local', 'all']).default('none'),
      removeOrphans: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.enum(['start', 'stop', 'restart', 'pull', 'build', 'recreate']), services: Services }).strict(),
  z
    .object({ kind: z.literal('scale'), service: ComposeServiceName, replicas: z.number().int().min(0).max(100) })
    .strict(),
]);

export const ComposeRunInput = z
  .object({
    project: ComposeProjectName,
    /** The opened file to run it from; without it, the files the project's labels name (when reachable here). */
    fileId: ComposeFileId.optional(),
    op: ComposeOperation,
  })
  .strict();

export const ComposeLogsInput = z
  .object({
    project: ComposeProjectName,
    services: Services,
    /** Lines from the end of each container's log to start with. */
    tail: z.union([z.number().int().min(0).max(100_000), z.literal('all')]),
    follow: z.boolean(),
  })
  .strict();

export const composeContract = {
  /** Which compose tool Wharf drives with the connected engine, and its version. */
  'compose.tool': request<ComposeToolStatus>()(none),
  /** Every project: those with containers on the engine and those the user opened. */
  'compose.projects': request<ComposeProjectSummary[]>()(none),
  /** The compose files the user opened. */
  'compose.files': request<ComposeFileRef[]>()(none),
  /** Open a compose file (or the one in a folder), or keep pasted content as one. */
  'compose.open': request<ComposeFileRef>()(ComposeOpenInput),
  /** Forget an opened file (the file and the engine are untouched; a pasted copy is deleted). */
  'compose.forget': request<void>()(z.object({ fileId: ComposeFileId }).strict()),
  /** An opened file's text. */
  'compose.read': request<{ path: string; content: string }>()(z.object({ fileId: ComposeFileId }).strict()),
  /** The compose tool's own check (`config`) of an opened file, or of edited text for it. */
  'compose.validate': request<ComposeValidation>()(
    z.object({ fileId: ComposeFileId, content: z.string().max(MAX_COMPOSE_FILE_BYTES).optional() }).strict(),
  ),
  /** Save edited text to an opened file; refused (nothing written) unless the compose tool accepts it. */
  'compose.save': request<ComposeValidation>()(
    z.object({ fileId: ComposeFileId, content: z.string().max(MAX_COMPOSE_FILE_BYTES) }).strict(),
  ),
  /** One project: its model, its graph and its containers by service. */
  'compose.details': request<ComposeProjectDetails>()(
    z.object({ project: ComposeProjectName, fileId: ComposeFileId.optional() }).strict(),
  ),
  /** Run a compose command on a project (up, down, start, stop, restart, pull, build, recreate, scale), with progress. */
  'compose.run': subscription<ComposeEvent>()(ComposeRunInput),
  /** A project's logs: every service's containers, merged in time order. */
  'compose.logs': subscription<ComposeLogEvent>()(ComposeLogsInput),
} as const;
