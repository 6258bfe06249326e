// Learn: reads the lessons folder (<NN>-<id>/lesson.yaml, en.yaml, ko.yaml),
// checks every lesson (its shape, both languages complete, UI targets, the
// lesson label on every command that creates something) and turns one into
// the Lesson the renderer shows, in one language.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { splitShellWords } from '../../api/shell-words';
import { LESSON_LABEL } from './contract';
import type { Lesson, LessonLocale } from './types';
import { LessonError, LessonLocaleText, LessonSpec, parseWith } from './schema';

export { LessonError };

export const LOCALES: readonly LessonLocale[] = ['en', 'ko'];

export interface LoadedLesson {
  /** The folder's name, `<NN>-<id>`. */
  folder: string;
  spec: LessonSpec;
  text: Record<LessonLocale, LessonLocaleText>;
}

const FOLDER = /^(\d{2})-([a-z0-9][a-z0-9-]*)$/;

function readYaml(path: string, shown: string): unknown {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new LessonError([`${shown}: the file is missing`]);
  }
  try {
    return parse(source) as unknown;
  } catch (error) {
    throw new LessonError([`${shown}: not YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** Reads and checks one lesson folder; throws a LessonError naming every problem. */
export function loadLesson(dir: string, folder: string): LoadedLesson {
  const problems: string[] = [];
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof LessonError) problems.push(...error.problems);
      else throw error;
      return undefined;
    }
  };
  const at = (file: string) => `${folder}/${file}`;
  const spec = collect(() =>
    parseWith(LessonSpec, readYaml(join(dir, 'lesson.yaml'), at('lesson.yaml')), at('lesson.yaml')),
  );
  const text = {} as Record<LessonLocale, LessonLocaleText>;
  for (const locale of LOCALES) {
    const file = at(`${locale}.yaml`);
    const parsed = collect(() => parseWith(LessonLocaleText, readYaml(join(dir, `${locale}.yaml`), file), file));
    if (parsed) text[locale] = parsed;
  }
  if (spec === undefined || problems.length > 0) throw new LessonError(problems);

  const named = FOLDER.exec(folder);
  if (!named) problems.push(`${folder}: the folder's name is not <NN>-<id>`);
  else {
    if (named[2] !== spec.id) problems.push(`${at('lesson.yaml')}: id: "${spec.id}" is not the folder's "${named[2]}"`);
    if (Number(named[1]) !== spec.order)
      problems.push(`${at('lesson.yaml')}: order: ${spec.order} is not the folder's ${named[1]}`);
  }
  problems.push(...labelProblems(spec).map((p) => `${at('lesson.yaml')}: ${p}`));
  for (const locale of LOCALES) problems.push(...localeProblems(spec, text[locale], at(`${locale}.yaml`)));
  if (problems.length > 0) throw new LessonError(problems);
  return { folder, spec, text };
}

/** Every lesson of the folder, in order; throws a LessonError naming every problem of every lesson. */
export function loadLessons(root: string): LoadedLesson[] {
  const problems: string[] = [];
  const lessons: LoadedLesson[] = [];
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const folder of folders) {
    try {
      lessons.push(loadLesson(join(root, folder), folder));
    } catch (error) {
      if (error instanceof LessonError) problems.push(...error.problems);
      else throw error;
    }
  }
  const seen = new Map<number, string>();
  for (const l of lessons) {
    const other = seen.get(l.spec.order);
    if (other !== undefined) problems.push(`${l.folder}: order ${l.spec.order} is also ${other}'s`);
    seen.set(l.spec.order, l.folder);
  }
  if (problems.length > 0) throw new LessonError(problems);
  return lessons.sort((a, b) => a.spec.order - b.spec.order);
}

/** One language's file has a text for every step and question, and nothing else; a hint exactly where a step has `ui`. */
export function localeProblems(spec: LessonSpec, text: LessonLocaleText, file: string): string[] {
  const problems: string[] = [];
  const stepIds = new Set(spec.steps.map((s) => s.id));
  for (const step of spec.steps) {
    const t = text.steps[step.id];
    if (t === undefined) problems.push(`${file}: steps.${step.id}: missing`);
    else if (step.ui !== undefined && t.hint === undefined)
      problems.push(`${file}: steps.${step.id}.hint: missing (the step has ui)`);
    else if (step.ui === undefined && t.hint !== undefined)
      problems.push(`${file}: steps.${step.id}.hint: only a step with ui has a hint`);
  }
  for (const id of Object.keys(text.steps))
    if (!stepIds.has(id)) problems.push(`${file}: steps.${id}: no such step in lesson.yaml`);
  const questionIds = new Set(spec.questions.map((q) => q.id));
  for (const q of spec.questions) {
    const t = text.questions[q.id];
    if (t === undefined) {
      problems.push(`${file}: questions.${q.id}: missing`);
      continue;
    }
    for (const c of q.choices)
      if (t.choices[c] === undefined) problems.push(`${file}: questions.${q.id}.choices.${c}: missing`);
    for (const c of Object.keys(t.choices))
      if (!q.choices.includes(c))
        problems.push(`${file}: questions.${q.id}.choices.${c}: no such choice in lesson.yaml`);
  }
  for (const id of Object.keys(text.questions))
    if (!questionIds.has(id)) problems.push(`${file}: questions.${id}: no such question in lesson.yaml`);
  return problems;
}

/** `docker <words…>` (or podman): the words that name what a command creates. */
const CREATES: readonly (readonly string[])[] = [
  ['run'],
  ['create'],
  ['container', 'run'],
  ['container', 'create'],
  ['volume', 'create'],
  ['network', 'create'],
  ['build'],
  ['image', 'build'],
  ['buildx', 'build'],
  ['pod', 'create'],
];

/** A command line cut at `&&`, `||`, `;` and `|` outside quotes. */
export function splitCommands(line: string): string[] {
  const parts: string[] = [];
  let part = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') {
        part += ch + (line[i + 1] ?? '');
        i++;
        continue;
      }
      part += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      part += ch;
    } else if (ch === ';' || ch === '|' || (ch === '&' && line[i + 1] === '&')) {
      parts.push(part);
      part = '';
      if (line[i + 1] === ch) i++;
    } else part += ch;
  }
  parts.push(part);
  return parts;
}

