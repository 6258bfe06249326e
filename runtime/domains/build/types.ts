// An image build: its steps and its result. Pure types: they cross the contract.

/**
 * Which builder ran: BuildKit (Docker's builder-next, /build?version=2), the
 * classic builder (Docker's /build?version=1), or Podman's own (Buildah,
 * through Podman's Docker-compatible /build).
 */
export type BuilderName = 'buildkit' | 'classic' | 'buildah';

/** Why that builder. */
export type BuilderReason =
  /** The engine names BuildKit as its builder (/_ping "Builder-Version: 2"). */
  | 'buildkit-default'
  /** A Docker engine on Linux with API ≥ 1.39: BuildKit is there, Wharf asks for it as DOCKER_BUILDKIT=1 does. */
  | 'buildkit-supported'
  /** The build asked for the classic builder. */
  | 'classic-chosen'
  /** The engine is configured for the classic builder (/_ping "Builder-Version: 1"). */
  | 'classic-configured'
  /** The engine's API is older than 1.39, before BuildKit. */
  | 'api-too-old'
  /** A Docker engine that is not Linux (Windows containers have no BuildKit in the engine). */
  | 'not-linux'
  /** Podman builds with Buildah: it has no BuildKit. */
  | 'podman'
  /** BuildKit itself failed (not the Dockerfile): the classic builder ran instead. */
  | 'buildkit-failed';

export interface BuilderChoice {
  builder: BuilderName;
  reason: BuilderReason;
}

export type BuildStepState = 'waiting' | 'running' | 'done' | 'cached' | 'failed';

export interface BuildStep {
  /** 1-based: "Step 3/7" on the classic builder; with BuildKit, the order the step appeared in (as "#3"). */
  index: number;
  total: number;
  instruction: string;
  /** The builder reused the cached result ("---> Using cache", BuildKit's CACHED). */
  cached: boolean;
  /** What the step printed (not the builder's own "--->" lines). */
  output: string[];
  /** BuildKit: the step's vertex digest. */
  id?: string;
  /** BuildKit: what stands in brackets before the instruction: "build 2/3", "3/4", "internal". */
  label?: string;
  /** BuildKit: the stage the step belongs to ("build" of "[build 2/3]"), when it has a name. */
  stage?: string;
  /** BuildKit: the builder's own bookkeeping ("[internal] load build definition"), not a Dockerfile step. */
  internal?: boolean;
  /** BuildKit: where the step is; several can be running at once. */
  state?: BuildStepState;
  /** BuildKit: when it started and ended, in ms since the epoch. */
  startedAt?: number;
  completedAt?: number;
  /** BuildKit: the step's own error. */
  error?: string;
}

export interface BuildSummary {
  imageId: string;
  tags: string[];
  steps: BuildStep[];
  cachedSteps: number;
  totalSteps: number;
  durationMs: number;
  /** Files sent to the engine, after .dockerignore. */
  contextFiles: number;
  contextBytes: number;
  builder: BuilderName;
}

/** Why a build failed, when Wharf can tell. */
export type BuildFailureCause =
  /** A step of the Dockerfile failed (a RUN exited non-zero, a COPY found nothing). */
  | 'step'
  /** The Dockerfile could not be read (a syntax error, an unknown instruction). */
  | 'dockerfile'
  /** The "# syntax=" line names a frontend image the engine could not pull. */
  | 'frontend'
  /** The builder itself failed. */
  | 'builder';

export type BuildEvent =
  | {
      kind: 'started';
      command: string;
      contextFiles: number;
      contextBytes: number;
      ignored: number;
      builder: BuilderName;
      reason: BuilderReason;
      /** With reason 'buildkit-failed': BuildKit's own error. */
      fallbackFrom?: string;
    }
  /** One line of the builder's log, as it arrives. */
  | { kind: 'log'; text: string }
  /** A step began, or (same index) changed: came from the cache, finished, failed. */
  | { kind: 'step'; step: BuildStep }
  | { kind: 'done'; summary: BuildSummary }
  /** The build stopped: the step that failed (when known), its output, and the builder's message. */
  | {
      kind: 'failed';
      message: string;
      step?: BuildStep;
      output: string[];
      cause?: BuildFailureCause;
      /** With cause 'frontend': the image the "# syntax=" line names. */
      frontend?: string;
    };
