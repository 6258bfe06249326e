// Whom the Electron shell trusts, as pure functions tested without Electron:
// which IPC senders may talk to the runtime, where a frame may navigate, and
// which links may leave the app.
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './channels';

export interface SenderInfo {
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** The frame's origin as Chromium serialises it ("null" when opaque, e.g. a sandboxed document). */
  frameOrigin: string | undefined;
  /** True only for the current document of the window's main frame: never an iframe, nor a page being unloaded. */
  isMainFrame: boolean;
  webContentsId: number;
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly origin: string;
  readonly parent: unknown;
  readonly detached: boolean;
  readonly frameTreeNodeId: number;
  readonly processId: number;
  readonly frameToken: string;
}

/** The parts of an IpcMainEvent / IpcMainInvokeEvent the sender check reads. */
export interface IpcEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

/** What the event says about its sender, read at once (a frame may go away or navigate later). */
export function senderOf(event: IpcEventLike): SenderInfo {
  const frame = event.senderFrame;
  const main = event.sender.mainFrame;
  const isMainFrame =
    frame !== null &&
    !frame.detached &&
    frame.parent === null &&
    frame.frameTreeNodeId === main.frameTreeNodeId &&
    frame.processId === main.processId &&
    frame.frameToken === main.frameToken;
  return { frameUrl: frame?.url, frameOrigin: frame?.origin, isMainFrame, webContentsId: event.sender.id };
}

/** An IPC message is ours when it comes from the main frame of a window we created, showing app://wharf/. */
export function isTrustedSender(sender: SenderInfo, ours: ReadonlySet<number>): boolean {
  if (!ours.has(sender.webContentsId) || !sender.isMainFrame || sender.frameUrl === undefined) return false;
  if (sender.frameOrigin !== APP_ORIGIN) return false;
  let url: URL;
  try {
    url = new URL(sender.frameUrl);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

export interface NavigationDecision {
  /** Never true today: the app is one document the shell loads itself, and it has no frames of its own. */
  allow: boolean;
  /** A web link the page follows opens in the OS browser; never one from an iframe. */
  openExternally: boolean;
}

/** A frame of one of our windows starts a navigation (a link, `location = …`, an iframe's src). */
export function navigationDecision(url: string, isMainFrame: boolean): NavigationDecision {
  return { allow: false, openExternally: isMainFrame && isExternalWebUrl(url) };
}

/**
 * The app's own page may show notifications (the web Notification API, which
 * Electron shows as the OS's own); nothing else is granted, and nothing to
 * any other page or a frame.
 */
export function permissionAllowed(
  permission: string,
  url: string | undefined,
  isMainFrame: boolean | undefined,
): boolean {
  if (permission !== 'notifications' || isMainFrame === false || url === undefined) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Only web links are handed to the OS: never file:, smb:, custom app schemes and the like. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
