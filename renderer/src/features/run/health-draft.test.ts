import { describe, expect, it } from 'vitest';
import { emptyHealth, healthFromDraft, healthToDraft } from './health-draft';
import type { Problems } from './run-draft';

describe('the health check fields', () => {
  it('give no health check when empty', () => {
    const problems: Problems = {};
    expect(healthFromDraft(emptyHealth(), problems)).toBeUndefined();
    expect(problems).toEqual({});
  });

  it('give the check as typed, and round-trip', () => {
    const problems: Problems = {};
    const draft = { cmd: ' pg_isready ', interval: '5s', timeout: '', startPeriod: '1m30s', retries: '4' };
    const health = healthFromDraft(draft, problems);
    expect(health).toEqual({ cmd: 'pg_isready', interval: '5s', startPeriod: '1m30s', retries: 4 });
    expect(healthToDraft(health)).toEqual({ ...draft, cmd: 'pg_isready' });
    expect(problems).toEqual({});
  });

  it('name a duration without a unit and a bad retry count', () => {
    const problems: Problems = {};
    healthFromDraft({ ...emptyHealth(), interval: '30', retries: '-1' }, problems);
    expect(problems).toEqual({
      'health.interval': { key: 'durationBad' },
      'health.retries': { key: 'healthRetriesBad' },
    });
  });
});
