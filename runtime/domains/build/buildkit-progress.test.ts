import { describe, expect, it } from 'vitest';
import type { BkStatus, BkVertex } from './buildkit-proto';
import { BuildkitProgress, MAX_STEP_LINES, parseVertexName } from './buildkit-progress';

const status = (s: Partial<BkStatus>): BkStatus => ({ vertexes: [], statuses: [], logs: [], warnings: [], ...s });
const v = (digest: string, name: string, more: Partial<BkVertex> = {}): BkVertex => ({
  digest,
  inputs: [],
  name,
  cached: false,
  ...more,
});
const log = (vertex: string, text: string) => ({ vertex, stream: 1, msg: new TextEncoder().encode(text) });

describe('BuildKit vertex names', () => {
  it('reads the stage, the label and the instruction', () => {
    expect(parseVertexName('[build 2/3] RUN make')).toEqual({
      instruction: 'RUN make',
      label: 'build 2/3',
      stage: 'build',
      internal: false,
    });
    expect(parseVertexName('[2/2] COPY . /app')).toEqual({ instruction: 'COPY . /app', label: '2/2', internal: false });
    expect(parseVertexName('[internal] load build definition from Dockerfile')).toEqual({
      instruction: 'load build definition from Dockerfile',
      label: 'internal',
      internal: true,
    });
    expect(parseVertexName('exporting to image')).toEqual({ instruction: 'exporting to image', internal: true });
  });
});

