// Dragging a file out of a container or volume to the desktop. The drag must
// carry its address the moment it starts, so the address is asked for when
// the pointer goes down on the row (downloads.create: a one-time address, as
// for Download) and handed to the drag as Chromium's DownloadURL
// ("<type>:<file name>:<absolute url>"): dropped on the desktop or a folder,
// the browser downloads it there. Pure: the hook is in useDragOut.ts.

/** DownloadURL data: the file name may not hold ":" (it separates the parts). */
export function downloadUrlData(name: string, url: string, origin: string): string {
  const safe = name.replace(/[:\r\n]/g, '_');
  return `application/octet-stream:${safe}:${new URL(url, origin).href}`;
}

/** An address prepared for a drag is used within this long (the runtime keeps one for a minute). */
export const PREPARED_MS = 50_000;

export interface Prepared {
  path: string;
  /** The address (browser), or the download's id (desktop app: its file is prepared). */
  url: string;
  name: string;
  at: number;
}

/** The prepared address of `path` still fit for a drag at `now`, if any. */
export function preparedFor(p: Prepared | undefined, path: string, now: number): Prepared | undefined {
  return p !== undefined && p.path === path && now - p.at < PREPARED_MS ? p : undefined;
}
