// The web preferences of the app's window, as data (no Electron at runtime) so
// they are tested. The page gets Chromium's sandbox and no Node; the preload
// runs isolated from it and in the main frame only, never in an iframe; the
// packaged app has no developer tools.
import type { WebPreferences } from 'electron';

export interface WindowOptions {
  /** Path of the built preload (dist/electron/preload.cjs). */
  preload: string;
  /** app.isPackaged: the installed app rather than `npm start`. */
  packaged: boolean;
}

export function webPreferences({ preload, packaged }: WindowOptions): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !packaged,
  };
}
