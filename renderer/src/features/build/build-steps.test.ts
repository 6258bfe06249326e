import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { BuildStep } from '../../../../runtime/domains/build/types';
import { failureTitle } from './BuildOutput';
import { stepState } from './BuildSteps';
import type { BuildState } from './useBuild';

const t = ((key: string, values?: Record<string, unknown>) =>
  `${key}${values ? ` ${JSON.stringify(values)}` : ''}`) as unknown as TFunction;
const step = (more: Partial<BuildStep>): BuildStep => ({
  index: 1,
  total: 3,
  instruction: 'RUN x',
  cached: false,
  output: [],
  ...more,
});
const state = (more: Partial<BuildState>): BuildState => ({ phase: 'building', log: [], steps: [], ...more });

describe('a step as the page shows it', () => {
  it("takes BuildKit's own state: several steps can run at once", () => {
    const a = step({ index: 1, id: 'a', state: 'running' });
    const b = step({ index: 2, id: 'b', state: 'running' });
    const s = state({ steps: [a, b] });
    expect([stepState(a, s), stepState(b, s)]).toEqual(['running', 'running']);
  });

  it('on the classic builder: the last step runs until the build ends, the failed one is failed', () => {
    const one = step({ index: 1 });
    const two = step({ index: 2, cached: true });
    const three = step({ index: 3 });
    expect([one, two, three].map((x) => stepState(x, state({ steps: [one, two, three] })))).toEqual([
      'done',
      'cached',
      'running',
    ]);
    const failed = state({
      phase: 'failed',
      steps: [one, two, three],
      failure: { message: 'x', output: [], step: three },
    });
    expect(stepState(three, failed)).toBe('failed');
  });
});

describe("a failure's headline", () => {
  const failed = (failure: BuildState['failure']) => failureTitle(t, state({ phase: 'failed', failure }));
  it('names the frontend image, the Dockerfile, the BuildKit step or the classic step', () => {
    expect(failed({ message: 'm', output: [], cause: 'frontend', frontend: 'docker/dockerfile:1' })).toBe(
      'build.frontend.title {"image":"docker/dockerfile:1"}',
    );
    expect(failed({ message: 'm', output: [], cause: 'dockerfile' })).toBe('build.failedDockerfile');
    expect(failed({ message: 'm', output: [], cause: 'step', step: step({ id: 'a', label: 'build 2/3' }) })).toBe(
      'build.failedAtLabel {"label":"build 2/3"}',
    );
    expect(failed({ message: 'm', output: [], step: step({ index: 2, total: 3 }) })).toBe(
      'build.failedAt {"index":2,"total":3}',
    );
    expect(failed({ message: 'm', output: [], step: step({ id: 'i', label: 'internal', internal: true }) })).toBe(
      'build.failed',
    );
    expect(failed({ message: 'm', output: [] })).toBe('build.failed');
  });
});
