// Names both sides of the Electron shell agree on, written once.

/** The one IPC channel: client messages to main, server messages back. */
export const MESSAGE_CHANNEL = 'wharf:message';

/** A download to save to a file the user picks (invoke: descriptor, suggested name → outcome). */
export const DOWNLOAD_CHANNEL = 'wharf:download';

/** Drag a file out: prepare a registered download as a temporary file (invoke: id, name → outcome). */
export const DRAG_PREPARE_CHANNEL = 'wharf:drag-prepare';

/** Drag a file out: start the OS drag of the file prepared for a download id (send: id). */
export const DRAG_START_CHANNEL = 'wharf:drag-start';

/** The renderer is loaded from this privileged scheme and host only. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wharf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
