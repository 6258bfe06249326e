// The wire envelope both transports carry. Every message is validated at the
// boundary it crosses.
//
// Cancelling is the envelope's job, the same for every domain: `cancel` with
// a request's id aborts that request (its handler sees its signal aborted and
// the answer is an error with code 'cancelled'); `cancel` (or its older
// spelling `unsub`) with a subscription's id ends that subscription. A
// session that spans several requests (an upload) is ended by its domain's
// `…Abort` request.
import { z } from 'zod';
import type { ApiErrorBody } from './errors';

const Id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Name = z.string().min(1).max(100);

export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: Id, method: Name, input: z.unknown() }).strict(),
  z.object({ t: z.literal('sub'), id: Id, topic: Name, input: z.unknown() }).strict(),
  z.object({ t: z.literal('unsub'), id: Id }).strict(),
  z.object({ t: z.literal('cancel'), id: Id }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { t: 'res'; id: number; ok: true; data: unknown }
  | { t: 'res'; id: number; ok: false; error: ApiErrorBody }
  | { t: 'evt'; id: number; data: unknown }
  | { t: 'end'; id: number; error?: ApiErrorBody };

/** An event that carries bytes (a terminal's output). */
export interface BytesEvent {
  type: 'data';
  data: Uint8Array;
}

export const isBytesEvent = (data: unknown): data is BytesEvent =>
  typeof data === 'object' &&
  data !== null &&
  (data as { type?: unknown }).type === 'data' &&
  (data as { data?: unknown }).data instanceof Uint8Array;

/**
 * Over the WebSocket, an event that carries bytes goes as one binary frame:
 * its subscription's id (8 bytes, a big-endian float64: ids are safe
 * integers), then the bytes. Every other message is JSON in a text frame.
 * The page hands the bytes to xterm as they came: no UTF-8 decoding, JSON or
 * base64 per piece. Electron's IPC carries the Uint8Array as it is.
 */
export const BYTES_FRAME_HEADER = 8;

export function encodeBytesFrame(id: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(BYTES_FRAME_HEADER + bytes.length);
  new DataView(frame.buffer).setFloat64(0, id);
  frame.set(bytes, BYTES_FRAME_HEADER);
  return frame;
}

/** The event a binary frame carries; undefined for a frame too short to hold an id, or a bad id. */
export function decodeBytesFrame(frame: ArrayBuffer): { t: 'evt'; id: number; data: BytesEvent } | undefined {
  if (frame.byteLength < BYTES_FRAME_HEADER) return undefined;
  const id = new DataView(frame).getFloat64(0);
  if (!Number.isSafeInteger(id) || id < 0) return undefined;
  return { t: 'evt', id, data: { type: 'data', data: new Uint8Array(frame, BYTES_FRAME_HEADER) } };
}

/**
 * What the renderer is handed: a way to send messages and to hear replies.
 * Electron IPC and the WebSocket both implement it.
 */
export interface Transport {
  send(message: ClientMessage): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Connection to the runtime itself (not the engine): open or lost. */
  onStatus?(listener: (status: 'open' | 'closed') => void): () => void;
  /**
   * Browser: hands the one-time address 'downloads.create' answered to the
   * browser's download manager, which streams it to disk.
   */
  openDownload?(url: string, suggestedName: string): void;
  /**
   * Desktop: asks where to save (a save dialog) the download 'downloads.create'
   * registered as `id`, and has the runtime stream it into that file (its
   * progress is watched like any other). Resolves once it is written or the
   * user cancelled.
   */
  saveDownload?(id: string, suggestedName: string): Promise<SaveDownloadOutcome>;
  /** Desktop: writes the download registered as `id` to a temporary file for a drag to the desktop. */
  prepareDragOut?(id: string, name: string): Promise<{ prepared: boolean; message?: string }>;
  /** Desktop: starts the OS drag of the file prepared for `id` (during the page's dragstart). */
  startDragOut?(id: string): void;
}

/** What the desktop app's save answers: saved (and where), cancelled, or why it failed. */
export type SaveDownloadOutcome =
  { saved: true; file: string; bytes: number; command: string } | { saved: false; error?: ApiErrorBody };
