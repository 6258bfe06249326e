// Learn: the learner's progress, kept in <dataDir>/learn-progress.json. Steps
// done stay done; answers are kept; the objects a passed check matched are
// recorded so Reset removes what was made through Wharf's UI too. Written
// through a temporary file and a rename; a file that does not read is kept
// aside as .bad and the progress starts empty.
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../compose/files';
import type { Matched } from './checks';

const Names = z.array(z.string().min(1).max(300)).max(500);

const Made = z
  .object({
    containers: Names.default([]),
    images: Names.default([]),
    volumes: Names.default([]),
    networks: Names.default([]),
    pods: Names.default([]),
  })
  .strict();

const LessonProgress = z
  .object({
    steps: z.array(z.string().min(1).max(64)).max(100).default([]),
    answers: z.record(z.string().min(1).max(64), z.string().min(1).max(64)).default({}),
    made: Made.default({ containers: [], images: [], volumes: [], networks: [], pods: [] }),
  })
  .strict();
export type LessonProgress = z.infer<typeof LessonProgress>;

const ProgressFile = z.object({ version: z.literal(1), lessons: z.record(z.string(), LessonProgress) }).strict();

export interface ProgressStore {
  get(lessonId: string): LessonProgress;
  /** Marks steps done (sticky) and records what their checks matched. */
  markDone(lessonId: string, steps: readonly string[], made?: Partial<Matched>): Promise<LessonProgress>;
  answer(lessonId: string, question: string, choice: string): Promise<LessonProgress>;
  /** Forgets the lesson's progress (after a reset). */
  forget(lessonId: string): Promise<void>;
}

const empty = (): LessonProgress => ({
  steps: [],
  answers: {},
  made: { containers: [], images: [], volumes: [], networks: [], pods: [] },
});

const clone = (p: LessonProgress): LessonProgress => JSON.parse(JSON.stringify(p)) as LessonProgress;

export function createProgressStore(file: string, log: (message: string) => void = () => {}): ProgressStore {
  let lessons: Record<string, LessonProgress> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const load = (): Record<string, LessonProgress> => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return {};
    }
    try {
      return ProgressFile.parse(JSON.parse(text)).lessons;
    } catch {
      // The learner's progress is kept for a look, not thrown away.
      try {
        mkdirSync(dirname(file), { recursive: true });
        renameSync(file, `${file}.bad`);
        log(`learn: ${file} could not be read; kept as ${file}.bad, progress starts empty`);
      } catch {
        log(`learn: ${file} could not be read; progress starts empty`);
      }
      return {};
    }
  };
  const all = () => (lessons ??= load());

  const save = (): Promise<void> => {
    const text = `${JSON.stringify({ version: 1, lessons: all() }, null, 2)}\n`;
    const write = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeAtomic(file, text, 0o600);
    });
    writing = write.catch(() => {});
    return write;
  };

  const update = async (lessonId: string, change: (p: LessonProgress) => boolean): Promise<LessonProgress> => {
    const current = all()[lessonId] ?? empty();
    if (change(current)) {
      all()[lessonId] = current;
      await save();
    }
    return clone(current);
  };

  return {
    get: (lessonId) => clone(all()[lessonId] ?? empty()),
    markDone: (lessonId, steps, made) =>
      update(lessonId, (p) => {
        let changed = false;
        for (const step of steps)
          if (!p.steps.includes(step)) {
            p.steps.push(step);
            changed = true;
          }
        for (const [kind, names] of Object.entries(made ?? {}) as Array<[keyof Matched, string[]]>)
          for (const name of names)
            if (!p.made[kind].includes(name)) {
              p.made[kind].push(name);
              changed = true;
            }
        return changed;
      }),
    answer: (lessonId, question, choice) =>
      update(lessonId, (p) => {
        if (p.answers[question] === choice) return false;
        p.answers[question] = choice;
        return true;
      }),
    forget: async (lessonId) => {
      if (all()[lessonId] === undefined) return;
      delete all()[lessonId];
      await save();
    },
  };
}
