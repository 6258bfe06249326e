import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  type UpdateCheckContext,
  decideUpdateCheck,
  describeUpdateError,
  readUpdateRecord,
  updaterSettings,
} from './update-policy';

const now = 1_800_000_000_000;
const base: UpdateCheckContext = {
  allowed: true,
  packaged: true,
  checking: false,
  lastCheckAt: undefined,
  now,
  trigger: 'startup',
};

describe('decideUpdateCheck', () => {
  it('never checks in a development run, whatever else holds', () => {
    for (const trigger of ['startup', 'timer', 'switched-on', 'user'] as const) {
      expect(decideUpdateCheck({ ...base, packaged: false, trigger })).toEqual({ check: false, why: 'development' });
    }
  });

  it('never checks while the switch is off, not even when asked', () => {
    for (const trigger of ['startup', 'timer', 'switched-on', 'user'] as const) {
      expect(decideUpdateCheck({ ...base, allowed: false, trigger })).toEqual({ check: false, why: 'off' });
    }
  });

  it('does not start a second check while one runs', () => {
    expect(decideUpdateCheck({ ...base, checking: true, trigger: 'user' })).toEqual({ check: false, why: 'busy' });
  });

  it('checks at the first start, and when the interval has passed', () => {
    expect(decideUpdateCheck(base)).toEqual({ check: true });
    expect(decideUpdateCheck({ ...base, trigger: 'timer', lastCheckAt: now - CHECK_INTERVAL_MS })).toEqual({
      check: true,
    });
  });

  it('waits out the interval after a recent check, and says until when', () => {
    const lastCheckAt = now - 60_000;
    expect(decideUpdateCheck({ ...base, trigger: 'timer', lastCheckAt })).toEqual({
      check: false,
      why: 'recent',
      nextAt: lastCheckAt + CHECK_INTERVAL_MS,
    });
    expect(decideUpdateCheck({ ...base, trigger: 'startup', lastCheckAt }).check).toBe(false);
  });

  it('checks at once when the user asks or just turned the switch on', () => {
    const lastCheckAt = now - 60_000;
    expect(decideUpdateCheck({ ...base, trigger: 'user', lastCheckAt })).toEqual({ check: true });
    expect(decideUpdateCheck({ ...base, trigger: 'switched-on', lastCheckAt })).toEqual({ check: true });
  });

  it('checks when the last check seems to lie in the future (the clock moved back)', () => {
    expect(decideUpdateCheck({ ...base, trigger: 'timer', lastCheckAt: now + 10 * CHECK_INTERVAL_MS })).toEqual({
      check: true,
    });
  });
});

describe('updaterSettings', () => {
  it('follows "latest" without pre-releases for a release', () => {
    expect(updaterSettings('1.4.2')).toMatchObject({
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
    });
  });

  it('follows its own channel, pre-releases included, for a pre-release', () => {
    expect(updaterSettings('1.5.0-beta.3')).toMatchObject({ channel: 'beta', allowPrerelease: true });
  });
});

describe('readUpdateRecord', () => {
  it('reads each outcome back', () => {
    for (const record of [
      { result: 'current', at: 5 },
      { result: 'available', at: 5, version: '1.2.0' },
      { result: 'downloaded', at: 5, version: '1.2.0' },
      { result: 'error', at: 5, message: 'net::ERR_INTERNET_DISCONNECTED' },
    ]) {
      expect(readUpdateRecord(record)).toEqual(record);
    }
  });

  it('ignores a file that holds anything else', () => {
    for (const raw of [
      undefined,
      null,
      'x',
      {},
      { result: 'current' },
      { result: 'available', at: 5 },
      { result: 'odd', at: 5 },
    ]) {
      expect(readUpdateRecord(raw)).toBeUndefined();
    }
    expect(readUpdateRecord({ result: 'current', at: 5, extra: true })).toBeUndefined();
  });
});

describe('describeUpdateError', () => {
  it('keeps the first line, short', () => {
    expect(describeUpdateError(new Error('HttpError: 404\nheaders: {...}'))).toBe('HttpError: 404');
    expect(describeUpdateError('x'.repeat(1000))).toHaveLength(300);
    expect(describeUpdateError(new Error(''))).toBe('The update check failed.');
  });
});
