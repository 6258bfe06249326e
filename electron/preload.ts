// The only thing the renderer gets from the Electron shell: the Transport of
// runtime/api/protocol.ts as `window.wharf`. Neither ipcRenderer nor any of
// Node is exposed; the main process validates every message and its sender.
// Only the app's own page gets it: the window never leaves app://wharf/, but
// were another document ever shown there, the preload would run in it too.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ClientMessage, SaveDownloadOutcome, ServerMessage, Transport } from '../runtime/api/protocol';
import { APP_ORIGIN, DOWNLOAD_CHANNEL, DRAG_PREPARE_CHANNEL, DRAG_START_CHANNEL, MESSAGE_CHANNEL } from './channels';

const transport: Transport = {
  send(message: ClientMessage) {
    ipcRenderer.send(MESSAGE_CHANNEL, message);
  },
  onMessage(listener: (message: ServerMessage) => void) {
    // The event object stays here: it carries the sender, which the page has no business with.
    const forward = (_event: IpcRendererEvent, message: ServerMessage) => listener(message);
    ipcRenderer.on(MESSAGE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MESSAGE_CHANNEL, forward);
    };
  },
  saveDownload(id: string, suggestedName: string): Promise<SaveDownloadOutcome> {
    return ipcRenderer.invoke(DOWNLOAD_CHANNEL, id, suggestedName) as Promise<SaveDownloadOutcome>;
  },
  prepareDragOut(id: string, name: string) {
    return ipcRenderer.invoke(DRAG_PREPARE_CHANNEL, id, name) as Promise<{ prepared: boolean; message?: string }>;
  },
  startDragOut(id: string) {
    ipcRenderer.send(DRAG_START_CHANNEL, id);
  },
};

// The sandboxed preload sees the page's location (the DOM is shared; its JavaScript is not). Both the origin and
// the address: an about:blank the page opened inherits app://wharf as its origin, but is not the app.
const page = (globalThis as { location?: { origin?: string; href?: string } }).location;
if (page?.origin === APP_ORIGIN && page.href?.startsWith(`${APP_ORIGIN}/`))
  contextBridge.exposeInMainWorld('wharf', transport);
