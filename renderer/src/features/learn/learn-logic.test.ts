import { describe, expect, it } from 'vitest';
import type { LessonSummary } from '../../../../runtime/domains/learn/types';
import { commandNames, itemsOf, pickTarget } from './coach-target';
import { leftoverGroups } from './leftovers';
import { inlineParts, paragraphs } from './lesson-text';
import { nextLesson, openStepId, orderedPath, runsOn } from './path';

const lesson = (id: string, order: number, status: LessonSummary['status'], engine: 'any' | 'podman' = 'any') =>
  ({
    id,
    order,
    status,
    engine,
    title: id,
    summary: '',
    minutes: 5,
    stepsDone: 0,
    stepsTotal: 3,
    questionsRight: 0,
    questionsTotal: 1,
  }) satisfies LessonSummary;

describe('the path', () => {
  it('puts the lessons in course order whatever order they came in', () => {
    const path = orderedPath([lesson('c', 3, 'new'), lesson('a', 1, 'new'), lesson('b', 2, 'new')]);
    expect(path.map((l) => l.id)).toEqual(['a', 'b', 'c']);
  });

  it('goes on with a lesson started before a new one, even a later one', () => {
    expect(nextLesson([lesson('a', 1, 'new'), lesson('b', 2, 'started'), lesson('c', 3, 'new')])).toBe('b');
  });

  it('offers the first new lesson after the done ones, and none when all are done', () => {
    expect(nextLesson([lesson('b', 2, 'new'), lesson('a', 1, 'done'), lesson('c', 3, 'new')])).toBe('b');
    expect(nextLesson([lesson('a', 1, 'done'), lesson('b', 2, 'done')])).toBeNull();
  });

  it('skips a Podman-only lesson on Docker when another new one runs there', () => {
    const lessons = [lesson('a', 1, 'done'), lesson('k', 2, 'new', 'podman'), lesson('c', 3, 'new')];
    expect(nextLesson(lessons, 'docker')).toBe('c');
    expect(nextLesson(lessons, 'podman')).toBe('k');
    expect(nextLesson([lesson('a', 1, 'done'), lesson('k', 2, 'new', 'podman')], 'docker')).toBe('k');
    expect(runsOn({ engine: 'podman' }, 'docker')).toBe(false);
    expect(runsOn({ engine: 'podman' }, undefined)).toBe(true);
  });

  it('opens the step the learner chose, else the current one, else the last', () => {
    const steps = [
      { id: 'run', status: 'done' as const },
      { id: 'stop', status: 'todo' as const },
    ];
    expect(openStepId({ current: 'stop', steps }, null)).toBe('stop');
    expect(openStepId({ current: 'stop', steps }, 'run')).toBe('run');
    expect(openStepId({ current: 'stop', steps }, 'gone')).toBe('stop');
    expect(openStepId({ current: null, steps }, null)).toBe('stop');
    expect(openStepId(undefined, 'run')).toBe('run');
  });
});

describe('the coach’s target', () => {
  const row = (items: string[], visible = true) => ({ items, visible });

  it('points at the row the step’s command names', () => {
    const rows = [row(['web']), row(['hello']), row(['db'])];
    expect(pickTarget(rows, 'docker stop hello')).toBe(1);
    expect(pickTarget(rows, 'docker run -d --name=db busybox:latest')).toBe(2);
  });

  it('reads an image named without a tag as its latest', () => {
    const rows = [row(['alpine:3.19']), row(['busybox:latest', 'mine:1'])];
    expect(pickTarget(rows, 'docker pull busybox')).toBe(1);
    expect(pickTarget(rows, 'docker tag mine:1 localhost:5000/mine:1')).toBe(1);
  });

  it('falls back to the first visible element outside a row', () => {
    expect(pickTarget([row([], false), row([]), row([])], 'docker ps')).toBe(1);
    expect(pickTarget([row(['web']), row([])], 'docker ps')).toBe(1);
    expect(pickTarget([row([], false)], 'docker ps')).toBe(-1);
    expect(pickTarget([], 'docker ps')).toBe(-1);
  });

  it('never points at another row when the named one is not on screen', () => {
    expect(pickTarget([row(['web']), row(['db'])], 'docker stop hello')).toBe(-1);
    expect(pickTarget([row(['hello'], false), row(['web'])], 'docker rm hello')).toBe(-1);
  });

  it('reads every line of a command, quotes and all, and survives an unclosed quote', () => {
    expect([...commandNames("docker run --name 'my app' x\ndocker stop y")]).toEqual(
      expect.arrayContaining(['my app', 'x', 'y']),
    );
    expect(commandNames('docker run "oops hello').has('hello')).toBe(true);
    expect(itemsOf(' a  b ')).toEqual(['a', 'b']);
    expect(itemsOf(null)).toEqual([]);
  });
});

describe('lesson text', () => {
  it('splits paragraphs on blank lines and keeps `code` apart', () => {
    expect(paragraphs('One\nline.\n\n  \nTwo.\n')).toEqual(['One\nline.', 'Two.']);
    expect(inlineParts('Run `docker ps` now')).toEqual([
      { code: false, text: 'Run ' },
      { code: true, text: 'docker ps' },
      { code: false, text: ' now' },
    ]);
    expect(inlineParts('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });
});

describe('what a reset removes', () => {
  it('lists each kind by the names a learner knows, leaving out kinds with nothing', () => {
    const groups = leftoverGroups({
      containers: [{ id: 'c1', name: 'hello' }],
      images: [
        { id: 'sha256:0123456789abcdef0123', tags: [] },
        { id: 'sha256:fedcba', tags: ['mine:1', 'mine:latest'] },
      ],
      volumes: [],
      networks: ['lesson-net'],
      pods: [],
    });
    expect(groups).toEqual([
      { kind: 'containers', names: ['hello'] },
      { kind: 'images', names: ['0123456789ab', 'mine:1, mine:latest'] },
      { kind: 'networks', names: ['lesson-net'] },
    ]);
    expect(leftoverGroups({ containers: [], images: [], volumes: [], networks: [], pods: [] })).toEqual([]);
  });
});
