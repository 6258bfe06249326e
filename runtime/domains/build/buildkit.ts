// A build through BuildKit: POST /build?version=2 with the context as the
// request's tar body. The engine's builder-next serves that body to BuildKit
// as the context itself (moby's builder-next reqBodyHandler), so no client
// session (/session, gRPC) is needed. Progress arrives as JSON messages
// {"id":"moby.buildkit.trace","aux":"<base64 StatusResponse>"}; the image id
// as {"id":"moby.image.id","aux":{"ID":…}}.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { BuildEvent, BuildStep } from './types';
import { BuildkitProgress } from './buildkit-progress';
import { ProtoError, decodeStatusResponse } from './buildkit-proto';
import { classifyBuildkitFailure, fallsBackToClassic, frontendImageLoaded } from './builder';

/** The query of /build, as dockerode's modem writes it (objects as JSON, arrays repeated). */
export type BuildQuery = Record<string, unknown>;

export type BuildkitOutcome =
  | { kind: 'done'; imageId: string; steps: BuildStep[]; cachedSteps: number; totalSteps: number }
  | { kind: 'failed'; event: Extract<BuildEvent, { kind: 'failed' }> }
  /** BuildKit's own failure: build again with the classic builder. */
  | { kind: 'fallback'; message: string };

interface TraceMessage {
  id?: string;
  aux?: unknown;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Opens POST /build without dockerode's BuildKit session: the body is the context. */
function openBuild(docker: Docker, body: Readable, query: BuildQuery, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build?',
        method: 'POST',
        file: body,
        options: { ...query, version: '2' },
        isStream: true,
        ...(signal !== undefined ? { abortSignal: signal } : {}),
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (error: unknown, stream: unknown) =>
        error
          ? reject(error instanceof Error ? error : new Error('the engine refused the build'))
          : resolve(stream as Readable),
    );
  });
}

/** The engine's message in an error dockerode raised for an HTTP status. */
function engineMessage(error: unknown): string | undefined {
  const e = error as { statusCode?: number; json?: { message?: string } | string; message?: string };
  if (typeof e?.statusCode !== 'number') return undefined;
  if (typeof e.json === 'object' && e.json?.message !== undefined) return e.json.message;
  if (typeof e.json === 'string' && e.json.trim() !== '') return e.json.trim();
  return e.message ?? `HTTP ${e.statusCode}`;
}

/**
 * Runs one BuildKit build, emitting its log lines and steps as they come.
 * `syntax`: the image the Dockerfile's "# syntax=" line names, if any.
 * Rejects only when the engine cannot be reached or the build was aborted.
 */
export async function runBuildkit(
  docker: Docker,
  body: Readable,
  query: BuildQuery,
  emit: (event: BuildEvent) => void,
  options: { signal?: AbortSignal; syntax?: string } = {},
): Promise<BuildkitOutcome> {
  const progress = new BuildkitProgress();
  const report = (chunk: { lines: string[]; changed: BuildStep[] }) => {
    for (const text of chunk.lines) emit({ kind: 'log', text });
    for (const step of chunk.changed) emit({ kind: 'step', step });
  };
  const syntax = options.syntax !== undefined ? { syntax: options.syntax } : {};

  let response: Readable;
  try {
    response = await openBuild(docker, body, query, options.signal);
  } catch (error) {
    const message = engineMessage(error);
    if (message === undefined || options.signal?.aborted === true) throw error;
    // The engine refused the request itself (no BuildKit, an old engine): BuildKit's own, unless it names the Dockerfile.
    const cause = classifyBuildkitFailure({ message, stepFailed: false, ...syntax });
    if (fallsBackToClassic(cause)) return { kind: 'fallback', message };
    return { kind: 'failed', event: { kind: 'failed', message, output: [], cause, ...frontendOf(cause, syntax) } };
  }

  let imageId = '';
  let failure: string | undefined;
  let partial = '';
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    const m = JSON.parse(line) as TraceMessage;
    if (m.id === 'moby.buildkit.trace' && typeof m.aux === 'string') {
      try {
        report(progress.feed(decodeStatusResponse(Buffer.from(m.aux, 'base64'))));
      } catch (error) {
        // One unreadable update is left out, not the build.
        if (!(error instanceof ProtoError)) throw error;
      }
    } else if (m.id === 'moby.image.id') {
      imageId = (m.aux as { ID?: string } | undefined)?.ID ?? imageId;
    } else if (m.stream !== undefined && m.stream.trim() !== '') {
      emit({ kind: 'log', text: m.stream.replace(/\n$/, '') });
    }
    if (m.error !== undefined || m.errorDetail?.message !== undefined) failure = m.errorDetail?.message ?? m.error;
  };
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  }
  onLine(partial);
  report(progress.flush());

  if (failure === undefined) {
    const steps = progress.steps;
    const own = progress.dockerfileSteps();
    return {
      kind: 'done',
      imageId,
      steps,
      cachedSteps: own.filter((s) => s.cached).length,
      totalSteps: own.length,
    };
  }
  const step = progress.failed();
  // Once BuildKit had the "# syntax=" image, a failure is no longer the frontend image's (a FROM it cannot pull, say).
  const loaded = options.syntax !== undefined && progress.steps.some((s) => frontendImageLoaded(s, options.syntax!));
  // BuildKit's own work failing (resolving the "# syntax=" image, say) is not a step of the Dockerfile.
  const cause = classifyBuildkitFailure({
    message: failure,
    stepFailed: step !== undefined && step.internal !== true,
    ...(step?.internal === true ? { internalStep: step.instruction } : {}),
    ...(loaded ? {} : syntax),
  });
  if (fallsBackToClassic(cause)) return { kind: 'fallback', message: failure };
  return {
    kind: 'failed',
    event: {
      kind: 'failed',
      message: failure,
      ...(step !== undefined ? { step } : {}),
      output: step?.output ?? [],
      cause,
      ...frontendOf(cause, syntax),
    },
  };
}

function frontendOf(cause: string, syntax: { syntax?: string }): { frontend?: string } {
  return cause === 'frontend' && syntax.syntax !== undefined ? { frontend: syntax.syntax } : {};
}
