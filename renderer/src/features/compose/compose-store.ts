// What the compose screens remember while Wharf runs (not across restarts):
// which project groups of the containers list are collapsed, and which
// projects have a compose command running, with its progress.
import { create } from 'zustand';
import type { ComposeEvent, ComposeFailure, ComposeStepState } from '../../../../runtime/domains/compose/types';

export interface RunStep {
  target: string;
  targetKind: Extract<ComposeEvent, { type: 'step' }>['targetKind'];
  state: ComposeStepState;
  detail?: string;
}

export interface ComposeRunState {
  /** What runs: 'up', 'down', 'stop'… */
  kind: string;
  command?: string;
  steps: RunStep[];
  output: { stream: 'stdout' | 'stderr'; text: string }[];
  done: boolean;
  ok?: boolean;
  failure?: ComposeFailure;
  /** The user cancelled it. */
  cancelled?: boolean;
}

interface ComposeUiState {
  collapsed: Record<string, boolean>;
  runs: Record<string, ComposeRunState>;
  setCollapsed(project: string, collapsed: boolean): void;
  startRun(project: string, kind: string): void;
  onEvent(project: string, event: ComposeEvent): void;
  endRun(project: string, failure?: ComposeFailure): void;
  cancelRun(project: string): void;
  clearRun(project: string): void;
}

const MAX_OUTPUT = 2000;

export function applyEvent(run: ComposeRunState, event: ComposeEvent): ComposeRunState {
  switch (event.type) {
    case 'command':
      return { ...run, command: event.command };
    case 'step': {
      const step: RunStep = {
        target: event.target,
        targetKind: event.targetKind,
        state: event.state,
        ...(event.detail !== undefined ? { detail: event.detail } : {}),
      };
      const at = run.steps.findIndex((s) => s.target === event.target && s.targetKind === event.targetKind);
      const steps = at < 0 ? [...run.steps, step] : run.steps.map((s, i) => (i === at ? step : s));
      return { ...run, steps };
    }
    case 'output':
      return { ...run, output: [...run.output, { stream: event.stream, text: event.text }].slice(-MAX_OUTPUT) };
    case 'done':
      return event.ok ? { ...run, done: true, ok: true } : { ...run, done: true, ok: false, failure: event.failure };
  }
}

export const useComposeUi = create<ComposeUiState>()((set) => ({
  collapsed: {},
  runs: {},
  setCollapsed: (project, collapsed) => set((s) => ({ collapsed: { ...s.collapsed, [project]: collapsed } })),
  startRun: (project, kind) =>
    set((s) => ({ runs: { ...s.runs, [project]: { kind, steps: [], output: [], done: false } } })),
  onEvent: (project, event) =>
    set((s) => {
      const run = s.runs[project];
      return run ? { runs: { ...s.runs, [project]: applyEvent(run, event) } } : s;
    }),
  endRun: (project, failure) =>
    set((s) => {
      const run = s.runs[project];
      if (!run || run.done) return s;
      return {
        runs: {
          ...s.runs,
          [project]: { ...run, done: true, ok: failure === undefined, ...(failure ? { failure } : {}) },
        },
      };
    }),
  cancelRun: (project) =>
    set((s) => {
      const run = s.runs[project];
      if (!run || run.done) return s;
      return { runs: { ...s.runs, [project]: { ...run, done: true, ok: false, cancelled: true } } };
    }),
  clearRun: (project) =>
    set((s) => {
      const runs = { ...s.runs };
      delete runs[project];
      return { runs };
    }),
}));
