// Which engine events the desktop app tells natively: the runtime's activity
// feed (activity.watch, as the page's IPC reaches it) through the same notice
// and gate the page uses (runtime/domains/activity/notices.ts). While Wharf's
// window has the focus the page tells the user itself. No Electron here, so it
// runs against a real engine in the tests.
import { ALL_ON, createNoticeGate, noticeForEvent, type Notice } from '../runtime/domains/activity/notices';
import type { WharfRuntime } from '../runtime/app';
import type { DesktopFeed } from './desktop-state';

export interface NoticeFeedHost {
  runtime: Pick<WharfRuntime, 'handlers'>;
  feed: Pick<DesktopFeed, 'get'>;
  /** True while Wharf's window is shown and has the focus. */
  windowFocused(): boolean;
  /** Shows the notice (a native notification). */
  deliver(notice: Notice): void;
  log(message: string): void;
  now?: () => number;
}

/** Follows the activity feed and delivers what the gate lets through; returns the function that stops it. */
export function followNotices(host: NoticeFeedHost): () => void {
  const gate = createNoticeGate();
  const now = host.now ?? Date.now;
  return host.runtime.handlers.subscriptions['activity.watch'](
    {},
    {
      emit: (event) => {
        const settings = host.feed.get().settings.notifications ?? ALL_ON;
        const notice = noticeForEvent(event, settings);
        if (!notice || host.windowFocused()) return;
        if (gate.decide(notice, settings, now()).show) host.deliver(notice);
      },
      fail: (error) => host.log(`notifications: ${error instanceof Error ? error.message : String(error)}`),
    },
  );
}
