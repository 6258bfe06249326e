// Images: the list, remove/prune/tag, layers, save/load, registry logins, and
// (image-transfer.ts, image-build.ts) pull, push and build. How many
// containers use each image is counted in the UI from the containers list,
// so no /system/df here (it walks every layer on disk).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ParsedInputOf } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { ImageHistory, ImageLayer, ImageSummary } from './types';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { toPlainError } from '../../transport/to-api-error';
import { type CredentialStore, createMemoryCredentialStore } from '../registry/credentials';
import { buildCommand, runBuild } from './build';
import { builderFor } from '../build/detect';
import { createTransfers } from './transfer';
import type { ExternalEnv } from '../registry/docker-config';
import { createImageUploads, readLoadResponse } from './upload';
import { HELPER_LABEL } from '../files/helper';
import { saveStream } from '../files/streams';
import { type EngineImage, toImageSummary } from '../containers/mapping';

type Docker = ReturnType<Engine['docker']>;

export async function listImages(docker: Docker): Promise<ImageSummary[]> {
  const raw = (await docker.listImages()) as unknown as EngineImage[];
  // Wharf's own snapshot images (files of stopped containers) are not the user's.
  return raw.filter((i) => i.Labels?.[HELPER_LABEL] === undefined).map(toImageSummary);
}

/** GET /images/get?names=…: the tar `docker save` writes, as it comes. */
export async function openImageSave(docker: Docker, names: readonly string[]): Promise<Readable> {
  return (await (docker as unknown as { getImages(opts: { names: string[] }): Promise<unknown> }).getImages({
    names: [...names],
  })) as Readable;
}

/** Containers (running or not) made from the image, by name. */
async function usersOf(docker: Docker, imageId: string): Promise<string[]> {
  const all = (await docker.listContainers({ all: true })) as Array<{ ImageID?: string; Names?: string[]; Id: string }>;
  return all.filter((c) => c.ImageID === imageId).map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''));
}

async function removeImage(docker: Docker, ref: string, force: boolean) {
  const command = dockerCommand('image.rmi', { images: [ref], force });
  if (!force) {
    const inspected = (await docker.getImage(ref).inspect()) as { Id: string; RepoTags?: string[] | null };
    // Removing one of several names never touches containers: only the last name matters.
    const lastName = (inspected.RepoTags ?? []).length <= 1 || !(inspected.RepoTags ?? []).includes(ref);
    const users = lastName ? await usersOf(docker, inspected.Id) : [];
    if (users.length > 0) {
      throw new ApiError({
        code: 'conflict',
        message: `The image ${ref} is used by ${users.length === 1 ? 'the container' : 'the containers'} ${users.join(', ')}.`,
        hint: 'Remove those containers first, or force the removal (the containers stay, without a named image).',
        key: 'images.inUse',
        params: { image: ref, containers: users.join(', ') },
      });
    }
  }
  const result = (await docker.getImage(ref).remove({ force })) as Array<{ Untagged?: string; Deleted?: string }>;
  return {
    untagged: result.flatMap((r) => (r.Untagged !== undefined ? [r.Untagged] : [])),
    deleted: result.flatMap((r) => (r.Deleted !== undefined ? [r.Deleted] : [])),
    command,
  };
}

/** "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]" → "CMD [\"/bin/sh\"]"; "/bin/sh -c apt-get …" → "RUN apt-get …". */
export function instructionOf(createdBy: string): string {
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(createdBy);
  if (nop !== null) return nop[1]!.trim();
  const shell = /^\/bin\/sh -c (.*)$/s.exec(createdBy);
  if (shell !== null) return `RUN ${shell[1]!.trim()}`;
  const text = createdBy.trim();
  // BuildKit writes the instruction itself; an exec-form RUN of the classic builder is the bare argv.
  if (
    text === '' ||
    /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/.test(
      text,
    )
  )
    return text;
  return `RUN ${text}`;
}

