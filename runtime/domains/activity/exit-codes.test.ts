import { describe, expect, it } from 'vitest';
import { exitCodeFromStatus, explainExitCode } from './exit-codes';

describe('explainExitCode', () => {
  it.each([
    [0, false, { meaning: 'ok' }],
    [1, false, { meaning: 'error' }],
    [125, false, { meaning: 'engine' }],
    [126, false, { meaning: 'cannotRun' }],
    [127, false, { meaning: 'notFound' }],
    [137, false, { meaning: 'killed', signal: 9 }],
    [137, true, { meaning: 'oom', signal: 9 }],
    [139, false, { meaning: 'segfault', signal: 11 }],
    [143, false, { meaning: 'terminated', signal: 15 }],
    [130, false, { meaning: 'interrupted', signal: 2 }],
    [134, false, { meaning: 'signal', signal: 6 }],
    [3, false, { meaning: 'other' }],
    [255, false, { meaning: 'other' }],
  ] as const)('exit code %i (oom %s)', (code, oom, expected) => {
    expect(explainExitCode(code, oom)).toEqual(expected);
  });
});

describe('exitCodeFromStatus', () => {
  it('reads the code of an exited container and nothing else', () => {
    expect(exitCodeFromStatus('Exited (137) 2 minutes ago')).toBe(137);
    expect(exitCodeFromStatus('Exited (0) About an hour ago')).toBe(0);
    expect(exitCodeFromStatus('Up 3 seconds (healthy)')).toBeUndefined();
    expect(exitCodeFromStatus('Created')).toBeUndefined();
  });
});
