// An image build: its steps and its result. Pure types: they cross the contract.

export interface BuildStep {
  /** 1-based, as "Step 3/7". */
  index: number;
  total: number;
  instruction: string;
  /** The builder reused the cached result ("---> Using cache"). */
  cached: boolean;
  /** What the step printed (not the builder's own "--->" lines). */
  output: string[];
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
}

export type BuildEvent =
  | { kind: 'started'; command: string; contextFiles: number; contextBytes: number; ignored: number }
  /** One line of the builder's log, as it arrives. */
  | { kind: 'log'; text: string }
  /** A step began, or (same index) learnt it came from the cache. */
  | { kind: 'step'; step: BuildStep }
  | { kind: 'done'; summary: BuildSummary }
  /** The build stopped: the step that failed (when known), its output, and the builder's message. */
  | { kind: 'failed'; message: string; step?: BuildStep; output: string[] };
