// BuildKit's progress folded into build steps: each vertex (a Dockerfile step,
// or BuildKit's own work such as "[internal] load build context") becomes one
// step with its state (several run at once when stages are independent),
// CACHED, its duration, its own log lines and its error. The log is written
// as `docker build --progress=plain` writes it ("#5 [build 2/3] RUN …",
// "#5 CACHED", "#5 DONE 0.4s"), so it reads like the terminal. Pure.
import type { BkStatus, BkVertex } from './buildkit-proto';
import type { BuildStep, BuildStepState } from './types';

/** Lines kept per step (its last ones): a step printing without end must not grow without end. */
export const MAX_STEP_LINES = 2000;
/** Lines a step carries in each of its updates while it runs (the summary and the failure carry them all). */
export const LIVE_STEP_LINES = 200;

const BRACKETS = /^\[([^\]]*)\]\s*(.*)$/s;

/** "[build 2/3] RUN make" → label "build 2/3", stage "build", instruction "RUN make". */
export function parseVertexName(name: string): Pick<BuildStep, 'instruction' | 'label' | 'stage' | 'internal'> {
  const m = BRACKETS.exec(name);
  if (m === null) return { instruction: name, internal: true };
  const label = m[1]!.trim();
  const instruction = m[2]!.trim();
  if (label === 'internal') return { instruction, label, internal: true };
  const stage = /^(.+?)\s+\d+\/\d+$/.exec(label)?.[1];
  return { instruction, label, ...(stage !== undefined ? { stage } : {}), internal: false };
}