async function history(docker: Docker, image: string): Promise<ImageHistory> {
  const [rows, inspected] = await Promise.all([
    docker.getImage(image).history() as Promise<
      Array<{ Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }>
    >,
    docker.getImage(image).inspect() as Promise<{ Size: number }>,
  ]);
  const layers: ImageLayer[] = rows.map((r) => ({
    id: r.Id,
    instruction: instructionOf(r.CreatedBy ?? ''),
    createdBy: r.CreatedBy ?? '',
    size: r.Size,
    empty: r.Size === 0,
    created: r.Created,
    tags: r.Tags ?? [],
    comment: r.Comment ?? '',
  }));
  return {
    layers,
    total: layers.reduce((n, l) => n + l.size, 0),
    imageSize: inspected.Size,
    command: dockerCommand('image.history', { image }),
  };
}

export async function prunePreview(docker: Docker, all: boolean) {
  const images = (await docker.listImages({ all: false })) as unknown as EngineImage[];
  const used = new Set(
    ((await docker.listContainers({ all: true })) as Array<{ ImageID?: string }>).map((c) => c.ImageID),
  );
  const candidates = images.filter((i) => !used.has(i.Id) && (all || toImageSummary(i).dangling));
  return {
    images: candidates.map((i) => ({
      id: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size ?? 0,
    })),
    bytes: candidates.reduce((n, i) => n + (i.Size ?? 0), 0),
    rule: all ? 'images no container uses, tagged or not' : 'dangling images: no tag, no container uses them',
    command: dockerCommand('image.prune', { all, force: true }),
  };
}

export async function prune(docker: Docker, ids: readonly string[]) {
  const removed: string[] = [];
  const failed: Array<{ id: string; error: ReturnType<typeof toPlainError> }> = [];
  let bytes = 0;
  const used = new Set(
    ((await docker.listContainers({ all: true })) as Array<{ ImageID?: string }>).map((c) => c.ImageID),
  );
  for (const id of ids) {
    try {
      const info = (await docker.getImage(id).inspect()) as { Id: string; Size: number };
      if (used.has(info.Id))
        throw new ApiError({
          code: 'conflict',
          message: `A container uses ${id.slice(0, 19)} now.`,
          key: 'images.inUseNow',
        });
      // force: an unused image with several tags goes whole, as prune -a removes it.
      await docker.getImage(info.Id).remove({ force: true });
      removed.push(id);
      bytes += info.Size;
    } catch (error) {
      failed.push({ id, error: toPlainError(error) });
    }
  }
  return {
    removed,
    failed,
    bytes,
    commands: removed.map((id) => dockerCommand('image.rmi', { images: [id.replace(/^sha256:/, '').slice(0, 12)] })),
  };
}

function describe(input: ParsedInputOf<'images.describe'>): string {
  switch (input.action) {
    case 'remove':
      return dockerCommand('image.rmi', { images: [input.image], force: input.force === true });
    case 'prune':
      return dockerCommand('image.prune', { all: input.all === true, force: true });
    case 'tag':
      return dockerCommand('image.tag', { source: input.source, target: input.target });
    case 'history':
      return dockerCommand('image.history', { image: input.image });
    case 'pull':
      return dockerCommand('image.pull', { image: input.image });
    case 'push':
      return dockerCommand('image.push', { image: input.image });
    case 'save':
      return dockerCommand('image.save', {
        images: input.images,
        ...(input.file !== undefined ? { output: input.file } : {}),
      });
    case 'load':
      return dockerCommand('image.load', input.file !== undefined ? { input: input.file } : {});
    case 'login':
      return dockerCommand('registry.login', { registry: input.registry, username: input.username });
    case 'logout':
      return dockerCommand('registry.logout', { registry: input.registry });
    case 'build': {
      const { action: _action, ...build } = input;
      return buildCommand(build);
    }
  }
}

type ImageRequests =
  | 'images.list'
  | 'images.remove'
  | 'images.prunePreview'
  | 'images.prune'
  | 'images.tag'
  | 'images.untag'
  | 'images.history'
  | 'images.save'
  | 'images.load'
  | 'images.inspect'
  | 'images.loadBegin'
  | 'images.loadChunk'
  | 'images.loadCommit'
  | 'images.loadAbort'
  | 'images.describe';
