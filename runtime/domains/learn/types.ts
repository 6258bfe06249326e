// Learn: the shapes of lessons, their progress and what they left behind, as
// the renderer sees them. Pure types: what a lesson checks on the engine
// (its predicates) lives in the runtime's schema.ts, not here.

export type LessonLocale = 'en' | 'ko';

/** Where Wharf's own UI does what a step asks: a page and a marked element on it (`data-learn="…"`). */
export interface LessonUiTarget {
  /** A route of the renderer (`containers`, `run`, `images`, `volumes`, …). */
  route: string;
  /** The value of the `data-learn` attribute of the button or field the step means. */
  target: string;
  /** What to do there, in the lesson's language ("Fill in Image, then press Run"). */
  hint: string;
}

export interface LessonStep {
  id: string;
  title: string;
  /** What to do and why, in short paragraphs (plain text; `code` in backticks). */
  body: string;
  /** The exact command(s) to type, one per line. */
  command: string;
  /** The same step done with Wharf's UI, where it has one. */
  ui?: LessonUiTarget;
  /** Files the step asks the learner to write (a Dockerfile, a compose file), shown and copyable. */
  files?: { name: string; content: string }[];
}

export interface LessonQuestionChoice {
  id: string;
  text: string;
}

export interface LessonQuestion {
  id: string;
  prompt: string;
  choices: LessonQuestionChoice[];
}

/** An image a lesson needs, and whether the connected engine has it. */
export interface LessonImage {
  ref: string;
  present: boolean;
}

export interface Lesson {
  id: string;
  /** Its place on the path, from 1. */
  order: number;
  title: string;
  /** One line: what the learner will know after it. */
  summary: string;
  /** Why this matters, before the first step. */
  intro: string;
  minutes: number;
  /** `podman`: only Podman can run every step (kube play); on Docker the lesson says what would run it. */
  engine: 'any' | 'podman';
  images: LessonImage[];
  steps: LessonStep[];
  questions: LessonQuestion[];
  /** What was learned, after the last step. */
  outro: string;
  /** The label every object the lesson's commands create carries: `io.wharf.lesson=<id>`. */
  label: string;
}

export type LessonStatus = 'new' | 'started' | 'done';

export interface LessonSummary {
  id: string;
  order: number;
  title: string;
  summary: string;
  minutes: number;
  engine: 'any' | 'podman';
  status: LessonStatus;
  stepsDone: number;
  stepsTotal: number;
  questionsRight: number;
  questionsTotal: number;
}

export interface StepState {
  id: string;
  /** `off`: the engine shows an attempt that is not right yet; `message` says what is off. */
  status: 'todo' | 'done' | 'off';
  message?: string;
}

export interface LessonAnswer {
  choice: string;
  correct: boolean;
  /** Why the right answer is right, in the lesson's language. */
  explanation: string;
}

export interface LessonState {
  lessonId: string;
  steps: StepState[];
  /** The first step not done, or null when every step is. */
  current: string | null;
  answers: Record<string, LessonAnswer>;
  status: LessonStatus;
}

/** What a lesson made that is still on the engine: what "Reset this lesson" removes, and nothing else. */
export interface LessonLeftovers {
  containers: { id: string; name: string }[];
  images: { id: string; tags: string[] }[];
  volumes: string[];
  networks: string[];
  pods: string[];
}
