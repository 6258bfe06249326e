// What to tell the user, and how: a notice from an engine event or a finished
// long action, shown natively by the desktop app when Wharf is in the
// background, else in the page's toast region.
import type { TFunction } from 'i18next';
import type { NotificationSettings } from '../../../../../runtime/domains/settings/types';
import { ALL_ON, type Notice, type Words } from '../../../../../runtime/domains/activity/notices';
import type { FinishedAction } from './long-actions';

export {
  ALL_ON,
  createNoticeGate,
  noticeForEvent,
  type Notice,
  type NoticeKind,
  type Words,
} from '../../../../../runtime/domains/activity/notices';

/** A notice's text in the current language. */
export const say = (t: TFunction, words: Words): string => t(words.key, words.values ?? {});

/** True when the user is not looking at what started the action: the window is hidden or unfocused, or on another page. */
export function userIsElsewhere(startedOn: string, now: { hash: string; hidden: boolean; focused: boolean }): boolean {
  return now.hidden || !now.focused || now.hash.split('?')[0] !== startedOn.split('?')[0];
}

const LINKS: Record<FinishedAction['action'], (subject: string) => string | undefined> = {
  pull: () => '#/images',
  push: () => '#/images',
  build: () => '#/images',
  composeUp: (project) => (project !== '' ? `#/compose/${encodeURIComponent(project)}` : undefined),
};

export function noticeForAction(finished: FinishedAction, settings: NotificationSettings = ALL_ON): Notice | undefined {
  if (!settings.longAction) return undefined;
  const subject = finished.subject;
  const href = LINKS[finished.action](subject);
  return {
    kind: 'longAction',
    tone: finished.ok ? 'status' : 'alert',
    title: { key: `notify.action.${finished.action}.${finished.ok ? 'ok' : 'failed'}`, values: { subject } },
    body: { key: finished.ok ? 'notify.action.okBody' : 'notify.action.failedBody' },
    ...(href !== undefined ? { href } : {}),
  };
}
