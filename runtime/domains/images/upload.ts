// docker load from a browser: the tar arrives in chunks and streams straight
// into the engine's /images/load; nothing is written to disk on the way.
// Each chunk resolves once the stream took it, so a slow engine slows the
// sender instead of filling memory; a chunk sent before the previous one
// resolved is refused, and at most MAX_UPLOADS are open at once, so what is
// held in memory is bounded: per upload, the stream's two sides of
// IN_FLIGHT_BYTES each and the chunk that waits for room (under 9 MiB).
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { ApiError } from '../../api/errors';
import type { Engine } from '../../engine/types';
import { forEachMessage } from './build';

const IDLE_MS = 5 * 60_000;
/** Each side of an upload's stream holds this much the engine has not read yet before a chunk waits for room. */
export const IN_FLIGHT_BYTES = 4 * 1024 * 1024;
/** Uploads open at once. */
export const MAX_UPLOADS = 4;

/** The names a load stream reports ("Loaded image: a:1", "Loaded image ID: sha256:…"), or the engine's error. */
export async function readLoadResponse(response: Readable): Promise<string[]> {
  const loaded: string[] = [];
  let failure: string | undefined;
  await forEachMessage(response, (m) => {
    const found = /^Loaded image(?: ID)?: (.+)$/m.exec(m.stream ?? '');
    if (found !== null) loaded.push(found[1]!.trim());
    if (m.error !== undefined) failure = m.error;
  });
  if (failure !== undefined) throw new ApiError({ code: 'engine', message: failure });
  return loaded;
}

interface Upload {
  input: PassThrough;
  abort: AbortController;
  result: Promise<string[]>;
  /** Set once the engine failed, so later chunks fail at once. */
  failure?: unknown;
  bytes: number;
  timer: NodeJS.Timeout;
  /** A chunk is waiting for room in `input`. */
  busy: boolean;
}

export function createImageUploads(engine: Engine) {
  const uploads = new Map<string, Upload>();

  const drop = (id: string) => {
    const upload = uploads.get(id);
    if (upload === undefined) return false;
    uploads.delete(id);
    clearTimeout(upload.timer);
    // Aborting the request makes the engine drop what it read so far.
    upload.abort.abort();
    upload.input.destroy();
    return true;
  };
  const find = (id: string): Upload => {
    const upload = uploads.get(id);
    if (upload === undefined) {
      throw new ApiError({
        code: 'not-found',
        message: 'This upload is over (finished, cancelled or idle too long).',
        key: 'images.uploadGone',
      });
    }
    upload.timer.refresh();
    return upload;
  };

  return {
    begin(): string {
      if (uploads.size >= MAX_UPLOADS) {
        throw new ApiError({
          code: 'conflict',
          message: `${MAX_UPLOADS} image loads are already open.`,
          hint: 'Wait for one to finish, or cancel one.',
          key: 'images.uploadsFull',
          params: { count: String(MAX_UPLOADS) },
        });
      }
      const id = randomBytes(16).toString('hex');
      const input = new PassThrough({ highWaterMark: IN_FLIGHT_BYTES });
      const abort = new AbortController();
      const result = (async () => {
        const response = (await engine.docker().loadImage(input, { abortSignal: abort.signal })) as unknown as Readable;
        return readLoadResponse(response);
      })();
      const upload: Upload = {
        input,
        abort,
        result,
        bytes: 0,
        timer: setTimeout(() => drop(id), IDLE_MS),
        busy: false,
      };
      upload.timer.unref();
      result.catch((error: unknown) => {
        upload.failure = error;
      });
      uploads.set(id, upload);
      return id;
    },

    async chunk(id: string, base64: string): Promise<number> {
      const upload = find(id);
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the stream's own error, rethrown as it came
      if (upload.failure !== undefined) throw upload.failure;
      // One chunk at a time: the next one comes once this one resolved, so at most one waits beyond the buffer.
      if (upload.busy) {
        throw new ApiError({
          code: 'conflict',
          message: 'The previous part of this load is still being written.',
          hint: 'Send the parts one after another.',
          key: 'images.uploadBusy',
        });
      }
      const data = Buffer.from(base64, 'base64');
      upload.bytes += data.length;
      if (!upload.input.write(data)) {
        upload.busy = true;
        try {
          // Wait for room, or for the engine to give up (then the result says why).
          await Promise.race([
            new Promise<void>((resolve) => upload.input.once('drain', resolve)),
            upload.result.then(
              () => undefined,
              () => undefined,
            ),
          ]);
        } finally {
          upload.busy = false;
        }
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the stream's own error, rethrown as it came
        if (upload.failure !== undefined) throw upload.failure;
      }
      return upload.bytes;
    },

    /** The last chunk is in: waits for the engine's answer. `signal` aborted: the upload is dropped, as by abort. */
    async commit(id: string, signal?: AbortSignal): Promise<string[]> {
      const upload = find(id);
      const onAbort = () => drop(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      upload.input.end();
      try {
        return await upload.result;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        uploads.delete(id);
        clearTimeout(upload.timer);
      }
    },

    abort: drop,

    dispose() {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}
