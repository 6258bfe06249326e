// Settings: what the runtime keeps for the user (engine endpoint, TLS, keeping
// the private engine running).
import { z } from 'zod';
import { request } from '../../api/define';
import type { RuntimeSettings } from './types';
import { EngineEndpoint, TlsInput } from '../engine/contract';
import { none } from '../../api/inputs';

export const NotificationSettingsInput = z
  .object({ died: z.boolean(), oom: z.boolean(), unhealthy: z.boolean(), longAction: z.boolean() })
  .strict();

export const Language = z.enum(['en', 'ko']);
export const QuitEngineChoice = z.enum(['ask', 'stop', 'keep']);

export const SettingsPatch = z
  .object({
    engine: EngineEndpoint.nullable().optional(),
    tls: TlsInput.nullable().optional(),
    keepEmbeddedEngine: z.boolean().optional(),
    notifications: NotificationSettingsInput.optional(),
    hostShell: z.boolean().optional(),
    language: Language.optional(),
    trayOnClose: z.boolean().optional(),
    quitEngine: QuitEngineChoice.optional(),
    trayNoticeShown: z.boolean().optional(),
    checkForUpdates: z.boolean().optional(),
  })
  .strict();

export const settingsContract = {
  'settings.get': request<RuntimeSettings>()(none),
  'settings.update': request<RuntimeSettings>()(SettingsPatch),
} as const;

/**
 * Whether closing the desktop app's window keeps it running in the tray when
 * the user never chose: on Windows yes (as Docker Desktop does); on Linux no,
 * where many desktops show no tray and Wharf would linger unseen. macOS apps
 * always stay.
 */
export const trayOnCloseDefault = (platform: string): boolean => platform === 'win32' || platform === 'darwin';
