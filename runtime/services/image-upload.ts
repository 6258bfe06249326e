// docker load from a browser: the tar arrives in chunks and streams straight
// into the engine's /images/load; nothing is written to disk on the way.
// Each chunk resolves once the stream took it, so a slow engine slows the
// sender instead of filling memory.
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { ApiError } from '../api/errors';
import type { Engine } from '../engine/types';
import { forEachMessage } from './image-build';

const IDLE_MS = 5 * 60_000;

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
      throw new ApiError({ code: 'not-found', message: 'This upload is over (finished, cancelled or idle too long).', key: 'images.uploadGone' });
    }
    upload.timer.refresh();
    return upload;
  };

  return {
    begin(): string {
      const id = randomBytes(16).toString('hex');
      const input = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
      const abort = new AbortController();
      const result = (async () => {
        const response = (await engine.docker().loadImage(input as unknown as NodeJS.ReadableStream, { abortSignal: abort.signal })) as unknown as Readable;
        return readLoadResponse(response);
      })();
      const upload: Upload = { input, abort, result, bytes: 0, timer: setTimeout(() => drop(id), IDLE_MS) };
      upload.timer.unref();
      result.catch((error: unknown) => {
        upload.failure = error;
      });
      uploads.set(id, upload);
      return id;
    },

    async chunk(id: string, base64: string): Promise<number> {
      const upload = find(id);
      if (upload.failure !== undefined) throw upload.failure;
      const data = Buffer.from(base64, 'base64');
      upload.bytes += data.length;
      if (!upload.input.write(data)) {
        // Wait for room, or for the engine to give up (then the result says why).
        await Promise.race([
          new Promise<void>((resolve) => upload.input.once('drain', resolve)),
          upload.result.then(
            () => undefined,
            () => undefined,
          ),
        ]);
        if (upload.failure !== undefined) throw upload.failure;
      }
      return upload.bytes;
    },

    async end(id: string): Promise<string[]> {
      const upload = find(id);
      upload.input.end();
      try {
        return await upload.result;
      } finally {
        uploads.delete(id);
        clearTimeout(upload.timer);
      }
    },

    cancel: drop,

    dispose() {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}
