// Names both sides of the Electron shell agree on, written once.

/** The one IPC channel: client messages to main, server messages back. */
export const MESSAGE_CHANNEL = 'wharf:message';

/** A download to save to a file the user picks (invoke: descriptor, suggested name → outcome). */
export const DOWNLOAD_CHANNEL = 'wharf:download';

/** The renderer is loaded from this privileged scheme and host only. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wharf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
