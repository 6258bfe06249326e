import { describe, expect, it } from 'vitest';
import { createDeathJudge, EXPLAINS_MS } from './deaths';
import type { ActivityEvent } from './types';

const ev = (action: string, time: number, extra: Partial<ActivityEvent> = {}): ActivityEvent => ({
  key: `${time}:${action}`,
  time,
  object: 'container',
  type: 'container',
  action,
  id: 'c1',
  name: 'web',
  ...extra,
});

describe('the die-unexpectedly rule', () => {
  it('a non-zero exit with nothing before it is unexpected', () => {
    const j = createDeathJudge();
    j.judge(ev('start', 1000));
    expect(j.judge(ev('die', 2000, { exitCode: 1 })).unexpected).toBe(true);
  });

  it('an exit with code 0 is not', () => {
    const j = createDeathJudge();
    expect(j.judge(ev('die', 2000, { exitCode: 0 })).unexpected).toBeUndefined();
  });

  it('docker stop (kill, die, stop) and docker kill are expected', () => {
    const j = createDeathJudge();
    j.judge(ev('kill', 1000, { signal: '15' }));
    expect(j.judge(ev('die', 1500, { exitCode: 137 })).unexpected).toBeUndefined();
  });

  it('a stop asked for through Wharf is expected (Podman sends no kill event)', () => {
    const j = createDeathJudge();
    j.expectStop('c1', 1000);
    expect(j.judge(ev('die', 3000, { exitCode: 137 })).unexpected).toBeUndefined();
    // Once only: the next death is judged afresh.
    expect(j.judge(ev('die', 4000, { exitCode: 137 })).unexpected).toBe(true);
  });

  it('a kill long before does not explain a later death', () => {
    const j = createDeathJudge();
    j.judge(ev('kill', 1000));
    expect(j.judge(ev('die', 1000 + EXPLAINS_MS + 1, { exitCode: 2 })).unexpected).toBe(true);
  });

  it('an oom event before the die marks it out of memory and unexpected', () => {
    const j = createDeathJudge();
    j.judge(ev('oom', 1000));
    expect(j.judge(ev('die', 1100, { exitCode: 137 }))).toMatchObject({ oom: true, unexpected: true });
  });

  it('another container is judged apart', () => {
    const j = createDeathJudge();
    j.judge(ev('kill', 1000, { id: 'c2' }));
    expect(j.judge(ev('die', 1100, { exitCode: 1 })).unexpected).toBe(true);
  });
});
