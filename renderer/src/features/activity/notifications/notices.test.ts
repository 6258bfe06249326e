import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../../runtime/domains/activity/types';
import { doneOf, longActionOf } from './long-actions';
import { ALL_ON, noticeForAction, noticeForEvent, say, userIsElsewhere } from './notices';

const t = ((key: string, values?: Record<string, unknown>) =>
  `${key}${values ? JSON.stringify(values) : ''}`) as unknown as TFunction;

const die = (extra: Partial<ActivityEvent>): ActivityEvent => ({
  key: 'k',
  time: 1,
  object: 'container',
  type: 'container',
  action: 'die',
  id: 'abc',
  name: 'web',
  exitCode: 1,
  ...extra,
});

describe('notices', () => {
  it('an unexpected death, an oom and unhealthy call for an alert linking to the container', () => {
    expect(noticeForEvent(die({ unexpected: true }))).toMatchObject({
      kind: 'died',
      tone: 'alert',
      href: '#/containers/abc',
    });
    const oom = noticeForEvent(die({ exitCode: 137, oom: true, unexpected: true }))!;
    expect(oom.kind).toBe('oom');
    expect(say(t, oom.title)).toBe('notify.oom.title{"name":"web"}');
    expect(oom.body).toEqual({ key: 'activity.exit.long.oom', values: { code: 137, signal: 9 } });
    expect(noticeForEvent({ ...die({}), action: 'health_status', detail: 'unhealthy' })?.kind).toBe('unhealthy');
  });

  it('nothing for an expected stop, or a kind switched off', () => {
    expect(noticeForEvent(die({ exitCode: 137 }))).toBeUndefined();
    expect(noticeForEvent(die({ unexpected: true }), { ...ALL_ON, died: false })).toBeUndefined();
    expect(
      noticeForAction(
        { action: 'pull', subject: 'nginx', ok: true, startedOn: '#/images' },
        { ...ALL_ON, longAction: false },
      ),
    ).toBeUndefined();
  });

  it('a finished action is a status, a failed one an alert', () => {
    expect(noticeForAction({ action: 'build', subject: 'app:1', ok: true, startedOn: '#/build' })).toMatchObject({
      tone: 'status',
      kind: 'longAction',
    });
    expect(noticeForAction({ action: 'push', subject: 'app:1', ok: false, startedOn: '#/images' })?.tone).toBe('alert');
  });

  it('the user is elsewhere when the window is hidden, unfocused or on another page', () => {
    const here = { hash: '#/images', hidden: false, focused: true };
    expect(userIsElsewhere('#/images', here)).toBe(false);
    expect(userIsElsewhere('#/images', { ...here, hidden: true })).toBe(true);
    expect(userIsElsewhere('#/images', { ...here, focused: false })).toBe(true);
    expect(userIsElsewhere('#/images', { ...here, hash: '#/containers' })).toBe(true);
  });
});

describe('long actions', () => {
  it('knows pull, push, build and compose up, not compose down', () => {
    expect(longActionOf('images.pull', { image: 'nginx' })).toEqual({ action: 'pull', subject: 'nginx' });
    expect(longActionOf('images.build', { tags: ['app:1'] })).toEqual({ action: 'build', subject: 'app:1' });
    expect(longActionOf('compose.run', { project: 'shop', op: { kind: 'up' } })).toEqual({
      action: 'composeUp',
      subject: 'shop',
    });
    expect(longActionOf('compose.run', { project: 'shop', op: { kind: 'down' } })).toBeUndefined();
    expect(longActionOf('logs.stream', {})).toBeUndefined();
  });

  it('reads the end from the progress events', () => {
    expect(doneOf({ kind: 'done', image: 'x' })).toEqual({ ok: true });
    expect(doneOf({ type: 'done', ok: false })).toEqual({ ok: false });
    expect(doneOf({ kind: 'progress' })).toBeUndefined();
  });
});