type ImageSubscriptions = 'images.pull' | 'images.push' | 'images.build';

/**
 * `credentials`: the registry logins pull and push use (default: this process's memory only; the registry domain saves them).
 * `external`: where the docker CLI's and Podman's logins are read, used after Wharf's own (none when absent).
 */
export function createImagesService(
  engine: Engine,
  credentials: CredentialStore = createMemoryCredentialStore(),
  external?: ExternalEnv,
): ServiceHandlers<ImageRequests, ImageSubscriptions> {
  const transfers = createTransfers(engine, credentials, external);
  const uploads = createImageUploads(engine);
  return {
    requests: {
      'images.list': async () => listImages(engine.docker()),
      'images.remove': ({ image, force }) => removeImage(engine.docker(), image, force === true),
      'images.untag': ({ ref }) => removeImage(engine.docker(), ref, false),
      'images.prunePreview': ({ all }) => prunePreview(engine.docker(), all === true),
      'images.prune': ({ ids }) => prune(engine.docker(), ids),
      'images.tag': async ({ source, target }) => {
        const colon = target.lastIndexOf(':');
        const hasTag = colon > target.lastIndexOf('/');
        await engine
          .docker()
          .getImage(source)
          .tag({ repo: hasTag ? target.slice(0, colon) : target, tag: hasTag ? target.slice(colon + 1) : 'latest' });
        return { command: dockerCommand('image.tag', { source, target }) };
      },
      'images.history': ({ image }) => history(engine.docker(), image),
      'images.save': async ({ images, file }, context) => {
        const stream = await openImageSave(engine.docker(), images);
        const done = new Promise<void>((resolve, reject) => {
          stream.once('end', resolve);
          stream.once('error', reject);
        });
        done.catch(() => {});
        // Cancelled: the engine's stream is closed and no partial tar is left at `file`.
        await saveStream(stream, done, file, context?.signal);
        return { file, bytes: (await stat(file)).size, command: dockerCommand('image.save', { images, output: file }) };
      },
      'images.load': async ({ file }, context) => {
        // Cancelled: the engine's request is aborted and it loads nothing.
        const options = context ? { abortSignal: context.signal } : {};
        const response = (await engine.docker().loadImage(createReadStream(file), options)) as unknown as Readable;
        return { loaded: await readLoadResponse(response), command: dockerCommand('image.load', { input: file }) };
      },
      'images.inspect': ({ image }) => engine.docker().getImage(image).inspect(),
      'images.loadBegin': async () => ({ upload: uploads.begin(), command: dockerCommand('image.load', {}) }),
      'images.loadChunk': async ({ upload, base64 }) => ({ bytes: await uploads.chunk(upload, base64) }),
      'images.loadCommit': async ({ upload }, context) => ({
        loaded: await uploads.commit(upload, context?.signal),
        command: dockerCommand('image.load', {}),
      }),
      'images.loadAbort': async ({ upload }) => ({ aborted: uploads.abort(upload) }),
      'images.describe': async (input) => {
        if (input.action !== 'build') return { command: describe(input) };
        const { action: _action, ...build } = input;
        return {
          command: buildCommand(build, await builderFor(engine.docker(), engine.info(), build.classic === true)),
        };
      },
    },
    subscriptions: {
      'images.pull': ({ image }, sink) => transfers.pull(image, sink),
      'images.push': ({ image }, sink) => transfers.push(image, sink),
      'images.build': (input, sink) => {
        const abort = new AbortController();
        const docker = engine.docker();
        builderFor(docker, engine.info(), input.classic === true)
          .then((choice) =>
            runBuild(
              docker,
              input,
              choice,
              (event) => {
                if (!abort.signal.aborted) sink.emit(event);
              },
              abort.signal,
            ),
          )
          .catch((error: unknown) => {
            if (!abort.signal.aborted) sink.fail(error);
          });
        return () => abort.abort();
      },
    },
  };
}
