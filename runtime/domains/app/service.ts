// The app's handlers: its version and update status, an update check on
// demand, and the wharf:// links the desktop shell hands over. The update
// check itself belongs to the shell (electron-updater); it is reached through
// `UpdatesControl`, absent in browser mode and in development.
import { ApiError } from '../../api/errors';
import { type ErrorTextKey, errorHint, errorMessage } from '../../api/error-texts';
import type { ServiceHandlers, SubscriptionSink } from '../../transport/handlers';
import { releaseChannel } from './channel';
import type { AppInfo, AppLink, UpdateStatus } from './types';

/** The desktop shell's updater. */
export interface UpdatesControl {
  status(): UpdateStatus;
  /** Checks now (the user asked); resolves with the status the check left. */
  check(): Promise<UpdateStatus>;
  /** The Settings switch: told at start and on every change. */
  allowedChanged(allowed: boolean): void;
  /**
   * Quits Wharf (through its usual quit, which may ask about a private
   * engine) and installs the downloaded version, which opens again.
   * Resolves false when no version is downloaded.
   */
  install(): Promise<boolean>;
}

export interface AppServiceOptions {
  version: string;
  /** The desktop app, rather than browser mode. */
  desktop: boolean;
  updates?: UpdatesControl;
  /** Whether the user allows update checks (Settings). */
  allowed: () => boolean;
}

export interface AppService extends ServiceHandlers<
  'app.info' | 'app.checkForUpdates' | 'app.installUpdate',
  'app.openLink'
> {
  /** A wharf:// link to show: given to every open page, or kept for the first one to listen. */
  openLink(link: AppLink): void;
}

const keyed = (key: ErrorTextKey) => ({ message: errorMessage(key), hint: errorHint(key), key });

export function createAppService(options: AppServiceOptions): AppService {
  const listeners = new Set<SubscriptionSink<AppLink>>();
  let pending: AppLink | undefined;

  const status = (): UpdateStatus =>
    options.updates?.status() ?? {
      supported: false,
      unsupported: options.desktop ? 'development' : 'browser',
      channel: releaseChannel(options.version),
      checking: false,
    };

  return {
    openLink(link) {
      if (listeners.size === 0) {
        // The page is not up yet (a link that launched the app): the first page to listen gets it.
        pending = link;
        return;
      }
      for (const sink of [...listeners]) sink.emit(link);
    },
    requests: {
      'app.info': async (): Promise<AppInfo> => ({
        version: options.version,
        desktop: options.desktop,
        updates: status(),
      }),
      'app.checkForUpdates': async () => {
        if (!options.updates) throw new ApiError({ code: 'unavailable', ...keyed('updates.unsupported') });
        if (!options.allowed()) throw new ApiError({ code: 'unavailable', ...keyed('updates.off') });
        return options.updates.check();
      },
      'app.installUpdate': async () => {
        if (!options.updates) throw new ApiError({ code: 'unavailable', ...keyed('updates.unsupported') });
        if (!(await options.updates.install()))
          throw new ApiError({ code: 'conflict', ...keyed('updates.notDownloaded') });
        return { restarting: true as const };
      },
    },
    subscriptions: {
      'app.openLink': (_input, sink) => {
        listeners.add(sink);
        if (pending !== undefined) {
          const link = pending;
          pending = undefined;
          sink.emit(link);
        }
        return () => listeners.delete(sink);
      },
    },
  };
}
