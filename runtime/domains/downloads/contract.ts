// Downloads that stream to disk: the page describes what it wants, the
// runtime checks it and answers with a one-time address (browser mode: a
// plain HTTP response the browser's download manager saves as it arrives).
// The desktop app saves the same registered download to a file the user
// picked. Either way the runtime counts the bytes it sends under the
// download's id and reports them to whoever watches it; Cancel stops the
// stream (and the engine's exec or request behind it).
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import type { ApiErrorBody } from '../../api/errors';
import { FilePathInput, FileTargetInput } from '../files/contract';
import { ImageRef } from '../images/contract';
import { ContainerRef } from '../../api/inputs';
import { VolumeName } from '../volumes/contract';

export const DownloadDescriptor = z.discriminatedUnion('kind', [
  /** One file, its bytes as they are. */
  z.object({ kind: z.literal('file'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A folder (or file) as a tar archive. */
  z.object({ kind: z.literal('folder-tar'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A folder (or file) as a zip archive. */
  z.object({ kind: z.literal('folder-zip'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A whole volume as the tar `docker run … tar -cf` writes (entries "./…"). */
  z.object({ kind: z.literal('volume-export'), name: VolumeName }).strict(),
  /** docker export of one container: its filesystem as a tar. */
  z.object({ kind: z.literal('container-export'), id: ContainerRef }).strict(),
  /** docker save of one image. */
  z.object({ kind: z.literal('image-save'), ref: ImageRef }).strict(),
]);

export type DownloadDescriptorInput = z.input<typeof DownloadDescriptor>;

/** The random id 'downloads.create' gives a download (also the last part of its address). */
export const DownloadId = z.string().regex(/^[0-9a-f]{64}$/, 'A download id is 64 hexadecimal digits.');

export type DownloadPhase = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';

/** Where one download is: sent as it changes (a few times a second at most) and once when it ends. */
export interface DownloadProgress {
  id: string;
  /** The file name it is saved as. */
  name: string;
  /** waiting: registered, nobody fetched it yet (or the save dialog is open). */
  phase: DownloadPhase;
  /** Bytes handed to the browser (or written to the file) so far. */
  sent: number;
  /** The exact size, when known before streaming (single files: also the Content-Length). */
  total?: number;
  /**
   * Folders: the size of the archive estimated from the folder's listing
   * before streaming, and how much of it was read so far (a zip is
   * compressed, so its own bytes cannot be compared with the estimate).
   */
  estimate?: { total: number; read: number };
  /** Recent speed, bytes per second (while running); the average once done. */
  bytesPerSecond: number;
  /** failed: why; cancelled: who stopped it ('wharf': Cancel in Wharf; 'client': the browser or the save went away). */
  error?: ApiErrorBody;
  cancelledBy?: 'wharf' | 'client';
}

export const downloadsContract = {
  /**
   * Checks what is to be downloaded (safe path, exists) and registers a
   * one-time address for it, valid for a short while. `url` is a path on the
   * browser-mode server; `name` is the file name it is served as; `id`
   * names it for 'downloads.watch' and 'downloads.abort'.
   */
  'downloads.create': request<{ id: string; url: string; name: string; command: string }>()(DownloadDescriptor),
  /**
   * The same for a file dragged out of a browser tab to the desktop: the
   * browser fetches it itself, not from the page, and says so with
   * `Sec-Fetch-Site: none` (Chromium's drag download has no initiator), which
   * the address of 'downloads.create' refuses. A page of another site can
   * never send `none`; the id is as secret and serves once.
   */
  'downloads.createDragOut': request<{ id: string; url: string; name: string; command: string }>()(DownloadDescriptor),
  /** A download's progress: its state now, then every change until it ends (unknown ids end with not-found). */
  'downloads.watch': subscription<DownloadProgress>()(z.object({ id: DownloadId }).strict()),
  /**
   * Stops a download: its stream and the engine's exec or request behind it;
   * the browser sees it fail and its progress ends 'cancelled'. (A download is
   * served over HTTP, not by a request, so the envelope's cancel cannot reach
   * it: it ends like any session, by its abort.)
   */
  'downloads.abort': request<{ aborted: boolean }>()(z.object({ id: DownloadId }).strict()),
} as const;
