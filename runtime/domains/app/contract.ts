// The app: its version and update status (`app.info`), an update check on
// demand (`app.checkForUpdates`) and the wharf:// links the system opens
// (`app.openLink`, the desktop app only).
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { ContainerRef, none } from '../../api/inputs';
import { ImageRef } from '../images/contract';
import { VolumeName } from '../volumes/contract';
import type { AppInfo, AppLink, UpdateStatus } from './types';

/** A link's target, checked as strictly as the engine checks the same names (no ".." segments either). */
export const AppLinkInput = z.discriminatedUnion('route', [
  z.object({ route: z.literal('containers'), id: ContainerRef.optional() }).strict(),
  z
    .object({
      route: z.literal('images'),
      id: ImageRef.refine((ref) => !ref.split('/').some((part) => part === '..' || part === '.'), {
        message: 'not an image name or id',
      }).optional(),
    })
    .strict(),
  z.object({ route: z.literal('volumes'), id: VolumeName.optional() }).strict(),
]);

export const appContract = {
  'app.info': request<AppInfo>()(none),
  'app.checkForUpdates': request<UpdateStatus>()(none),
  /** Quits and installs the version the updater downloaded (the desktop app; the quit may ask about the engine first). */
  'app.installUpdate': request<{ restarting: true }>()(none),
  'app.openLink': subscription<AppLink>()(none),
} as const;
