// Images: the list, remove/prune/tag, layers, pull and push with progress,
// build, save and load.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import type { BuildEvent } from '../build/types';
import type {
  ImageHistory,
  ImagePrunePreview,
  ImagePruneResult,
  ImageRemoveResult,
  ImageSummary,
  TransferEvent,
} from './types';
import { none } from '../../api/inputs';
import { LocalFilePath } from '../volumes/contract';

/** An image as the engine accepts it: id, short id, "repo:tag", "host:port/repo:tag", "repo@sha256:…". */
export const ImageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.\-/:@]*$/, 'not an image name or id');

/** A reference to give an image: [host[:port]/]path[:tag], lower case path, as docker tag takes it. */
export const ImageTag = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/,
    'a tag is [registry/]name[:tag]: lower-case letters, digits, ".", "_", "-"',
  );

/** A registry host as `docker login` takes it: "docker.io", "ghcr.io", "127.0.0.1:5000". */
export const RegistryHost = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9.-]+(?::\d{1,5})?$/, 'a registry is a host name, optionally with :port');

const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id');
/** Base64 of at most 512 KiB, so one message stays under the transport's 1 MiB. */
const UploadChunk = z
  .string()
  .min(1)
  .max(700_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const BuildArgs = z
  .record(
    z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not a build argument name'),
    z.string().max(65536),
  )
  .refine((r) => Object.keys(r).length <= 200, 'at most 200 build arguments');

export const ImageBuildInput = z
  .object({
    /** A folder on the runtime's machine (its .dockerignore is honoured), or a Dockerfile's text with an empty context. */
    context: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('folder'), path: LocalFilePath }).strict(),
      z.object({ kind: z.literal('dockerfile'), text: z.string().min(1).max(1_000_000) }).strict(),
    ]),
    tags: z.array(ImageTag).max(20).default([]),
    buildArgs: BuildArgs.default({}),
    /** Stage to stop at (--target). */
    target: z
      .string()
      .max(256)
      .regex(/^[a-zA-Z0-9._-]*$/, 'not a stage name')
      .optional(),
    /** Dockerfile path inside the folder (-f); default "Dockerfile". */
    dockerfile: z.string().max(4096).optional(),
    noCache: z.boolean().optional(),
    /** The classic builder even where the engine has BuildKit (DOCKER_BUILDKIT=0). */
    classic: z.boolean().optional(),
  })
  .strict();

export const ImageActionDescription = z.discriminatedUnion('action', [
  z.object({ action: z.literal('remove'), image: ImageRef, force: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('prune'), all: z.boolean().optional() }).strict(),
  z.object({ action: z.literal('tag'), source: ImageRef, target: ImageTag }).strict(),
  z.object({ action: z.literal('history'), image: ImageRef }).strict(),
  z.object({ action: z.literal('pull'), image: ImageRef }).strict(),
  z.object({ action: z.literal('push'), image: ImageRef }).strict(),
  z
    .object({
      action: z.literal('save'),
      images: z.array(ImageRef).min(1).max(100),
      file: z.string().max(4096).optional(),
    })
    .strict(),
  z.object({ action: z.literal('load'), file: z.string().max(4096).optional() }).strict(),
  z.object({ action: z.literal('login'), registry: RegistryHost, username: z.string().max(256) }).strict(),
  z.object({ action: z.literal('logout'), registry: RegistryHost }).strict(),
  z
    .object({ action: z.literal('build') })
    .extend(ImageBuildInput.shape)
    .strict(),
]);

export const imagesContract = {
  'images.list': request<ImageSummary[]>()(none),
  /**
   * docker rmi. Refused (code 'conflict') while a container uses the image:
   * the message names the containers, and `force` removes it anyway.
   */
  'images.remove': request<ImageRemoveResult>()(z.object({ image: ImageRef, force: z.boolean().optional() }).strict()),
  /** Exactly what 'images.prune' would remove now: dangling images, or (all) every image no container uses. */
  'images.prunePreview': request<ImagePrunePreview>()(z.object({ all: z.boolean().optional() }).strict()),
  /** Removes the given ids (pass a preview's), each only if still unused, so what goes is what was shown. */
  'images.prune': request<ImagePruneResult>()(z.object({ ids: z.array(ImageRef).min(1).max(10_000) }).strict()),
  'images.tag': request<{ command: string }>()(z.object({ source: ImageRef, target: ImageTag }).strict()),
  /** Removes one name of an image (docker rmi repo:tag); the image itself goes only with its last name. */
  'images.untag': request<ImageRemoveResult>()(z.object({ ref: ImageTag }).strict()),
  /** The image's layers (docker history), newest first; their sizes sum to the image's size. */
  'images.history': request<ImageHistory>()(z.object({ image: ImageRef }).strict()),
  /**
   * docker pull with per-layer progress; unsubscribing cancels (the engine's
   * request is aborted). Credentials saved by 'registry.login' are used.
   * Fails with plain words: not found, unauthorized, network.
   */
  'images.pull': subscription<TransferEvent>()(z.object({ image: ImageRef }).strict()),
  /** docker push, the same events as pull. */
  'images.push': subscription<TransferEvent>()(z.object({ image: ImageRef }).strict()),
  /**
   * docker build: through BuildKit where the engine has it, else the classic builder (or Podman's); 'started' says which and why.
   * The log live, each step with its state and whether it came from the cache, then a summary or the failing step.
   */
  'images.build': subscription<BuildEvent>()(ImageBuildInput),
  /** docker save -o FILE: a tar on the runtime's machine. */
  'images.save': request<{ file: string; bytes: number; command: string }>()(
    z.object({ images: z.array(ImageRef).min(1).max(100), file: LocalFilePath }).strict(),
  ),
  /** docker image inspect: the engine's whole JSON for one image. */
  'images.inspect': request<unknown>()(z.object({ image: ImageRef }).strict()),
  /**
   * docker load from the browser: begin an upload, send the tar in chunks (in
   * order; each resolves once the engine took it), then commit it to learn the
   * images it held. The tar streams into the engine, nothing is kept on disk.
   * An upload left idle for five minutes is dropped. Cancelling the commit
   * (the envelope's cancel) drops the upload as abort does.
   */
  'images.loadBegin': request<{ upload: string; command: string }>()(none),
  'images.loadChunk': request<{ bytes: number }>()(z.object({ upload: UploadId, base64: UploadChunk }).strict()),
  'images.loadCommit': request<{ loaded: string[]; command: string }>()(z.object({ upload: UploadId }).strict()),
  /** Stops an upload: the engine loads nothing from it. */
  'images.loadAbort': request<{ aborted: boolean }>()(z.object({ upload: UploadId }).strict()),
  /** docker load -i FILE: a tar on the runtime's machine; returns the images it held. */
  'images.load': request<{ loaded: string[]; command: string }>()(z.object({ file: LocalFilePath }).strict()),
  /** The command an action stands for, without doing it (shown live as a form changes). */
  'images.describe': request<{ command: string }>()(ImageActionDescription),
} as const;
