// Native notifications, decided here in the main process from the runtime's
// activity feed, so they come with the window closed or in the background:
// the same notice and the same gate (runtime/domains/activity/notices.ts) the
// page uses. While Wharf's window has the focus the page shows the notice
// itself, in its corner. Clicking one opens Wharf at the container.
import { Notification } from 'electron';
import type { WharfRuntime } from '../runtime/app';
import type { DesktopFeed } from './desktop-state';
import { followNotices } from './notice-feed';
import { languageOf, noticeText } from './words';

export interface NotifierHost {
  runtime: WharfRuntime;
  feed: DesktopFeed;
  systemLocale: string;
  /** True while Wharf's window is shown and has the focus (the page then tells the user). */
  windowFocused(): boolean;
  showWindow(href?: string): void;
  log(message: string): void;
}

export interface NativeNotifier {
  /** A notification of the shell's own (a one-time notice, a failed tray action); false where the system has none. */
  say(title: string, body: string, href?: string): boolean;
  dispose(): void;
}

export function createNativeNotifier(host: NotifierHost): NativeNotifier {
  // Kept until clicked or closed: a notification collected early would lose its click.
  const alive = new Set<Notification>();

  const say = (title: string, body: string, href?: string): boolean => {
    if (!Notification.isSupported()) return false;
    const n = new Notification({ title, body });
    alive.add(n);
    n.on('click', () => host.showWindow(href));
    n.on('close', () => alive.delete(n));
    n.on('click', () => alive.delete(n));
    n.show();
    return true;
  };

  const stop = followNotices({
    runtime: host.runtime,
    feed: host.feed,
    windowFocused: () => host.windowFocused(),
    deliver: (notice) => {
      const text = noticeText(notice, languageOf(host.feed.get().settings.language, host.systemLocale));
      void say(text.title, text.body, notice.href);
    },
    log: (message) => host.log(message),
  });

  return {
    say,
    dispose() {
      stop();
      for (const n of alive) n.close();
      alive.clear();
    },
  };
}
