import { describe, expect, it } from 'vitest';
import { currentLimits, toUpdateInput } from './update-form';

const MB = 1024 ** 2;
const now = currentLimits({
  restartPolicy: { name: 'no', maximumRetryCount: 0 },
  limits: { memory: 64 * MB, memorySwap: 128 * MB, cpus: 0, pidsLimit: 0 },
});

describe('currentLimits', () => {
  it('shows what is set, and the engine defaults as empty', () => {
    expect(now).toEqual({
      restart: 'no',
      restartMaxRetries: '',
      // Swap at twice the memory is what -m alone gives: shown as the default.
      memory: '64m',
      memorySwap: '',
      cpus: '',
      pidsLimit: '',
    });
    expect(
      currentLimits({
        restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
        limits: { memory: 0, memorySwap: -1, cpus: 1.5, pidsLimit: 100 },
      }),
    ).toEqual({
      restart: 'on-failure',
      restartMaxRetries: '3',
      memory: '',
      memorySwap: '-1',
      cpus: '1.5',
      pidsLimit: '100',
    });
  });
});

describe('toUpdateInput', () => {
  it('sends only what changed', () => {
    expect(toUpdateInput('web', now, { ...now, restart: 'unless-stopped' })).toEqual({
      input: { id: 'web', restart: 'unless-stopped' },
      problems: {},
    });
    expect(toUpdateInput('web', now, { ...now, cpus: '0.5', pidsLimit: '200' }).input).toEqual({
      id: 'web',
      cpus: 0.5,
      pidsLimit: 200,
    });
  });

  it('keeps the default swap at twice a new memory, as docker run -m does', () => {
    expect(toUpdateInput('web', now, { ...now, memory: '256m' }).input).toEqual({
      id: 'web',
      memory: '256m',
      memorySwap: '512m',
    });
    expect(toUpdateInput('web', now, { ...now, memory: '256m', memorySwap: '-1' }).input).toEqual({
      id: 'web',
      memory: '256m',
      memorySwap: '-1',
    });
  });

  it('names the field that is wrong and sends nothing', () => {
    expect(toUpdateInput('web', now, { ...now, memory: 'lots' })).toEqual({ problems: { memory: 'memoryBad' } });
    expect(toUpdateInput('web', now, { ...now, memory: '' })).toEqual({ problems: { memory: 'cannotClear' } });
    expect(toUpdateInput('web', now, { ...now, cpus: '-1' })).toEqual({ problems: { cpus: 'cpusBad' } });
    expect(toUpdateInput('web', now, { ...now, pidsLimit: '0' })).toEqual({ problems: { pidsLimit: 'pidsBad' } });
    expect(toUpdateInput('web', now, { ...now, restart: 'on-failure', restartMaxRetries: 'x' })).toEqual({
      problems: { restartMaxRetries: 'retriesBad' },
    });
    expect(toUpdateInput('web', now, now)).toEqual({ problems: { form: 'nothing' } });
  });
});
