// The files of lessons 5 to 11 hold together: three files per lesson, the
// same steps and questions in English and Korean, a hint wherever Wharf's UI
// is pointed at (and only at marked targets), and the lesson's label on
// every command (and compose file) that creates something.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LESSONS_DIR, readLesson } from '../../test-support/lesson-steps';

const FOLDERS = [
  '05-volumes-and-bind-mounts',
  '06-ports',
  '07-networks',
  '08-compose-up-down',
  '09-tags-and-registries',
  '10-cleaning-up',
  '11-monitoring',
];

const UI_TARGETS = new Set(
  `run.image run.name run.command run.ports run.volumes run.submit containers.list containers.stop containers.remove
  images.list images.pull images.tag images.push build.submit volumes.create volumes.list networks.create
  compose.open compose.up compose.down disk.prune stats.dashboard terminals.host pods.play`.split(/\s+/),
);

const CHECK_KINDS = new Set(
  `container noContainer image noImage buildCached volume noVolume volumeFile network noNetwork compose noCompose
  pushed pod manual all`.split(/\s+/),
);

/** Commands that create an engine object (the label must follow them before the end of the command). */
const CREATING =
  /\bdocker\s+(?:run|create|build|container\s+(?:run|create)|image\s+build|volume\s+create|network\s+create|pod\s+create)\b[^;&|\n]*/g;

interface Text {
  title: string;
  summary: string;
  intro: string;
  outro: string;
  steps: Record<string, { title: string; body: string; hint?: string }>;
  questions: Record<string, { prompt: string; choices: Record<string, string>; explanation: string }>;
}

const read = (folder: string, name: string): Text =>
  parse(readFileSync(join(LESSONS_DIR, folder, name), 'utf8')) as Text;

function checkKinds(check: Record<string, unknown>): string[] {
  return Object.entries(check).flatMap(([kind, value]) =>
    kind === 'all' ? [kind, ...(value as Record<string, unknown>[]).flatMap(checkKinds)] : [kind],
  );
}

const labelsOf = (entry: unknown): unknown => (entry as { labels?: Record<string, string> } | null)?.labels;

describe.each(FOLDERS)('lesson %s', (folder) => {
  it('has lesson.yaml, en.yaml and ko.yaml', () => {
    for (const name of ['lesson.yaml', 'en.yaml', 'ko.yaml'])
      expect(existsSync(join(LESSONS_DIR, folder, name)), name).toBe(true);
  });

  const lesson = readLesson(folder);

  it('is named and placed by its folder, takes 5 to 15 minutes, and uses only busybox or its own images', () => {
    expect(`${String(lesson.order).padStart(2, '0')}-${lesson.id}`).toBe(folder);
    expect(lesson.minutes).toBeGreaterThanOrEqual(5);
    expect(lesson.minutes).toBeLessThanOrEqual(15);
    expect(lesson.engine).toBe('any');
    for (const image of lesson.images) expect(['busybox:latest', 'registry:2']).toContain(image);
  });

  it.each(['en.yaml', 'ko.yaml'])(
    '%s has every step and question, and a hint exactly where the UI is pointed at',
    (name) => {
      const text = read(folder, name);
      for (const key of ['title', 'summary', 'intro', 'outro'] as const) expect(text[key], key).toMatch(/\S/);
      expect(Object.keys(text.steps)).toEqual(lesson.steps.map((s) => s.id));
      for (const step of lesson.steps) {
        const t = text.steps[step.id]!;
        expect(t.title, step.id).toMatch(/\S/);
        expect(t.body, step.id).toMatch(/\S/);
        expect(t.hint !== undefined, `${step.id} hint`).toBe(step.ui !== undefined);
      }
      expect(Object.keys(text.questions)).toEqual(lesson.questions.map((q) => q.id));
      for (const q of lesson.questions) {
        const t = text.questions[q.id]!;
        expect(t.prompt, q.id).toMatch(/\S/);
        expect(t.explanation, q.id).toMatch(/\S/);
        expect(Object.keys(t.choices), q.id).toEqual(q.choices);
      }
      if (name === 'ko.yaml') expect(text.title + text.intro).toMatch(/[\uac00-\ud7a3]/);
    },
  );

  it('ends with two or three questions whose answer is one of their choices', () => {
    expect(lesson.questions.length).toBeGreaterThanOrEqual(2);
    expect(lesson.questions.length).toBeLessThanOrEqual(3);
    for (const q of lesson.questions) expect(q.choices, q.id).toContain(q.answer);
  });

  it('points only at marked UI targets and checks only known kinds', () => {
    for (const step of lesson.steps) {
      if (step.ui !== undefined) expect(UI_TARGETS.has(step.ui.target), `${step.id}: ${step.ui.target}`).toBe(true);
      for (const kind of checkKinds(step.check)) expect(CHECK_KINDS.has(kind), `${step.id}: ${kind}`).toBe(true);
    }
  });

  it('labels everything its commands and compose files create', () => {
    const label = `--label io.wharf.lesson=${lesson.id}`;
    for (const step of lesson.steps) {
      for (const command of step.command.match(CREATING) ?? []) expect(command, step.id).toContain(label);
      for (const file of step.files ?? []) {
        if (!/^(docker-)?compose\.ya?ml$/.test(file.name)) continue;
        const compose = parse(file.content) as Record<string, Record<string, unknown> | undefined>;
        const want = { 'io.wharf.lesson': lesson.id };
        for (const [name, service] of Object.entries(compose.services ?? {}))
          expect(labelsOf(service), `service ${name}`).toEqual(want);
        for (const [name, volume] of Object.entries(compose.volumes ?? {}))
          expect(labelsOf(volume), `volume ${name}`).toEqual(want);
        // The project's default network is made by compose too: the file names it to label it.
        expect(labelsOf(compose.networks?.default), 'network default').toEqual(want);
        for (const [name, network] of Object.entries(compose.networks ?? {}))
          expect(labelsOf(network), `network ${name}`).toEqual(want);
      }
    }
  });
});
