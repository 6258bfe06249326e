// What to tell the user about an engine event, and whether to tell it now.
// Pure and shared: the desktop app's main process decides its native
// notifications with it (so they come even with no window open), the page
// its in-page and web notifications. Texts are translation keys, worded by
// whichever side shows them.
import type { NotificationSettings } from '../settings/types';
import { explainExitCode } from './exit-codes';
import type { ActivityEvent } from './types';
import { noticeOf, shortName } from './words';

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
  /** What repeats of it are recognised by: the same kind about the same thing. */
  about?: string;
}

export const ALL_ON: NotificationSettings = { died: true, oom: true, unhealthy: true, longAction: true };

/** An exit code's long explanation, to word later (activity.exit.long.*). */
export function exitWords(
  code: number,
  oomKilled = false,
): { key: string; values: { code: number; signal: number | string } } {
  const { meaning, signal } = explainExitCode(code, oomKilled);
  return { key: `activity.exit.long.${meaning}`, values: { code, signal: signal ?? '' } };
}

/** The notice an engine event calls for (an unexpected death, out of memory, unhealthy), if that kind is on. */
export function noticeForEvent(event: ActivityEvent, settings: NotificationSettings = ALL_ON): Notice | undefined {
  const kind = noticeOf(event);
  if (kind === undefined || !settings[kind]) return undefined;
  const name = shortName(event.name);
  const href = `#/containers/${encodeURIComponent(event.id)}`;
  const about = `container:${event.id}`;
  if (kind === 'unhealthy')
    return {
      kind,
      tone: 'alert',
      title: { key: 'notify.unhealthy.title', values: { name } },
      body: { key: 'notify.unhealthy.body' },
      href,
      about,
    };
  return {
    kind,
    tone: 'alert',
    title: { key: `notify.${kind}.title`, values: { name } },
    body: exitWords(event.exitCode ?? 0, event.oom === true),
    href,
    about,
  };
}

/** A repeat of the same notice within this time is not shown again (a container in a restart loop). */
export const REPEAT_MS = 5 * 60_000;
/** At most this many notices in RATE_WINDOW_MS; the rest wait for the page's feed. */
export const RATE_LIMIT = 4;
export const RATE_WINDOW_MS = 60_000;

export type NoticeVerdict = { show: true } | { show: false; reason: 'off' | 'repeat' | 'rate' };

export interface NoticeGate {
  /** Whether to show this notice at `now` (ms); a notice shown is remembered. */
  decide(notice: Notice, settings: NotificationSettings, now: number): NoticeVerdict;
}

/**
 * The one decision of what reaches the user: the kind switched on in
 * Settings, no repeat of the same notice within REPEAT_MS (a crash loop
 * tells once), and no more than RATE_LIMIT in any RATE_WINDOW_MS (a compose
 * project falling over all at once is not a wall of pop-ups).
 */
export function createNoticeGate(): NoticeGate {
  const lastShown = new Map<string, number>();
  let shownAt: number[] = [];
  return {
    decide(notice, settings, now) {
      if (!settings[notice.kind]) return { show: false, reason: 'off' };
      const key = `${notice.kind}:${notice.about ?? notice.title.key + JSON.stringify(notice.title.values ?? {})}`;
      const last = lastShown.get(key);
      if (last !== undefined && now - last < REPEAT_MS) return { show: false, reason: 'repeat' };
      shownAt = shownAt.filter((t) => now - t < RATE_WINDOW_MS);
      if (shownAt.length >= RATE_LIMIT) return { show: false, reason: 'rate' };
      shownAt.push(now);
      lastShown.set(key, now);
      // Forget what is long past, so the map stays small over days.
      if (lastShown.size > 500) for (const [k, t] of lastShown) if (now - t >= REPEAT_MS) lastShown.delete(k);
      return { show: true };
    },
  };
}
