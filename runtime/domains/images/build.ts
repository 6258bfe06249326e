// docker build through the engine's /build (the classic builder on API 1.41):
// the context is a folder with its .dockerignore honoured, or a pasted
// Dockerfile; the log streams live, each step says whether the cache served it.
import { lstat, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import dockerignore from '@balena/dockerignore';
import type Docker from 'dockerode';
import { pack } from 'tar-fs';
import type { ParsedInputOf } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { BuildEvent, BuildStep } from '../build/types';
import { dockerCommand } from '../../api/docker-cli';
import { BuildLogReader, type ProgressMessage } from './progress';

export type BuildInput = ParsedInputOf<'images.build'>;

export interface BuildContext {
  stream: Readable;
  files: number;
  bytes: number;
  ignored: number;
  dispose(): Promise<void>;
}

/** Files of `dir` to send, relative with "/", after .dockerignore (the Dockerfile and .dockerignore always go, as Docker sends them). */
export async function contextFiles(
  dir: string,
  dockerfile = 'Dockerfile',
): Promise<{ files: string[]; bytes: number; ignored: number }> {
  let rules: string[] = [];
  try {
    rules = (await readFile(join(dir, '.dockerignore'), 'utf8')).split(/\r?\n/);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const ig = dockerignore({ ignorecase: false }).add(rules);
  const always = new Set([dockerfile.split(sep).join('/'), '.dockerignore']);
  const files: string[] = [];
  let bytes = 0;
  let ignored = 0;
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const abs = join(folder, entry.name);
      const rel = relative(dir, abs).split(sep).join('/');
      if (entry.isDirectory()) {
        await walk(abs);
        continue;
      }
      if (!always.has(rel) && ig.ignores(rel)) {
        ignored++;
        continue;
      }
      files.push(rel);
      bytes += (await lstat(abs)).size;
    }
  };
  await walk(dir);
  return { files: files.sort(), bytes, ignored };
}

export async function prepareContext(input: BuildInput): Promise<BuildContext> {
  if (input.context.kind === 'folder') {
    const dir = input.context.path;
    const st = await lstat(dir).catch(() => undefined);
    if (st === undefined || !st.isDirectory())
      throw new ApiError({
        code: 'not-found',
        message: `There is no folder ${dir}.`,
        key: 'images.buildNoFolder',
        params: { path: dir },
      });
    const { files, bytes, ignored } = await contextFiles(dir, input.dockerfile ?? 'Dockerfile');
    // pack() consumes its entries array: hand it a copy.
    return {
      stream: pack(dir, { entries: [...files] }) as unknown as Readable,
      files: files.length,
      bytes,
      ignored,
      dispose: async () => {},
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'wharf-build-'));
  await writeFile(join(dir, 'Dockerfile'), input.context.text);
  return {
    stream: pack(dir, { entries: ['Dockerfile'] }) as unknown as Readable,
    files: 1,
    bytes: Buffer.byteLength(input.context.text),
    ignored: 0,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export function buildCommand(input: BuildInput): string {
  return dockerCommand('image.build', {
    context: input.context.kind === 'folder' ? input.context.path : '-',
    tags: input.tags,
    buildArgs: input.buildArgs,
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(input.dockerfile !== undefined ? { dockerfile: input.dockerfile } : {}),
    ...(input.noCache === true ? { noCache: true } : {}),
  });
}

/**
 * Runs one build, reporting every event to `emit`; resolves after 'done' or
 * 'failed' was emitted. `signal` aborts the engine's request.
 */
export async function runBuild(
  docker: Docker,
  input: BuildInput,
  emit: (event: BuildEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  const context = await prepareContext(input);
  try {
    emit({
      kind: 'started',
      command: buildCommand(input),
      contextFiles: context.files,
      contextBytes: context.bytes,
      ignored: context.ignored,
    });
    const [first, ...more] = input.tags;
    const response = (await docker.buildImage(context.stream, {
      ...(first !== undefined ? { t: [first, ...more] } : {}),
      ...(Object.keys(input.buildArgs).length > 0 ? { buildargs: input.buildArgs } : {}),
      ...(input.target !== undefined && input.target !== '' ? { target: input.target } : {}),
      ...(input.dockerfile !== undefined && input.dockerfile !== '' ? { dockerfile: input.dockerfile } : {}),
      ...(input.noCache === true ? { nocache: true } : {}),
      rm: true,
      forcerm: true,
      // Classic builder: its log names each step and says "Using cache".
      version: '1',
      ...(signal !== undefined ? { abortSignal: signal } : {}),
    } as Docker.ImageBuildOptions)) as unknown as Readable;

    const reader = new BuildLogReader();
    let imageId = '';
    let failure: string | undefined;
    const report = (chunk: { lines: string[]; changed: BuildStep[] }) => {
      for (const text of chunk.lines) emit({ kind: 'log', text });
      for (const step of chunk.changed) emit({ kind: 'step', step });
    };
    await forEachMessage(response, (m) => {
      if (m.stream !== undefined) report(reader.feed(m.stream));
      if (m.aux?.ID !== undefined) imageId = m.aux.ID;
      if (m.error !== undefined || m.errorDetail?.message !== undefined) failure = m.errorDetail?.message ?? m.error;
    });
    report(reader.flush());
    if (failure !== undefined) {
      const step = reader.current();
      emit({
        kind: 'failed',
        message: failure,
        ...(step !== undefined ? { step: { ...step } } : {}),
        output: step?.output ?? [],
      });
      return;
    }
    if (imageId === '' && first !== undefined)
      imageId = ((await docker.getImage(first).inspect()) as { Id: string }).Id;
    const steps = reader.steps;
    emit({
      kind: 'done',
      summary: {
        imageId,
        tags: input.tags,
        steps,
        cachedSteps: steps.filter((s) => s.cached).length,
        totalSteps: steps.length,
        durationMs: Date.now() - started,
        contextFiles: context.files,
        contextBytes: context.bytes,
      },
    });
  } finally {
    // The engine may stop reading early (an error, an abort): never leave the tar reading a folder that goes away.
    context.stream.destroy();
    await context.dispose();
  }
}

/** Reads a JSON-lines progress stream to its end, one message at a time. */
export async function forEachMessage(stream: Readable, onMessage: (m: ProgressMessage) => void): Promise<void> {
  let partial = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onMessage(JSON.parse(line) as ProgressMessage);
  }
  if (partial.trim() !== '') onMessage(JSON.parse(partial) as ProgressMessage);
}
