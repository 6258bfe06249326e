// Learn: guided lessons that watch the engine. The path of lessons, one
// lesson's steps, the live state of its checks, its questions, and a reset
// that removes exactly what the lesson made.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import type { Lesson, LessonAnswer, LessonLeftovers, LessonState, LessonSummary } from './types';

/** The label every object a lesson creates carries, its value the lesson's id. */
export const LESSON_LABEL = 'io.wharf.lesson';

export const LessonId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'not a lesson id');

export const LessonLocaleInput = z.enum(['en', 'ko']);

const ByLesson = z.object({ id: LessonId, locale: LessonLocaleInput }).strict();

export const learnContract = {
  /** The path: every lesson in order, with the user's progress. */
  'learn.lessons': request<LessonSummary[]>()(z.object({ locale: LessonLocaleInput }).strict()),
  /** One lesson's text, steps, questions and the images it needs. */
  'learn.lesson': request<Lesson>()(ByLesson),
  /** The lesson's state now, and again each time the engine changes it (steps done move on by themselves). */
  'learn.watch': subscription<LessonState>()(ByLesson),
  /** Check the current step now (the learner pressed "Check"). */
  'learn.check': request<LessonState>()(ByLesson),
  /** Answer one of the lesson's questions; the answer is kept with the progress. */
  'learn.answer': request<LessonAnswer>()(
    ByLesson.extend({
      question: z.string().min(1).max(64),
      choice: z.string().min(1).max(64),
    }).strict(),
  ),
  /** What the lesson made that is still there. */
  'learn.leftovers': request<LessonLeftovers>()(ByLesson),
  /** Remove exactly what the lesson made, and forget its progress. Returns what was removed. */
  'learn.reset': request<LessonLeftovers>()(ByLesson),
} as const;
