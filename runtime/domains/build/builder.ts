// Which builder a build uses, and what a BuildKit failure means. Pure
// decisions, from what the engine says of itself (/_ping's headers, /version)
// and from BuildKit's error text.
import type { EngineKind } from '../engine/types';
import { normalizeRef } from '../learn/checks';
import type { BuildFailureCause, BuildStep, BuilderChoice } from './types';

export interface BuilderFacts {
  kind: EngineKind;
  /** The API version the engine speaks, e.g. "1.41". */
  apiVersion: string;
  /** The engine's OS ("linux", "windows"). */
  os: string;
  /** /_ping's Builder-Version header: "2" BuildKit is the default, "1" the classic builder is, absent: not said. */
  builderVersion?: string;
  /** The build asked for the classic builder. */
  classic?: boolean;
}

/** BuildKit came into the engine with API 1.39 (Docker 18.09). */
export const BUILDKIT_MIN_API = '1.39';

function apiAtLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a !== c ? a > c : b >= d;
}

export function chooseBuilder(facts: BuilderFacts): BuilderChoice {
  if (facts.kind === 'podman') return { builder: 'buildah', reason: 'podman' };
  if (facts.classic === true) return { builder: 'classic', reason: 'classic-chosen' };
  if (!apiAtLeast(facts.apiVersion, BUILDKIT_MIN_API)) return { builder: 'classic', reason: 'api-too-old' };
  if (facts.os !== '' && facts.os.toLowerCase() !== 'linux') return { builder: 'classic', reason: 'not-linux' };
  const header = facts.builderVersion?.trim() ?? '';
  if (header === '1') return { builder: 'classic', reason: 'classic-configured' };
  if (header === '2') return { builder: 'buildkit', reason: 'buildkit-default' };
  return { builder: 'buildkit', reason: 'buildkit-supported' };
}

/**
 * The frontend image a Dockerfile's "# syntax=" directive names, if it has one.
 * Parser directives are comments at the very top, before any other line
 * (blank lines and other comments end them).
 */
export function syntaxDirective(dockerfile: string): string | undefined {
  for (const raw of dockerfile.split(/\r?\n/)) {
    const m = /^#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (m === null) return undefined;
    if (m[1]!.toLowerCase() === 'syntax') return m[2] === '' ? undefined : m[2];
  }
  return undefined;
}

const withoutDigest = (ref: string) => ref.replace(/@sha256:[0-9a-f]+$/, '');

/**
 * Whether a BuildKit step is the "# syntax=" frontend's image, had: BuildKit's
 * own `docker-image://<image>` step, done or cached. After it, a failure is
 * the Dockerfile's or a step's, not the frontend image's.
 */
export function frontendImageLoaded(
  step: Pick<BuildStep, 'instruction' | 'internal' | 'state'>,
  syntax: string,
): boolean {
  if (step.internal !== true || (step.state !== 'done' && step.state !== 'cached')) return false;
  const m = /^docker-image:\/\/(\S+)$/.exec(step.instruction);
  return m !== null && normalizeRef(withoutDigest(m[1]!)) === normalizeRef(withoutDigest(syntax));
}

const DOCKERFILE_ERROR =
  /dockerfile parse error|failed to create LLB definition|failed to read dockerfile|unknown instruction|unknown flag|failed to parse|failed to compute cache key|not found: not found|failed to calculate checksum|pull access denied|repository does not exist|manifest unknown|no match for platform/i;
const FRONTEND_ERROR =
  /frontend gateway\.v0|frontend dockerfile\.v0: failed to (do request|resolve)|dial tcp|no such host|i\/o timeout|connection refused|pull access denied|manifest unknown|not found/i;

export interface BuildkitFailure {
  message: string;
  /** A step of the Dockerfile reported its own error. */
  stepFailed: boolean;
  /** BuildKit's own step that failed, if one did ("load metadata for <image>", say). */
  internalStep?: string;
  /** The Dockerfile's "# syntax=" image, if it names one. */
  syntax?: string;
}

/**
 * What a BuildKit failure was: a step's, the Dockerfile's, the frontend
 * image's (a "# syntax=" line the engine could not pull), or BuildKit's own.
 */
export function classifyBuildkitFailure(f: BuildkitFailure): BuildFailureCause {
  if (f.stepFailed) return 'step';
  // A base image (FROM) BuildKit could not look up: the Dockerfile's, whatever the frontend made of the message.
  if (f.internalStep !== undefined && /^load metadata for /.test(f.internalStep)) return 'dockerfile';
  if (f.syntax !== undefined && FRONTEND_ERROR.test(f.message)) return 'frontend';
  if (DOCKERFILE_ERROR.test(f.message)) return 'dockerfile';
  return 'builder';
}

/** Only BuildKit's own failures are tried again with the classic builder: a failing step or Dockerfile would fail there too. */
export function fallsBackToClassic(cause: BuildFailureCause): boolean {
  return cause === 'builder';
}
