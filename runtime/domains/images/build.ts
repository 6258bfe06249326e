// docker build through the engine's /build: BuildKit where the engine has it
// (../build/buildkit.ts), the classic builder (or Podman's) otherwise. The
// context is a folder with its .dockerignore honoured, or a pasted
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
import { toApiError } from '../../transport/to-api-error';
import type { BuildEvent, BuildStep, BuilderChoice } from '../build/types';
import { syntaxDirective } from '../build/builder';
import { runBuildkit } from '../build/buildkit';
import { withBuilderEnv } from '../build/cli';
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

export function buildCommand(input: BuildInput, choice?: BuilderChoice): string {
  return withBuilderEnv(
    dockerCommand('image.build', {
      context: input.context.kind === 'folder' ? input.context.path : '-',
      tags: input.tags,
      buildArgs: input.buildArgs,
      ...(input.target !== undefined ? { target: input.target } : {}),
      ...(input.dockerfile !== undefined ? { dockerfile: input.dockerfile } : {}),
      ...(input.noCache === true ? { noCache: true } : {}),
    }),
    choice,
  );
}

/** The Dockerfile's text, for its "# syntax=" line (undefined when it cannot be read: the builder will say why). */
async function dockerfileText(input: BuildInput): Promise<string | undefined> {
  if (input.context.kind === 'dockerfile') return input.context.text;
  const name = input.dockerfile !== undefined && input.dockerfile !== '' ? input.dockerfile : 'Dockerfile';
  return readFile(join(input.context.path, name), 'utf8').catch(() => undefined);
}

/** /build's query for this input (the builder's version is added by each path). */
function buildQuery(input: BuildInput): Record<string, unknown> {
  const [first, ...more] = input.tags;
  return {
    ...(first !== undefined ? { t: [first, ...more] } : {}),
    ...(Object.keys(input.buildArgs).length > 0 ? { buildargs: input.buildArgs } : {}),
    ...(input.target !== undefined && input.target !== '' ? { target: input.target } : {}),
    ...(input.dockerfile !== undefined && input.dockerfile !== '' ? { dockerfile: input.dockerfile } : {}),
    ...(input.noCache === true ? { nocache: true } : {}),
    rm: true,
    forcerm: true,
  };
}

/**
 * Runs one build with the builder `choice` names, reporting every event to
 * `emit`; resolves after 'done' or 'failed' was emitted. A BuildKit failure
 * that is BuildKit's own (not the Dockerfile's) builds again with the classic
 * builder, and says so. `signal` aborts the engine's request.
 */
export async function runBuild(
  docker: Docker,
  input: BuildInput,
  choice: BuilderChoice,
  emit: (event: BuildEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let context = await prepareContext(input);
  try {
    const begin = (c: BuilderChoice, fallbackFrom?: string) =>
      emit({
        kind: 'started',
        command: buildCommand(input, c),
        contextFiles: context.files,
        contextBytes: context.bytes,
        ignored: context.ignored,
        builder: c.builder,
        reason: c.reason,
        ...(fallbackFrom !== undefined ? { fallbackFrom } : {}),
      });
    const summary = (
      c: BuilderChoice,
      r: { imageId: string; steps: BuildStep[]; cachedSteps: number; totalSteps: number },
    ) => ({
      imageId: r.imageId,
      tags: input.tags,
      steps: r.steps,
      cachedSteps: r.cachedSteps,
      totalSteps: r.totalSteps,
      durationMs: Date.now() - started,
      contextFiles: context.files,
      contextBytes: context.bytes,
      builder: c.builder,
    });
    let classic = choice;
    let fallbackFrom: string | undefined;
    if (choice.builder === 'buildkit') {
      begin(choice);
      const text = await dockerfileText(input);
      const syntax = text !== undefined ? syntaxDirective(text) : undefined;
      const outcome = await runBuildkit(docker, context.stream, buildQuery(input), emit, {
        ...(signal !== undefined ? { signal } : {}),
        ...(syntax !== undefined ? { syntax } : {}),
      });
      // A Dockerfile the builder could not read is refused before any step, as the classic builder refuses it.
      if (outcome.kind === 'failed' && outcome.event.cause === 'dockerfile' && outcome.event.step === undefined)
        throw toApiError(
          Object.assign(new Error(outcome.event.message), {
            statusCode: 400,
            json: { message: outcome.event.message },
          }),
        );
      if (outcome.kind === 'failed') return emit(outcome.event);
      if (outcome.kind === 'done') {
        const imageId = outcome.imageId !== '' ? outcome.imageId : await imageIdOf(docker, input.tags[0]);
        return emit({ kind: 'done', summary: summary(choice, { ...outcome, imageId }) });
      }
      // BuildKit's own failure: the same build with the classic builder, from a fresh context.
      classic = { builder: 'classic', reason: 'buildkit-failed' };
      fallbackFrom = outcome.message;
      context.stream.destroy();
      await context.dispose();
      context = await prepareContext(input);
    }
    begin(classic, fallbackFrom);
    const result = await runClassic(docker, context.stream, buildQuery(input), emit, signal);
    if (result.kind === 'failed') return emit(result.event);
    const imageId = result.imageId !== '' ? result.imageId : await imageIdOf(docker, input.tags[0]);
    emit({ kind: 'done', summary: summary(classic, { ...result, imageId }) });
  } finally {
    // The engine may stop reading early (an error, an abort): never leave the tar reading a folder that goes away.
    context.stream.destroy();
    await context.dispose();
  }
}

async function imageIdOf(docker: Docker, tag: string | undefined): Promise<string> {
  return tag === undefined ? '' : ((await docker.getImage(tag).inspect()) as { Id: string }).Id;
}

/** The classic builder (Docker's version=1, or Podman's): its log names each step and says "Using cache". */
async function runClassic(
  docker: Docker,
  body: Readable,
  query: Record<string, unknown>,
  emit: (event: BuildEvent) => void,
  signal?: AbortSignal,
): Promise<
  | { kind: 'done'; imageId: string; steps: BuildStep[]; cachedSteps: number; totalSteps: number }
  | { kind: 'failed'; event: Extract<BuildEvent, { kind: 'failed' }> }
> {
  const response = (await docker.buildImage(body, {
    ...query,
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
    return {
      kind: 'failed',
      event: {
        kind: 'failed',
        message: failure,
        ...(step !== undefined ? { step: { ...step } } : {}),
        output: step?.output ?? [],
        cause: step !== undefined ? 'step' : 'dockerfile',
      },
    };
  }
  const steps = reader.steps;
  return { kind: 'done', imageId, steps, cachedSteps: steps.filter((s) => s.cached).length, totalSteps: steps.length };
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
