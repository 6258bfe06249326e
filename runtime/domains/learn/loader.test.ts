import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commandsOf,
  composeLabelProblems,
  splitCommands,
  createsSomething,
  findLessonsDir,
  hasLessonLabel,
  loadLessons,
  toLesson,
} from './loader';
import { LessonError } from './schema';

const LESSONS = join(__dirname, 'lessons');
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the lessons folder with one file changed. */
function broken(folder: string, file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-lessons-'));
  temps.push(dir);
  cpSync(LESSONS, dir, { recursive: true });
  const path = join(dir, folder, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadLessons(dir);
    return [];
  } catch (error) {
    if (!(error instanceof LessonError)) throw error;
    return error.problems;
  }
}

describe('the lessons folder', () => {
  it('holds valid lessons, in order, complete in both languages', () => {
    const lessons = loadLessons(LESSONS);
    expect(lessons.length).toBeGreaterThanOrEqual(4);
    expect(lessons.map((l) => l.spec.order)).toEqual(lessons.map((_, i) => i + 1));
    for (const l of lessons) {
      for (const locale of ['en', 'ko'] as const) {
        const lesson = toLesson(l, locale, () => true);
        expect(lesson.steps.every((s) => s.title && s.body)).toBe(true);
        expect(lesson.questions.every((q) => q.choices.every((c) => c.text))).toBe(true);
      }
      expect(l.text.ko.title).not.toBe(l.text.en.title);
    }
  });

  it('keeps the course’s shape: 5 to 15 minutes, two or three questions, Korean in Korean, busybox only', () => {
    for (const { folder, spec, text } of loadLessons(LESSONS)) {
      expect(spec.minutes, folder).toBeGreaterThanOrEqual(5);
      expect(spec.minutes, folder).toBeLessThanOrEqual(15);
      expect(spec.questions.length, folder).toBeGreaterThanOrEqual(2);
      expect(spec.questions.length, folder).toBeLessThanOrEqual(3);
      expect(text.ko.title + text.ko.intro, folder).toMatch(/[\uac00-\ud7a3]/);
      // Tests pull nothing: busybox is the test image tagged, registry:2 is built for the registry lesson.
      for (const image of spec.images) expect(['busybox:latest', 'registry:2'], folder).toContain(image);
    }
  });

  it('refuses a lesson whose Korean file misses a step, naming the file and field', () => {
    const dir = broken('01-first-container', 'ko.yaml', (t) => t.replace(/^ {2}stop:\n/m, '  stopp:\n'));
    const problems = problemsOf(dir);
    expect(problems).toContain('01-first-container/ko.yaml: steps.stop: missing');
    expect(problems).toContain('01-first-container/ko.yaml: steps.stopp: no such step in lesson.yaml');
  });

  it('refuses a command that creates something without the lesson label', () => {
    const dir = broken('01-first-container', 'lesson.yaml', (t) =>
      t.replace('--name hello --label io.wharf.lesson=first-container', '--name hello'),
    );
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^01-first-container\/lesson\.yaml: steps\[run\]\.command: .*--label io\.wharf\.lesson=first-container/,
      ),
    ]);
  });

  it('refuses a hint without ui, and a bad field in lesson.yaml', () => {
    const dir = broken('01-first-container', 'lesson.yaml', (t) =>
      t.replace('    ui: { route: run, target: run.image }\n', '').replace('minutes: 10', 'minutes: ten'),
    );
    const problems = problemsOf(dir);
    expect(problems).toEqual([expect.stringMatching(/^01-first-container\/lesson\.yaml: minutes: /)]);
    const noUi = broken('01-first-container', 'lesson.yaml', (t) =>
      t.replace('    ui: { route: run, target: run.image }\n', ''),
    );
    expect(problemsOf(noUi)).toEqual([
      '01-first-container/en.yaml: steps.run.hint: only a step with ui has a hint',
      '01-first-container/ko.yaml: steps.run.hint: only a step with ui has a hint',
    ]);
  });
});

describe('the label convention', () => {
  it('knows which commands create something', () => {
    const words = commandsOf('docker ps\ndocker volume create v && docker run --rm -v v:/d busybox:latest ls | head');
    expect(words.map(createsSomething)).toEqual([false, true, true, false]);
    expect(createsSomething(['docker', 'network', 'ls'])).toBe(false);
    expect(createsSomething(['podman', 'pod', 'create', 'p'])).toBe(true);
    expect(createsSomething(['docker', 'image', 'build', '.'])).toBe(true);
    expect(hasLessonLabel(['docker', 'run', '--label', 'io.wharf.lesson=x'], 'x')).toBe(true);
    expect(hasLessonLabel(['docker', 'run', '--label=io.wharf.lesson=x'], 'x')).toBe(true);
    expect(hasLessonLabel(['docker', 'run', '--label', 'io.wharf.lesson=y'], 'x')).toBe(false);
  });

  it('asks compose files for labels on services, volumes and networks', () => {
    const file = [
      'services:',
      '  web:',
      '    image: busybox:latest',
      '    labels: { io.wharf.lesson: x }',
      '  db:',
      '    image: busybox:latest',
      '    labels: [io.wharf.lesson=x]',
      'volumes:',
      '  data: {}',
    ].join('\n');
    expect(composeLabelProblems(file, 'x')).toEqual([
      'networks.default: labels: needs io.wharf.lesson: x (compose makes this network)',
      'volumes.data: labels: needs io.wharf.lesson: x',
    ]);
    const labelled = `${file}\n  data: { labels: { io.wharf.lesson: x } }\nnetworks:\n  default: { labels: [io.wharf.lesson=x] }`;
    expect(composeLabelProblems(labelled.replace('  data: {}\n', ''), 'x')).toEqual([]);
  });
});

describe('splitCommands', () => {
  it('cuts at ; && | only outside quotes', () => {
    expect(splitCommands(`docker run x sh -c 'trap "exit 143" TERM; sleep 1' && docker ps | head`)).toEqual([
      `docker run x sh -c 'trap "exit 143" TERM; sleep 1' `,
      ' docker ps ',
      ' head',
    ]);
    expect(splitCommands('echo "a \\" ; b"; ls')).toEqual(['echo "a \\" ; b"', ' ls']);
  });
});

describe('findLessonsDir', () => {
  it('takes the given folder, then the one beside the bundle, then the source tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'wharf-find-lessons-'));
    temps.push(root);
    mkdirSync(join(root, 'dist', 'runtime', 'lessons'), { recursive: true });
    expect(findLessonsDir({ given: '/x', cwd: root })).toBe('/x');
    expect(findLessonsDir({ script: join(root, 'dist', 'runtime', 'cli.js'), cwd: '/nowhere' })).toBe(
      join(root, 'dist', 'runtime', 'lessons'),
    );
    expect(findLessonsDir({ cwd: join(__dirname, '..', '..', '..') })).toBe(LESSONS);
  });
});
