// What to tell the user, and how: a notice from an engine event or a finished
// long action, shown natively by the desktop app when Wharf is in the
// background, else in the page's toast region.
import type { TFunction } from 'i18next';
import type { NotificationSettings } from '../../../../../runtime/domains/settings/types';
import type { ActivityEvent } from '../../../../../runtime/domains/activity/types';
import { noticeOf, shortName } from '../../../../../runtime/domains/activity/words';
import { exitWords } from '../exit-text';
import type { FinishedAction } from './long-actions';

export type NoticeKind = keyof NotificationSettings;

/** A text by its translation key, worded when shown (so it follows a change of language). */
export interface Words {
  key: string;
  values?: Record<string, string | number>;
}

export interface Notice {
  kind: NoticeKind;
  /** alert: something went wrong (read out at once); status: something finished. */
  tone: 'alert' | 'status';
  title: Words;
  body: Words;
  /** Where "Open" goes (a hash address). */
  href?: string;
}

export const ALL_ON: NotificationSettings = { died: true, oom: true, unhealthy: true, longAction: true };

/** The notice an engine event calls for (an unexpected death, out of memory, unhealthy), if that kind is on. */
export function noticeForEvent(event: ActivityEvent, settings: NotificationSettings = ALL_ON): Notice | undefined {
  const kind = noticeOf(event);
  if (kind === undefined || !settings[kind]) return undefined;
  const name = shortName(event.name);
  const href = `#/containers/${encodeURIComponent(event.id)}`;
  if (kind === 'unhealthy')
    return {
      kind,
      tone: 'alert',
      title: { key: 'notify.unhealthy.title', values: { name } },
      body: { key: 'notify.unhealthy.body' },
      href,
    };
  return {
    kind,
    tone: 'alert',
    title: { key: `notify.${kind}.title`, values: { name } },
    body: exitWords(event.exitCode ?? 0, event.oom === true),
    href,
  };
}

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