describe('BuildKit progress as steps', () => {
  it('two stages running at once, then each done with its duration, as the terminal writes it', () => {
    const p = new BuildkitProgress();
    const first = p.feed(
      status({
        vertexes: [
          v('a', '[left 2/2] RUN sleep 1', { started: 1000 }),
          v('b', '[right 2/2] RUN sleep 1', { started: 1100 }),
          v('c', '[stage-2 2/3] COPY --from=left /l /l'),
        ],
      }),
    );
    expect(p.running().map((s) => s.stage)).toEqual(['left', 'right']);
    expect(first.changed.map((s) => [s.index, s.state])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'waiting'],
    ]);
    expect(first.lines).toEqual(['#1 [left 2/2] RUN sleep 1', '#2 [right 2/2] RUN sleep 1']);
    const second = p.feed(status({ vertexes: [v('a', '[left 2/2] RUN sleep 1', { started: 1000, completed: 2400 })] }));
    expect(second.lines).toEqual(['#1 DONE 1.4s']);
    expect(p.steps[0]).toMatchObject({ state: 'done', startedAt: 1000, completedAt: 2400, total: 3 });
    expect(p.running().map((s) => s.index)).toEqual([2]);
  });

  it('a cached step says CACHED and counts as cached', () => {
    const p = new BuildkitProgress();
    const out = p.feed(status({ vertexes: [v('a', '[2/3] RUN npm ci', { cached: true, started: 5, completed: 5 })] }));
    expect(out.lines).toEqual(['#1 [2/3] RUN npm ci', '#1 CACHED']);
    expect(p.dockerfileSteps()).toMatchObject([{ cached: true, state: 'cached' }]);
  });

  it("keeps each step's own log lines, even split across messages, and flushes the rest", () => {
    const p = new BuildkitProgress();
    p.feed(status({ vertexes: [v('a', '[a 1/2] RUN x', { started: 1 }), v('b', '[b 1/2] RUN y', { started: 1 })] }));
    const out = p.feed(status({ logs: [log('a', 'hel'), log('b', 'from b\n'), log('a', 'lo\nwor')] }));
    expect(out.lines).toEqual(['#2 from b', '#1 hello']);
    expect(p.flush().lines).toEqual(['#1 wor']);
    expect(p.steps.map((s) => s.output)).toEqual([['hello', 'wor'], ['from b']]);
    // A character split between two messages stays whole.
    const bytes = new TextEncoder().encode('빌드\n');
    p.feed(status({ logs: [{ vertex: 'b', stream: 1, msg: bytes.subarray(0, 2) }] }));
    p.feed(status({ logs: [{ vertex: 'b', stream: 1, msg: bytes.subarray(2) }] }));
    expect(p.steps[1]!.output).toEqual(['from b', '빌드']);
  });

  it('keeps the last lines of a step that prints without end', () => {
    const p = new BuildkitProgress();
    p.feed(status({ vertexes: [v('a', '[1/1] RUN yes', { started: 1 })] }));
    p.feed(status({ logs: [log('a', Array.from({ length: MAX_STEP_LINES + 10 }, (_, i) => `${i}\n`).join(''))] }));
    const output = p.steps[0]!.output;
    expect(output).toHaveLength(MAX_STEP_LINES);
    expect(output[0]).toBe('10');
  });

  it('names the failing step with its error, and never goes back from an end state', () => {
    const p = new BuildkitProgress();
    p.feed(status({ vertexes: [v('a', '[2/2] RUN exit 3', { started: 1 })] }));
    p.feed(status({ logs: [log('a', 'about to fail\n')] }));
    const out = p.feed(
      status({ vertexes: [v('a', '[2/2] RUN exit 3', { started: 1, completed: 2, error: 'exit code: 3' })] }),
    );
    expect(out.lines).toEqual(['#1 ERROR: exit code: 3']);
    p.feed(status({ vertexes: [v('a', '[2/2] RUN exit 3', { started: 1 })] }));
    expect(p.failed()).toMatchObject({ index: 1, state: 'failed', error: 'exit code: 3', output: ['about to fail'] });
    expect(p.started()).toBe(true);
  });

  it("BuildKit's own steps are not the Dockerfile's; statuses and warnings go to the log", () => {
    const p = new BuildkitProgress();
    const out = p.feed(
      status({
        vertexes: [v('i', '[internal] load build context', { started: 1, completed: 2 })],
        statuses: [
          {
            id: 'transferring context',
            vertex: 'i',
            name: 'transferring context',
            current: 38,
            total: 0,
            completed: 2,
          },
        ],
        warnings: [{ vertex: 'i', level: 1, short: 'empty continuation line' }],
      }),
    );
    expect(p.dockerfileSteps()).toEqual([]);
    expect(p.started()).toBe(false);
    expect(out.lines).toEqual([
      '#1 [internal] load build context',
      '#1 transferring context 38 done',
      '#1 DONE 0.0s',
      '#1 WARNING: empty continuation line',
    ]);
  });

  it('a "# syntax=" frontend\'s pull: each layer by its digest, then DONE; output before the end it came with', () => {
    const p = new BuildkitProgress();
    const image = 'docker-image://127.0.0.1:5000/syntax:1@sha256:11b4';
    const out = p.feed(
      status({
        vertexes: [
          v('r', 'resolve image config for 127.0.0.1:5000/syntax:1', { started: 1000, completed: 1000 }),
          v('f', image, { started: 1000, completed: 1300 }),
        ],
        statuses: [
          {
            id: 'resolve 127.0.0.1:5000/syntax:1@sha256:11b4',
            vertex: 'f',
            name: '',
            current: 0,
            total: 0,
            completed: 1,
          },
          { id: 'sha256:aaa', vertex: 'f', name: 'done', current: 527, total: 527, completed: 2 },
          { id: 'sha256:bbb', vertex: 'f', name: 'done', current: 1811, total: 1811, completed: 2 },
        ],
      }),
    );
    expect(out.lines).toEqual([
      '#1 resolve image config for 127.0.0.1:5000/syntax:1',
      `#2 ${image}`,
      '#2 resolve 127.0.0.1:5000/syntax:1@sha256:11b4 done',
      '#2 sha256:aaa 527/527 done',
      '#2 sha256:bbb 1811/1811 done',
      '#1 DONE 0.0s',
      '#2 DONE 0.3s',
    ]);
    // BuildKit's own work: none of it a step of the Dockerfile.
    expect(p.steps.map((s) => s.internal)).toEqual([true, true]);
    expect(p.dockerfileSteps()).toEqual([]);

    const run = p.feed(
      status({
        vertexes: [v('x', '[2/2] RUN echo hi', { started: 2000, completed: 2100 })],
        logs: [log('x', 'hi\n')],
      }),
    );
    expect(run.lines).toEqual(['#3 [2/2] RUN echo hi', '#3 hi', '#3 DONE 0.1s']);
    // The pull said again, now cached: the step is CACHED, the log does not end it twice.
    const again = p.feed(status({ vertexes: [v('f', image, { started: 1000, completed: 1300, cached: true })] }));
    expect(again.lines).toEqual([]);
    expect(p.steps[1]).toMatchObject({ state: 'cached', cached: true });
  });
});
