// Whom the Electron shell trusts, as pure functions tested without Electron:
// which IPC senders may talk to the runtime, and which links may leave the app.
import { APP_HOST, APP_SCHEME } from './channels';

export interface SenderInfo {
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** False for iframes: only the page itself may talk to the runtime. */
  isTopFrame: boolean;
  webContentsId: number;
}

/** An IPC message is ours when it comes from the top frame of a window we created, showing app://wharf/. */
export function isTrustedSender(sender: SenderInfo, ours: ReadonlySet<number>): boolean {
  if (!ours.has(sender.webContentsId) || !sender.isTopFrame || sender.frameUrl === undefined) return false;
  let url: URL;
  try {
    url = new URL(sender.frameUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  );
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
