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

export const SettingsPatch = z
  .object({
    engine: EngineEndpoint.nullable().optional(),
    tls: TlsInput.nullable().optional(),
    keepEmbeddedEngine: z.boolean().optional(),
    notifications: NotificationSettingsInput.optional(),
    hostShell: z.boolean().optional(),
    checkForUpdates: z.boolean().optional(),
  })
  .strict();

export const settingsContract = {
  'settings.get': request<RuntimeSettings>()(none),
  'settings.update': request<RuntimeSettings>()(SettingsPatch),
} as const;