/** The words of each simple command in a lesson's command text (lines, then `&&`, `;`, `|` outside quotes). */
export function commandsOf(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    for (const part of splitCommands(line)) {
      let words: string[];
      try {
        words = splitShellWords(part).words;
      } catch {
        words = part.trim().split(/\s+/);
      }
      if (words.length > 0 && words[0] !== '') out.push(words);
    }
  }
  return out;
}

/** Whether `words` (a docker or podman command) creates something, and so needs the lesson label. */
export function createsSomething(words: readonly string[]): boolean {
  if (words[0] !== 'docker' && words[0] !== 'podman') return false;
  const rest = words.slice(1).filter((w) => !w.startsWith('-'));
  return CREATES.some((c) => c.every((w, i) => rest[i] === w));
}

export function hasLessonLabel(words: readonly string[], id: string): boolean {
  const label = `${LESSON_LABEL}=${id}`;
  return words.some(
    (w, i) => w === `--label=${label}` || ((words[i - 1] === '--label' || words[i - 1] === '-l') && w === label),
  );
}

/** Commands that create something without `--label io.wharf.lesson=<id>`; compose files without `labels:`. */
export function labelProblems(spec: LessonSpec): string[] {
  const problems: string[] = [];
  for (const step of spec.steps) {
    for (const words of commandsOf(step.command))
      if (createsSomething(words) && !hasLessonLabel(words, spec.id))
        problems.push(
          `steps[${step.id}].command: "${words.slice(0, 3).join(' ')} …" creates something without --label ${LESSON_LABEL}=${spec.id}`,
        );
    for (const file of step.files ?? [])
      if (/(^|\/)(docker-)?compose\.ya?ml$/.test(file.name))
        problems.push(
          ...composeLabelProblems(file.content, spec.id).map((p) => `steps[${step.id}].files[${file.name}]: ${p}`),
        );
  }
  return problems;
}

function labelsHave(labels: unknown, id: string): boolean {
  if (Array.isArray(labels)) return labels.includes(`${LESSON_LABEL}=${id}`);
  if (labels !== null && typeof labels === 'object') return (labels as Record<string, unknown>)[LESSON_LABEL] === id;
  return false;
}

/** Every service, volume and network a compose file declares carries the lesson label, the default network too. */
export function composeLabelProblems(content: string, id: string): string[] {
  let doc: unknown;
  try {
    doc = parse(content);
  } catch (error) {
    return [`not YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  const sections = (doc ?? {}) as Record<string, unknown>;
  // Compose makes the project's default network itself: the file names it, to label it.
  const services = sections.services;
  const networks = sections.networks;
  const hasServices = services !== null && typeof services === 'object' && Object.keys(services).length > 0;
  if (hasServices && (networks === null || typeof networks !== 'object' || !('default' in networks)))
    problems.push(`networks.default: labels: needs ${LESSON_LABEL}: ${id} (compose makes this network)`);
  for (const section of ['services', 'volumes', 'networks']) {
    const entries = sections[section];
    if (entries === null || typeof entries !== 'object') continue;
    for (const [name, body] of Object.entries(entries as Record<string, unknown>)) {
      const labels = body !== null && typeof body === 'object' ? (body as { labels?: unknown }).labels : undefined;
      if (!labelsHave(labels, id)) problems.push(`${section}.${name}: labels: needs ${LESSON_LABEL}: ${id}`);
    }
  }
  return problems;
}

/** The lesson in one language; `present` says which of its images the engine has. */
export function toLesson(loaded: LoadedLesson, locale: LessonLocale, present: (ref: string) => boolean): Lesson {
  const { spec } = loaded;
  const text = loaded.text[locale];
  return {
    id: spec.id,
    order: spec.order,
    title: text.title,
    summary: text.summary,
    intro: text.intro,
    outro: text.outro,
    minutes: spec.minutes,
    engine: spec.engine,
    images: spec.images.map((ref) => ({ ref, present: present(ref) })),
    steps: spec.steps.map((s) => {
      const t = text.steps[s.id]!;
      return {
        id: s.id,
        title: t.title,
        body: t.body,
        command: s.command.trim(),
        ...(s.ui ? { ui: { route: s.ui.route, target: s.ui.target, hint: t.hint ?? '' } } : {}),
        ...(s.files ? { files: s.files } : {}),
      };
    }),
    questions: spec.questions.map((q) => {
      const t = text.questions[q.id]!;
      return { id: q.id, prompt: t.prompt, choices: q.choices.map((c) => ({ id: c, text: t.choices[c]! })) };
    }),
    label: `${LESSON_LABEL}=${spec.id}`,
  };
}

/**
 * Where the lessons are: given (the desktop shell passes it), beside the
 * running bundle (dist/runtime/lessons), or in the source tree (run from
 * source, tests).
 */
export function findLessonsDir(
  where: { given?: string; script?: string; cwd: string } = { script: process.argv[1], cwd: process.cwd() },
): string {
  if (where.given !== undefined) return where.given;
  const candidates = [
    ...(where.script ? [join(dirname(where.script), 'lessons')] : []),
    join(where.cwd, 'runtime', 'domains', 'learn', 'lessons'),
    join(where.cwd, 'dist', 'runtime', 'lessons'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[candidates.length - 1]!;
}
