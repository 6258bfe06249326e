// The desktop app's life beside its window: the tray icon, native
// notifications, what closing the window does and what quitting asks. The
// decisions are desktop-model.ts's; this file acts on them with Electron.
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { WharfRuntime } from '../runtime/app';
import { SettingsPatch } from '../runtime/domains/settings/contract';
import { closeKeepsRunning, quitDialog, quitOutcome, quitPlan, trayNoticeDue } from './desktop-model';
import { followRuntime } from './desktop-state';
import { createNativeNotifier } from './notifier';
import { createWharfTray } from './tray';
import { languageOf, word } from './words';

export interface DesktopHost {
  runtime: WharfRuntime;
  /** The bundled main process's folder. */
  codeDir: string;
  /** Wharf's window, while open. */
  window(): BrowserWindow | undefined;
  /** Shows the window (made again when closed), at a hash address when given. */
  showWindow(href?: string): void;
  log(message: string): void;
}

export interface Desktop {
  /** Each new window: closing it may leave Wharf in the tray, and says so the first time. */
  attachWindow(window: BrowserWindow): void;
  /** Whether Wharf stays running once its last window closed. */
  keepsRunning(): boolean;
  /** Asks what to do with Wharf's private engine or VM when needed; undefined: the user cancelled the quit. */
  beforeQuit(): Promise<{ keepEngine?: boolean } | undefined>;
  dispose(): void;
}

export function installDesktop(host: DesktopHost): Desktop {
  const { runtime } = host;
  const log = (message: string) => host.log(message);
  const showWindow = (href?: string) => host.showWindow(href);
  const systemLocale = app.getLocale();
  const feed = followRuntime(runtime, log);
  const lang = () => languageOf(feed.get().settings.language, systemLocale);
  const notifier = createNativeNotifier({
    runtime,
    feed,
    systemLocale,
    windowFocused: () => {
      const w = host.window();
      return w !== undefined && !w.isDestroyed() && w.isVisible() && w.isFocused();
    },
    showWindow,
    log,
  });
  const tray = createWharfTray({
    runtime,
    feed,
    codeDir: host.codeDir,
    systemLocale,
    showWindow,
    quit: () => app.quit(),
    failed: (title, body) => void notifier.say(title, body),
    log,
  });
  let quitting = false;
  const keepsRunning = () => closeKeepsRunning(process.platform, feed.get().settings, tray.shown());
  const update = (patch: unknown) =>
    runtime.handlers.requests['settings.update'](SettingsPatch.parse(patch)).catch((error: unknown) =>
      log(`desktop: settings not saved: ${(error as Error).message}`),
    );

  return {
    attachWindow(window) {
      window.on('closed', () => {
        if (quitting || !keepsRunning() || !trayNoticeDue(feed.get().settings)) return;
        const key = process.platform === 'darwin' ? 'darwin' : 'other';
        const title = word(lang(), 'desktop.trayNotice.title');
        const body = word(lang(), `desktop.trayNotice.${key}`);
        // Where the system shows no notifications, a message box says it.
        if (!notifier.say(title, body))
          void dialog.showMessageBox({ type: 'info', title, message: title, detail: body });
        void update({ trayNoticeShown: true });
      });
    },
    keepsRunning,
    async beforeQuit() {
      const { vm, settings } = feed.get();
      const embedded = await runtime.handlers.requests['engine.embeddedStatus']({}).catch(() => null);
      const plan = quitPlan({ embedded, vm, settings });
      if (plan.kind === 'quit') {
        quitting = true;
        return plan.keepEngine !== undefined ? { keepEngine: plan.keepEngine } : {};
      }
      const d = quitDialog(plan.subject, lang());
      const options: MessageBoxOptions = {
        type: 'question',
        title: d.title,
        message: d.message,
        detail: d.detail,
        buttons: d.buttons,
        defaultId: d.defaultId,
        cancelId: d.cancelId,
        checkboxLabel: d.checkboxLabel,
        noLink: true,
      };
      const window = host.window();
      const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      const outcome = quitOutcome(d, answer.response, answer.checkboxChecked);
      if (outcome.kind === 'cancel') {
        // Wharf stays: with its window closed it would otherwise linger where a tray may not show it.
        if (!host.window()) showWindow();
        return undefined;
      }
      if (outcome.remember) await update({ quitEngine: outcome.remember });
      quitting = true;
      return { keepEngine: outcome.keepEngine };
    },
    dispose() {
      tray.dispose();
      notifier.dispose();
      feed.dispose();
    },
  };
}
