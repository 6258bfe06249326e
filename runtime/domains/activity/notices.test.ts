import { describe, expect, it } from 'vitest';
import { ALL_ON, RATE_LIMIT, RATE_WINDOW_MS, REPEAT_MS, createNoticeGate, noticeForEvent } from './notices';
import type { ActivityEvent } from './types';

const died = (id: string, name = id): ActivityEvent => ({
  key: `${id}-die`,
  time: 1,
  object: 'container',
  type: 'container',
  action: 'die',
  id,
  name,
  exitCode: 1,
  unexpected: true,
});

const notice = (id: string) => noticeForEvent(died(id))!;

describe('noticeForEvent', () => {
  it('an unexpected death links to the container and explains the exit code', () => {
    expect(notice('abc')).toEqual({
      kind: 'died',
      tone: 'alert',
      title: { key: 'notify.died.title', values: { name: 'abc' } },
      body: { key: 'activity.exit.long.error', values: { code: 1, signal: '' } },
      href: '#/containers/abc',
      about: 'container:abc',
    });
  });

  it('a long id is shortened in the title; nothing for a stop that was asked for', () => {
    const long = 'a'.repeat(64);
    expect(noticeForEvent(died('x', long))?.title.values).toEqual({ name: 'a'.repeat(12) });
    expect(noticeForEvent({ ...died('x'), unexpected: false })).toBeUndefined();
  });
});

describe('the notice gate', () => {
  it('shows a notice once, and the same one again only after REPEAT_MS', () => {
    const gate = createNoticeGate();
    expect(gate.decide(notice('a'), ALL_ON, 0)).toEqual({ show: true });
    expect(gate.decide(notice('a'), ALL_ON, REPEAT_MS - 1)).toEqual({ show: false, reason: 'repeat' });
    expect(gate.decide(notice('a'), ALL_ON, REPEAT_MS)).toEqual({ show: true });
  });

  it('a repeat is per container and per kind', () => {
    const gate = createNoticeGate();
    expect(gate.decide(notice('a'), ALL_ON, 0).show).toBe(true);
    expect(gate.decide(notice('b'), ALL_ON, 1).show).toBe(true);
    const oom = noticeForEvent({ ...died('a'), oom: true, exitCode: 137 })!;
    expect(gate.decide(oom, ALL_ON, 2).show).toBe(true);
  });

  it('a kind switched off in Settings is never shown, and does not count', () => {
    const gate = createNoticeGate();
    expect(gate.decide(notice('a'), { ...ALL_ON, died: false }, 0)).toEqual({ show: false, reason: 'off' });
    expect(gate.decide(notice('a'), ALL_ON, 1)).toEqual({ show: true });
  });

  it('no more than RATE_LIMIT in a window; room again once the window has passed', () => {
    const gate = createNoticeGate();
    for (let i = 0; i < RATE_LIMIT; i += 1) expect(gate.decide(notice(`c${i}`), ALL_ON, i).show).toBe(true);
    expect(gate.decide(notice('late'), ALL_ON, 10)).toEqual({ show: false, reason: 'rate' });
    // The first one shown at 0 leaves the window at RATE_WINDOW_MS.
    expect(gate.decide(notice('later'), ALL_ON, RATE_WINDOW_MS).show).toBe(true);
    expect(gate.decide(notice('again'), ALL_ON, RATE_WINDOW_MS).show).toBe(false);
  });

  it('a notice held back by the rate is shown when it comes again later', () => {
    const gate = createNoticeGate();
    for (let i = 0; i < RATE_LIMIT; i += 1) gate.decide(notice(`c${i}`), ALL_ON, 0);
    expect(gate.decide(notice('held'), ALL_ON, 1).show).toBe(false);
    expect(gate.decide(notice('held'), ALL_ON, RATE_WINDOW_MS + 1).show).toBe(true);
  });
});
