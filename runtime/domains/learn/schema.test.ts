import { describe, expect, it } from 'vitest';
import { Check, CHECK_KINDS, LessonSpec, LessonError, parseWith } from './schema';

const step = (check: unknown) => ({
  id: 'lesson-x',
  order: 1,
  minutes: 5,
  engine: 'any',
  steps: [{ id: 'run', command: 'docker ps', check }],
});

describe('lesson schema', () => {
  it('takes every check kind LEARN names, nested in all', () => {
    const checks = [
      { container: { name: 'a', image: 'busybox:latest', state: 'running', exitCode: 0, command: 'sleep' } },
      { container: { publishes: { container: 80, host: 8080 }, mounts: { volume: 'v', destination: '/d' } } },
      { container: { network: 'n', memory: 1024, labelled: true } },
      { noContainer: { state: 'exited', labelled: true } },
      { image: { ref: 'x:1', minLayers: 2 } },
      { noImage: { ref: 'x:1' } },
      { noImage: { dangling: true } },
      { buildCached: { ref: 'x:2', base: 'x:1', cachedSteps: 2 } },
      { volume: { name: 'v' } },
      { noVolume: { name: 'v' } },
      { volumeFile: { volume: 'v', path: '/a.txt', contains: 'hi' } },
      { network: { name: 'n', connects: ['a', 'b'] } },
      { noNetwork: { name: 'n' } },
      { compose: { project: 'p', services: ['web'], running: true } },
      { noCompose: { project: 'p' } },
      { pushed: { ref: 'localhost:5000/x:1' } },
      { pod: { name: 'p', containers: 2, running: true } },
      { manual: true },
    ];
    expect([...new Set(checks.map((c) => Object.keys(c)[0]))].sort()).toEqual(
      CHECK_KINDS.filter((k) => k !== 'all').sort(),
    );
    for (const c of checks) expect(Check.safeParse(c).success, JSON.stringify(c)).toBe(true);
    expect(Check.safeParse({ all: checks.slice(0, 3) }).success).toBe(true);
    expect(Check.safeParse({ all: [{ all: checks.slice(0, 2) }, checks[3]] }).success).toBe(true);
  });

  it('names the file and the field of what is wrong, by step id', () => {
    const run = () => parseWith(LessonSpec, step({ container: { name: 'a', state: 'sleeping' } }), '01-x/lesson.yaml');
    expect(run).toThrow(LessonError);
    try {
      run();
    } catch (error) {
      expect((error as LessonError).problems).toEqual([
        expect.stringMatching(/^01-x\/lesson\.yaml: steps\[run\]\.check\.container\.state: /),
      ]);
    }
  });

  it('refuses an unknown kind, two kinds in one check, and an unknown field', () => {
    const problems = (check: unknown) => {
      try {
        parseWith(LessonSpec, step(check), 'f.yaml');
        return [];
      } catch (error) {
        return (error as LessonError).problems;
      }
    };
    expect(problems({ containr: { name: 'a' } })).toEqual([
      expect.stringContaining('f.yaml: steps[run].check.containr: unknown check "containr"'),
    ]);
    expect(problems({ image: { ref: 'a' }, volume: { name: 'v' } })[0]).toContain('exactly one key');
    expect(problems({ image: { ref: 'a', size: 3 } })[0]).toContain('steps[run].check.image');
    expect(problems({ all: [{ manual: true }] })[0]).toContain('steps[run].check.all');
    expect(problems({ noImage: { ref: 'a', dangling: true } })).toEqual([
      'f.yaml: steps[run].check.noImage: give ref or dangling: true, exactly one',
    ]);
    expect(problems({ noImage: {} })).toEqual([
      'f.yaml: steps[run].check.noImage: give ref or dangling: true, exactly one',
    ]);
    expect(problems({ noContainer: { labelled: false } })[0]).toContain('steps[run].check.noContainer.labelled');
  });

  it('refuses an answer that is not a choice and a ui target not in the list', () => {
    const bad = {
      ...step({ manual: true }),
      questions: [{ id: 'q', choices: ['a', 'b'], answer: 'c' }],
    };
    expect(() => parseWith(LessonSpec, bad, 'f.yaml')).toThrow(/questions\[q\]\.answer: answer must be one of choices/);
    const ui = step({ manual: true });
    (ui.steps[0] as Record<string, unknown>).ui = { route: 'run', target: 'run.everything' };
    expect(() => parseWith(LessonSpec, ui, 'f.yaml')).toThrow(/steps\[run\]\.ui\.target: one of run\.image/);
  });
});
