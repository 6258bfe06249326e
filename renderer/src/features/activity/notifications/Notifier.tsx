// Tells the user what they would want to know while looking elsewhere: a
// container that died unexpectedly or ran out of memory, one that turned
// unhealthy, a long action that finished. What to tell, and whether now, is
// one decision (runtime/domains/activity/notices.ts: the notice, and the gate
// that keeps Settings' choices, drops repeats and limits the rate) that both
// shells make:
// - the desktop app's main process shows engine events as the OS's own
//   notifications while the window is closed or in the background
//   (electron/notifier.ts), so this page shows them only while it has the focus;
// - a finished long action is known only here: in the background the desktop
//   app shows it through the web Notification API (which Electron shows
//   natively; the shell grants that one permission to its own page);
// - otherwise, and always in a browser, notices appear in the page.
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationSettings } from '../../../../../runtime/domains/settings/types';
import { useClient } from '../../../api/ClientProvider';
import { useRuntimeSettings } from '../../engine/queries';
import { FEATURES } from '../..';
import { onLongActionFinished } from './long-actions';
import {
  ALL_ON,
  createNoticeGate,
  type Notice,
  noticeForAction,
  noticeForEvent,
  say,
  userIsElsewhere,
} from './notices';
import { ToastRegion } from './ToastRegion';
import { useToasts } from './toast-store';
import './notifications.css';

const RESUBSCRIBE_MS = 2000;

/** The desktop app loads its page from app://; a browser from http(s). */
const isDesktop = () => window.location.protocol === 'app:';

const ROUTES = new Set<string>(FEATURES.map((f) => f.route));

const gate = createNoticeGate();

function show(notice: Notice, t: TFunction, settings: NotificationSettings): void {
  const route = notice.href?.replace(/^#\//, '').split('/')[0];
  const shown = route !== undefined && !ROUTES.has(route) ? { ...notice, href: undefined } : notice;
  const background = document.visibilityState === 'hidden' || !document.hasFocus();
  // The desktop app's main process tells engine events itself while the window is in the background.
  if (isDesktop() && background && notice.kind !== 'longAction') return;
  if (!gate.decide(shown, settings, Date.now()).show) return;
  if (isDesktop() && background && typeof Notification !== 'undefined' && Notification.permission !== 'denied') {
    const open = () => {
      const title = say(t, shown.title);
      const n = new Notification(title, { body: say(t, shown.body), tag: `${shown.kind}:${title}` });
      n.onclick = () => {
        window.focus();
        if (shown.href) window.location.hash = shown.href;
      };
    };
    if (Notification.permission === 'granted') return open();
    void Notification.requestPermission().then((p) => (p === 'granted' ? open() : useToasts.getState().push(shown)));
    return;
  }
  useToasts.getState().push(shown);
}

export function Notifier() {
  const { t } = useTranslation();
  const client = useClient();
  const settings = useRuntimeSettings({ staleTime: Infinity });
  // Read at the moment a notice is due, so a change in Settings applies at once.
  const current = useRef<NotificationSettings>(ALL_ON);
  current.current = settings.data?.notifications ?? ALL_ON;
  const words = useRef(t);
  words.current = t;

  useEffect(() => {
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe(
        'activity.watch',
        {},
        (event) => {
          const notice = noticeForEvent(event, current.current);
          if (notice) show(notice, words.current, current.current);
        },
        () => (timer = setTimeout(watch, RESUBSCRIBE_MS)),
      );
    };
    watch();
    const offActions = onLongActionFinished((finished) => {
      const now = {
        hash: window.location.hash,
        hidden: document.visibilityState === 'hidden',
        focused: document.hasFocus(),
      };
      if (!userIsElsewhere(finished.startedOn, now)) return;
      const notice = noticeForAction(finished, current.current);
      if (notice) show(notice, words.current, current.current);
    });
    return () => {
      stop?.();
      offActions();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client]);

  return <ToastRegion />;
}
