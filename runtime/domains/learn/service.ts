// Learn: serves learn.* from the lessons folder, the learner's progress and
// the connected engine. The current step is checked when asked, and while a
// lesson is watched: after the engine's events (debounced) and every few
// seconds; a step once done stays done.
import { join } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import type { HelperPool } from '../files/helper';
import { readFile } from '../files/content';
import { resolvePlace } from '../files/place';
import { type CheckContext, evaluate, normalizeRef } from './checks';
import { type LoadedLesson, LessonError, findLessonsDir, loadLessons, toLesson } from './loader';
import { wordMessage } from './messages';
import { type LessonProgress, createProgressStore } from './progress';
import { findLeftovers, listPods, removeLeftovers } from './reset';
import type { LessonLocale, LessonState, LessonStatus, LessonSummary, StepState } from './types';

export interface LearnOptions {
  /** Wharf's data folder: learn-progress.json is kept there. */
  dataDir: string;
  /** The lessons folder; found beside the bundle or in the source tree when not given. */
  lessonsDir?: string;
  /** Helper containers that read files in volumes (the files domain's pool); without one, volumeFile checks stay todo. */
  helpers?: HelperPool;
  /** How long engine events are gathered before a watched lesson is checked again. */
  debounceMs?: number;
  /** How often a watched lesson is checked again without any event. */
  pollMs?: number;
  log?: (message: string) => void;
}

type LearnRequests =
  'learn.lessons' | 'learn.lesson' | 'learn.check' | 'learn.answer' | 'learn.leftovers' | 'learn.reset';

export interface LearnService extends ServiceHandlers<LearnRequests, 'learn.watch'> {
  dispose(): void;
}

/** The largest file a volumeFile check reads. */
const FILE_LIMIT = 64 * 1024;

/** What a check needs: the engine's client and kind, pods (Podman), and files in volumes through Wharf's helper. */
export function checkContext(engine: Engine, docker: Docker, lessonId: string, pool?: HelperPool): CheckContext {
  return {
    docker,
    engineKind: engine.info()?.kind,
    lessonId,
    listPods: () => listPods(docker),
    readVolumeFile: async (volume, path) => {
      if (pool === undefined) return undefined;
      // A helper the check started lets go of the volume again: the learner's next step may remove it.
      const browsed = pool.has(docker, volume);
      try {
        const place = await resolvePlace(docker, pool, { kind: 'volume', name: volume });
        const content = await readFile(docker, pool, place, path, FILE_LIMIT);
        return content.kind === 'text' ? content.text : undefined;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not-found') return undefined;
        throw error;
      } finally {
        if (!browsed) await pool.release(docker, volume).catch(() => undefined);
      }
    },
  };
}

