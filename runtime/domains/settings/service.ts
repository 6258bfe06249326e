// Settings requests: what the Settings page reads and writes. The engine
// manager watches the same store and reconnects when the engine choice changes.
import type { SettingsStore } from '../../settings';
import type { ServiceHandlers } from '../../transport/handlers';
import type { RuntimeSettings } from './types';

export function createSettingsService(settings: SettingsStore): ServiceHandlers<'settings.get' | 'settings.update'> {
  return {
    requests: {
      'settings.get': async () => settings.get(),
      'settings.update': async (patch) => {
        // Absent keys stay as they are; the manager reconnects when the engine choice changes.
        const defined: Partial<RuntimeSettings> = {};
        if (patch.engine !== undefined) defined.engine = patch.engine;
        if (patch.tls !== undefined) defined.tls = patch.tls;
        if (patch.keepEmbeddedEngine !== undefined) defined.keepEmbeddedEngine = patch.keepEmbeddedEngine;
        if (patch.notifications !== undefined) defined.notifications = patch.notifications;
        if (patch.hostShell !== undefined) defined.hostShell = patch.hostShell;
        if (patch.language !== undefined) defined.language = patch.language;
        if (patch.trayOnClose !== undefined) defined.trayOnClose = patch.trayOnClose;
        if (patch.quitEngine !== undefined) defined.quitEngine = patch.quitEngine;
        if (patch.trayNoticeShown !== undefined) defined.trayNoticeShown = patch.trayNoticeShown;
        if (patch.checkForUpdates !== undefined) defined.checkForUpdates = patch.checkForUpdates;
        return settings.update(defined);
      },
    },
    subscriptions: {},
  };
}
