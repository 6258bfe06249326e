// The Electron IPC transport: one channel each way, every message checked for
// its sender and then handed to the same router the WebSocket uses. One router
// session per window's page; it ends when the page reloads or goes away.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Handlers } from '../runtime/transport/handlers';
import { createSession, type ClientSession } from '../runtime/transport/router';
import type { SaveDownloadOutcome } from '../runtime/api/protocol';
import { DOWNLOAD_CHANNEL, DRAG_PREPARE_CHANNEL, DRAG_START_CHANNEL, MESSAGE_CHANNEL } from './channels';
import { PreparedDrags, prepareDragOut, startDragOut, type DragOutDeps } from './drag-out';
import { saveDownload, type SaveDownloadDeps } from './downloads';
import { isTrustedSender, senderOf } from './trust';

export interface IpcTransport {
  /** Accept messages from this window's page. */
  attach(contents: WebContents): void;
  dispose(): void;
}

/** `download`: the save dialog for a window's page and the runtime's streamed write. */
export function createIpcTransport(
  handlers: Handlers,
  log: (message: string) => void,
  download: (contents: WebContents) => SaveDownloadDeps,
  /** Drag out: where prepared files go, and the OS drag of one. */
  dragOut?: { deps: DragOutDeps; start(contents: WebContents, file: string): void },
): IpcTransport {
  const ours = new Set<number>();
  const sessions = new Map<number, ClientSession>();

  const endSession = (id: number) => {
    sessions.get(id)?.close();
    sessions.delete(id);
  };

  // The sender frame must be the current document of our window's main frame, showing app://wharf/: never an
  // iframe (which gets no preload anyway), a page being unloaded, or a window someone else created.
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const sender = senderOf(event);
    if (isTrustedSender(sender, ours)) return true;
    log(
      `ipc: refused a message from ${sender.frameUrl ?? 'a frame that is gone'} (webContents ${sender.webContentsId})`,
    );
    return false;
  };

  const onDownload = async (event: IpcMainInvokeEvent, id: unknown, name: unknown): Promise<SaveDownloadOutcome> => {
    if (!trusted(event)) return { saved: false, error: { code: 'forbidden', message: 'Refused.' } };
    return saveDownload(id, name, download(event.sender));
  };
  ipcMain.handle(DOWNLOAD_CHANNEL, onDownload);

  const prepared = new PreparedDrags();
  const onDragPrepare = async (event: IpcMainInvokeEvent, id: unknown, name: unknown) => {
    if (!trusted(event) || dragOut === undefined) return { prepared: false, message: 'Refused.' };
    return prepareDragOut(id, name, prepared, dragOut.deps);
  };
  const onDragStart = (event: IpcMainEvent, id: unknown) => {
    if (!trusted(event) || dragOut === undefined) return;
    startDragOut(id, prepared, (file) => dragOut.start(event.sender, file));
  };
  ipcMain.handle(DRAG_PREPARE_CHANNEL, onDragPrepare);
  ipcMain.on(DRAG_START_CHANNEL, onDragStart);

  const onMessage = (event: IpcMainEvent, raw: unknown) => {
    const contents = event.sender;
    if (!trusted(event)) return;
    let session = sessions.get(contents.id);
    if (!session) {
      session = createSession(
        handlers,
        (message) => {
          if (!contents.isDestroyed()) contents.send(MESSAGE_CHANNEL, message);
        },
        (error) => log(`ipc: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      );
      sessions.set(contents.id, session);
    }
    session.receive(raw);
  };
  ipcMain.on(MESSAGE_CHANNEL, onMessage);

  return {
    attach(contents) {
      const id = contents.id;
      ours.add(id);
      // A reload or any new document starts a new client: the old page's subscriptions must stop.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) endSession(id);
      });
      contents.on('render-process-gone', () => endSession(id));
      contents.once('destroyed', () => {
        ours.delete(id);
        endSession(id);
      });
    },
    dispose() {
      ipcMain.off(MESSAGE_CHANNEL, onMessage);
      ipcMain.removeHandler(DOWNLOAD_CHANNEL);
      ipcMain.removeHandler(DRAG_PREPARE_CHANNEL);
      ipcMain.off(DRAG_START_CHANNEL, onDragStart);
      for (const id of [...sessions.keys()]) endSession(id);
      ours.clear();
    },
  };
}