export function createLearnService(engine: Engine, options: LearnOptions): LearnService {
  const log = options.log ?? (() => {});
  const dir = findLessonsDir(
    options.lessonsDir !== undefined ? { given: options.lessonsDir, cwd: process.cwd() } : undefined,
  );
  const progress = createProgressStore(join(options.dataDir, 'learn-progress.json'), log);
  const debounceMs = options.debounceMs ?? 300;
  const pollMs = options.pollMs ?? 4000;

  let lessons: LoadedLesson[] | undefined;
  const all = (): LoadedLesson[] => {
    if (lessons) return lessons;
    try {
      lessons = loadLessons(dir);
    } catch (error) {
      const detail = error instanceof LessonError ? error.problems.join('; ') : (error as Error).message;
      throw new ApiError({ code: 'internal', message: `The lessons could not be read: ${detail}` });
    }
    return lessons;
  };
  const find = (id: string): LoadedLesson => {
    const lesson = all().find((l) => l.spec.id === id);
    if (!lesson) throw new ApiError({ code: 'not-found', message: `There is no lesson "${id}".` });
    return lesson;
  };

  const connected = (): Docker | undefined => {
    try {
      return engine.docker();
    } catch {
      return undefined;
    }
  };

  const contextFor = (docker: Docker, lessonId: string) => checkContext(engine, docker, lessonId, options.helpers);

  const statusOf = (lesson: LoadedLesson, p: LessonProgress): LessonStatus =>
    lesson.spec.steps.every((s) => p.steps.includes(s.id))
      ? 'done'
      : p.steps.length > 0 || Object.keys(p.answers).length > 0
        ? 'started'
        : 'new';

  const answersOf = (lesson: LoadedLesson, p: LessonProgress, locale: LessonLocale) =>
    Object.fromEntries(
      lesson.spec.questions
        .filter((q) => p.answers[q.id] !== undefined)
        .map((q) => [
          q.id,
          {
            choice: p.answers[q.id]!,
            correct: p.answers[q.id] === q.answer,
            explanation: lesson.text[locale].questions[q.id]!.explanation.trim(),
          },
        ]),
    );

  /** One check of a lesson at a time: a watch tick and a "Check" do not record twice. */
  const running = new Map<string, Promise<LessonState>>();

  /**
   * Checks the current step, and the ones after it while they are met (a
   * learner who did two steps before a check gets both). `manualDone`: the
   * learner pressed Check on a step only they can confirm.
   */
  const check = (id: string, locale: LessonLocale, manualDone = false): Promise<LessonState> => {
    const key = `${id}\n${locale}\n${manualDone}`;
    const busy = running.get(key);
    if (busy) return busy;
    const work = (async () => {
      const lesson = find(id);
      let p = progress.get(id);
      let current = lesson.spec.steps.find((s) => !p.steps.includes(s.id));
      let currentState: StepState | undefined;
      const docker = connected();
      while (current !== undefined) {
        if ('manual' in current.check) {
          if (!manualDone) break;
          p = await progress.markDone(id, [current.id]);
          manualDone = false;
        } else {
          if (docker === undefined) break;
          let result;
          try {
            result = await evaluate(current.check, contextFor(docker, id));
          } catch (error) {
            log(`learn: checking ${id}/${current.id} failed: ${(error as Error).message}`);
            break;
          }
          if (result.status !== 'done') {
            currentState = {
              id: current.id,
              status: result.status,
              ...(result.message ? { message: wordMessage(result.message, locale) } : {}),
            };
            break;
          }
          p = await progress.markDone(id, [current.id], result.matched);
          manualDone = false;
        }
        current = lesson.spec.steps.find((s) => !p.steps.includes(s.id));
      }
      const steps: StepState[] = lesson.spec.steps.map((s) =>
        p.steps.includes(s.id)
          ? { id: s.id, status: 'done' }
          : s.id === currentState?.id
            ? currentState
            : { id: s.id, status: 'todo' },
      );
      return {
        lessonId: id,
        steps,
        current: current?.id ?? null,
        answers: answersOf(lesson, p, locale),
        status: statusOf(lesson, p),
      };
    })();
    running.set(key, work);
    return work.finally(() => running.delete(key));
  };

  const presentImages = async (): Promise<(ref: string) => boolean> => {
    const docker = connected();
    if (docker === undefined) return () => false;
    try {
      const tags = new Set((await docker.listImages()).flatMap((i) => (i.RepoTags ?? []).map(normalizeRef)));
      return (ref) => tags.has(normalizeRef(ref));
    } catch {
      return () => false;
    }
  };

  const scopeOf = (lesson: LoadedLesson) => {
    const docker = engine.docker();
    return {
      docker,
      podman: engine.info()?.kind === 'podman',
      lessonId: lesson.spec.id,
      recorded: progress.get(lesson.spec.id).made,
      uses: lesson.spec.images,
    };
  };

  const watchers = new Set<() => void>();

  const watch = (input: { id: string; locale: LessonLocale }, sink: SubscriptionSink<LessonState>) => {
    find(input.id);
    let last = '';
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const run = () => {
      if (stopped) return;
      check(input.id, input.locale).then(
        (state) => {
          const text = JSON.stringify(state);
          if (stopped || text === last) return;
          last = text;
          sink.emit(state);
        },
        (error: unknown) => log(`learn: watching ${input.id} failed: ${(error as Error).message}`),
      );
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(run, debounceMs);
    };
    const offEvent = engine.onEvent(soon);
    const offConnected = engine.onConnected(soon);
    const poll = setInterval(run, pollMs);
    run();
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      offEvent();
      offConnected();
      watchers.delete(stop);
    };
    watchers.add(stop);
    return stop;
  };

  return {
    requests: {
      'learn.lessons': async ({ locale }) =>
        all().map((l): LessonSummary => {
          const p = progress.get(l.spec.id);
          const text = l.text[locale];
          return {
            id: l.spec.id,
            order: l.spec.order,
            title: text.title,
            summary: text.summary,
            minutes: l.spec.minutes,
            engine: l.spec.engine,
            status: statusOf(l, p),
            stepsDone: l.spec.steps.filter((s) => p.steps.includes(s.id)).length,
            stepsTotal: l.spec.steps.length,
            questionsRight: l.spec.questions.filter((q) => p.answers[q.id] === q.answer).length,
            questionsTotal: l.spec.questions.length,
          };
        }),
      'learn.lesson': async ({ id, locale }) => toLesson(find(id), locale, await presentImages()),
      'learn.check': ({ id, locale }) => check(id, locale, true),
      'learn.answer': async ({ id, locale, question, choice }) => {
        const lesson = find(id);
        const q = lesson.spec.questions.find((x) => x.id === question);
        if (!q)
          throw new ApiError({ code: 'invalid-input', message: `The lesson "${id}" has no question "${question}".` });
        if (!q.choices.includes(choice))
          throw new ApiError({
            code: 'invalid-input',
            message: `"${choice}" is not a choice of the question "${question}".`,
          });
        await progress.answer(id, question, choice);
        return {
          choice,
          correct: choice === q.answer,
          explanation: lesson.text[locale].questions[question]!.explanation.trim(),
        };
      },
      'learn.leftovers': async ({ id }) => findLeftovers(scopeOf(find(id))),
      'learn.reset': async ({ id }) => {
        const scope = scopeOf(find(id));
        const removed = await removeLeftovers(scope.docker, await findLeftovers(scope), {
          log,
          releaseVolume: (volume) => options.helpers?.release(scope.docker, volume) ?? Promise.resolve(),
        });
        await progress.forget(id);
        return removed;
      },
    },
    subscriptions: { 'learn.watch': watch },
    dispose: () => {
      for (const stop of [...watchers]) stop();
    },
  };
}
