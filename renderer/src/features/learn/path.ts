// The path of lessons: in course order, which one comes next, and how far
// each one is. Pure.
import type { LessonState, LessonSummary } from '../../../../runtime/domains/learn/types';
import type { EngineKind } from '../../../../runtime/domains/engine/types';

/** The lessons in course order (by `order`, then id, whatever order they came in). */
export function orderedPath(lessons: readonly LessonSummary[]): LessonSummary[] {
  return [...lessons].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Whether the connected engine can run every step of the lesson (unknown engine: yes). */
export function runsOn(lesson: Pick<LessonSummary, 'engine'>, engine: EngineKind | undefined): boolean {
  return lesson.engine === 'any' || engine === undefined || engine === lesson.engine;
}

/**
 * What comes next: the first lesson started and not finished, else the first
 * new one the engine can run, else the first new one; null when all are done.
 */
export function nextLesson(lessons: readonly LessonSummary[], engine?: EngineKind): string | null {
  const path = orderedPath(lessons);
  const started = path.find((l) => l.status === 'started');
  if (started) return started.id;
  const fresh = path.filter((l) => l.status === 'new');
  return (fresh.find((l) => runsOn(l, engine)) ?? fresh[0])?.id ?? null;
}

/** The step the lesson page opens: the one the learner chose while it exists, else the current one, else the last. */
export function openStepId(
  state: Pick<LessonState, 'current' | 'steps'> | undefined,
  chosen: string | null,
): string | null {
  if (!state) return chosen;
  if (chosen !== null && state.steps.some((s) => s.id === chosen)) return chosen;
  return state.current ?? state.steps.at(-1)?.id ?? null;
}