function stateOf(v: BkVertex): BuildStepState {
  if (v.error !== undefined && v.error !== '') return 'failed';
  if (v.cached) return 'cached';
  if (v.completed !== undefined) return 'done';
  if (v.started !== undefined) return 'running';
  return 'waiting';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export class BuildkitProgress {
  private readonly byDigest = new Map<string, BuildStep>();
  private readonly order: BuildStep[] = [];
  /** A log line a vertex has begun but not ended yet. */
  private readonly partial = new Map<string, string>();
  private readonly decoder = new Map<string, InstanceType<typeof TextDecoder>>();
  /** What the log already said of each step: its title, and its last state. */
  private readonly told = new Map<string, BuildStepState | 'titled'>();

  /** Every step, in the order they appeared. */
  get steps(): BuildStep[] {
    return this.order.map((s) => ({ ...s, output: [...s.output] }));
  }

  /** The Dockerfile's steps (not BuildKit's own). */
  dockerfileSteps(): BuildStep[] {
    return this.steps.filter((s) => s.internal !== true);
  }

  /** The step that failed, if one did. */
  failed(): BuildStep | undefined {
    const s = this.order.find((x) => x.state === 'failed');
    return s && { ...s, output: [...s.output] };
  }

  /** True once a step of the Dockerfile began (the builder got past reading the Dockerfile). */
  started(): boolean {
    return this.order.some((s) => s.internal !== true && s.state !== 'waiting');
  }

  /** Steps running right now. */
  running(): BuildStep[] {
    return this.order.filter((s) => s.state === 'running');
  }

  /** Folds one StatusResponse in: the log lines it makes and the steps it changed. */
  feed(status: BkStatus): { lines: string[]; changed: BuildStep[] } {
    const lines: string[] = [];
    const changed = new Set<BuildStep>();
    for (const v of status.vertexes) {
      const step = this.upsert(v);
      changed.add(step);
      this.title(step, lines);
    }
    for (const s of status.statuses) {
      const step = this.byDigest.get(s.vertex);
      if (step === undefined || s.completed === undefined) continue;
      const amount = s.total > 0 ? ` ${s.current}/${s.total}` : s.current > 0 ? ` ${s.current}` : '';
      // The ID says what (a layer's digest, "resolve <image>"); the name is only the action ("done", "extracting").
      lines.push(`#${step.index} ${s.id !== '' ? s.id : s.name}${amount} done`);
    }
    for (const l of status.logs) {
      const step = this.byDigest.get(l.vertex);
      if (step === undefined) continue;
      let decoder = this.decoder.get(l.vertex);
      if (decoder === undefined) {
        decoder = new TextDecoder('utf-8');
        this.decoder.set(l.vertex, decoder);
      }
      const text = (this.partial.get(l.vertex) ?? '') + decoder.decode(l.msg, { stream: true });
      const parts = text.split('\n');
      this.partial.set(l.vertex, parts.pop() ?? '');
      for (const raw of parts) this.addLine(step, raw, lines);
      changed.add(step);
    }
    // A step's end comes after what it printed and reported in the same update, as in the terminal.
    for (const step of changed) this.end(step, lines);
    for (const w of status.warnings) {
      const step = this.byDigest.get(w.vertex);
      lines.push(`${step !== undefined ? `#${step.index} ` : ''}WARNING: ${w.short}`);
    }
    return { lines, changed: [...changed].map((s) => ({ ...s, output: s.output.slice(-LIVE_STEP_LINES) })) };
  }

  /** The stream ended: what is left of unfinished log lines. */
  flush(): { lines: string[]; changed: BuildStep[] } {
    const lines: string[] = [];
    const changed: BuildStep[] = [];
    for (const [digest, rest] of this.partial) {
      const step = this.byDigest.get(digest);
      if (step === undefined || rest === '') continue;
      this.addLine(step, rest, lines);
      changed.push({ ...step, output: [...step.output] });
    }
    this.partial.clear();
    return { lines, changed };
  }

  private upsert(v: BkVertex): BuildStep {
    let step = this.byDigest.get(v.digest);
    if (step === undefined) {
      step = { index: this.order.length + 1, total: 0, instruction: '', cached: false, output: [], id: v.digest };
      this.byDigest.set(v.digest, step);
      this.order.push(step);
    }
    Object.assign(step, parseVertexName(v.name));
    step.cached = step.cached || v.cached;
    // A later update may repeat the vertex without what an earlier one said: keep the earliest start, the latest end.
    if (v.started !== undefined) step.startedAt = Math.min(step.startedAt ?? v.started, v.started);
    if (v.completed !== undefined) step.completedAt = Math.max(step.completedAt ?? v.completed, v.completed);
    if (v.error !== undefined && v.error !== '') step.error = v.error;
    const next = stateOf(v);
    // Never back from an end state to an earlier one.
    const rank: Record<BuildStepState, number> = { waiting: 0, running: 1, done: 2, cached: 2, failed: 3 };
    if (step.state === undefined || rank[next] >= rank[step.state]) step.state = next;
    for (const s of this.order) s.total = this.order.length;
    return step;
  }

  /** Writes the step's title to the log once it began. */
  private title(step: BuildStep, lines: string[]): void {
    const id = step.id!;
    if (step.state === 'waiting' || this.told.has(id)) return;
    lines.push(`#${step.index} ${step.label !== undefined ? `[${step.label}] ` : ''}${step.instruction}`);
    this.told.set(id, 'titled');
  }

  /** Writes the step's end state to the log, once. */
  private end(step: BuildStep, lines: string[]): void {
    const id = step.id!;
    const told = this.told.get(id);
    if (told === undefined || step.state === told || step.state === 'running') return;
    // BuildKit may say a vertex completed, then that it was cached: the log has said it ended already.
    if ((told === 'done' || told === 'cached') && (step.state === 'done' || step.state === 'cached')) return;
    if (step.state === 'cached') lines.push(`#${step.index} CACHED`);
    if (step.state === 'done') {
      const took = step.startedAt !== undefined && step.completedAt !== undefined;
      lines.push(`#${step.index} DONE${took ? ` ${seconds(step.completedAt! - step.startedAt!)}` : ''}`);
    }
    if (step.state === 'failed') lines.push(`#${step.index} ERROR: ${step.error ?? ''}`);
    this.told.set(id, step.state!);
  }

  private addLine(step: BuildStep, raw: string, lines: string[]): void {
    const line = raw.replace(/\r$/, '');
    step.output.push(line);
    if (step.output.length > MAX_STEP_LINES) step.output.splice(0, step.output.length - MAX_STEP_LINES);
    lines.push(`#${step.index} ${line}`);
  }
}
