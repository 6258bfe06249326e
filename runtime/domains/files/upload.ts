// Chunked uploads: one session per upload, its bytes streamed to the engine's
// archive API as they arrive. A manifest (paths, folders, sizes) comes
// first and the runtime writes the tar headers itself, so the client sends
// only file bytes and never a path the service did not check; or, to import
// a volume backup, the bytes are a tar archive passed through as they are.
// A chunk is answered once the stream to the engine took it (backpressure);
// an upload left without a chunk for IDLE_MS is stopped.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { UPLOAD_CHUNK_BYTES } from './contract';
import { ApiError } from '../../api/errors';
import type { FileChangeResult, FileTarget } from './types';
import type { Engine } from '../../engine/types';
import type { HelperPool } from './helper';
import { statByArchive } from './listing';
import { joinPath, safePath, safeRelative } from './paths';
import { type Place, copyCommand, inPlace, resolvePlace, runScript } from './place';
import { TAR_END, tarHeader, tarPadding } from './tar';

const IDLE_MS = 120_000;
const MAX_SESSIONS = 16;

export interface ManifestEntry {
  path: string;
  type: 'file' | 'dir';
  size: number;
  mode?: number;
}

interface Session {
  id: string;
  docker: Docker;
  place: Place;
  /** The folder as the user gave it, and where it is in the container. */
  dir: string;
  destination: string;
  body: PassThrough;
  settled: Promise<void>;
  failure?: unknown;
  finished: boolean;
  total: number;
  received: number;
  /** Manifest uploads: the entries, the one being written, its bytes so far. */
  entries?: ManifestEntry[];
  index: number;
  written: number;
  headerOut: boolean;
  files: number;
  busy: boolean;
  timer?: NodeJS.Timeout;
  /** Lets the helper go idle again (it is held while the upload is open). */
  release: () => void;
}

export interface UploadSessions {
  begin(input: {
    target: FileTarget;
    dir: string;
    entries?: ManifestEntry[];
    tarSize?: number;
  }): Promise<{ id: string; chunkBytes: number; total: number }>;
  chunk(input: { id: string; offset: number; base64: string }): Promise<{ received: number }>;
  commit(input: { id: string }): Promise<FileChangeResult & { files: number; bytes: number }>;
  abort(input: { id: string }): Promise<{ aborted: boolean }>;
  /** Open sessions (tests). */
  size(): number;
}

export function createUploadSessions(engine: Engine, pool: HelperPool): UploadSessions {
  const sessions = new Map<string, Session>();

  const get = (id: string): Session => {
    const s = sessions.get(id);
    if (s === undefined) {
      throw new ApiError({
        code: 'not-found',
        message: 'This upload is no longer open (it finished, was stopped, or waited too long for its next part).',
        hint: 'Start the upload again.',
      });
    }
    return s;
  };

  const touch = (s: Session) => {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void stop(s), IDLE_MS);
    s.timer.unref();
  };

  const failed = (s: Session): never => {
    throw s.failure instanceof Error
      ? s.failure
      : new ApiError({ code: 'engine', message: `The engine stopped taking the upload: ${String(s.failure)}` });
  };

  /** Ends the session without completing it; removes a file left half written where the place allows. */
  async function stop(s: Session): Promise<void> {
    sessions.delete(s.id);
    clearTimeout(s.timer);
    s.body.destroy(new Error('upload stopped'));
    await s.settled;
    s.release();
    const current = s.entries?.[s.index];
    if (current?.type === 'file' && s.headerOut && s.place.via !== 'archive') {
      const shown = joinPath(s.dir, current.path);
      await runScript(s.docker, pool, s.place, 'delete', [`${s.destination}/${current.path}`, ''], shown).catch(
        () => {},
      );
    }
  }

  /** Writes headers for the folders and empty files up to the next file that needs bytes. */
  const advance = (s: Session) => {
    const entries = s.entries ?? [];
    while (s.index < entries.length) {
      const e = entries[s.index] as ManifestEntry;
      if (!s.headerOut) {
        s.body.write(
          tarHeader(
            { path: e.path, type: e.type, ...(e.mode !== undefined ? { mode: e.mode } : {}) },
            e.type === 'file' ? e.size : 0,
          ),
        );
        s.headerOut = true;
        if (e.type === 'file') s.files++;
      }
      if (e.type === 'file' && s.written < e.size) return;
      s.index++;
      s.written = 0;
      s.headerOut = false;
    }
  };

  const write = (s: Session, data: Buffer) => {
    if (s.entries === undefined) {
      s.body.write(data);
      return;
    }
    let rest = data;
    while (rest.length > 0) {
      const e = s.entries[s.index] as ManifestEntry;
      const take = Math.min(e.size - s.written, rest.length);
      s.body.write(rest.subarray(0, take));
      s.written += take;
      rest = rest.subarray(take);
      if (s.written === e.size) {
        s.body.write(tarPadding(e.size));
        s.index++;
        s.written = 0;
        s.headerOut = false;
        advance(s);
      }
    }
  };

  return {
    size: () => sessions.size,

    async begin({ target, dir: rawDir, entries, tarSize }) {
      if (sessions.size >= MAX_SESSIONS) {
        throw new ApiError({
          code: 'conflict',
          message: `${MAX_SESSIONS} uploads are already open.`,
          hint: 'Wait for one to finish.',
        });
      }
      const dir = safePath(rawDir);
      const manifest = entries?.map((e) => ({
        ...e,
        path: safeRelative(e.path),
        size: e.type === 'file' ? e.size : 0,
      }));
      const docker = engine.docker();
      const place = await resolvePlace(docker, pool, target, engine.info()?.kind);
      let destination = dir;
      if (place.via === 'archive') {
        const st = await statByArchive(docker, place, dir);
        if (st.type !== 'dir') throw new ApiError({ code: 'invalid-input', message: `"${dir}" is not a folder.` });
      } else {
        destination = (await runScript(docker, pool, place, 'resolveDir', [inPlace(place, dir)], dir)).stdout.toString(
          'utf8',
        );
      }
      const body = new PassThrough({ highWaterMark: 2 * UPLOAD_CHUNK_BYTES });
      const s: Session = {
        id: randomBytes(16).toString('hex'),
        docker,
        place,
        dir,
        destination,
        body,
        settled: Promise.resolve(),
        finished: false,
        total: tarSize ?? (manifest ?? []).reduce((n, e) => n + e.size, 0),
        received: 0,
        ...(manifest ? { entries: manifest } : {}),
        index: 0,
        written: 0,
        headerOut: false,
        files: 0,
        busy: false,
        release: pool.hold(place.containerId),
      };
      s.settled = docker
        .getContainer(place.containerId)
        .putArchive(body as unknown as NodeJS.ReadableStream, { path: destination })
        .then(
          () => {
            s.finished = true;
          },
          (error: unknown) => {
            s.failure = error;
            body.destroy();
          },
        );
      sessions.set(s.id, s);
      if (manifest) advance(s);
      touch(s);
      return { id: s.id, chunkBytes: UPLOAD_CHUNK_BYTES, total: s.total };
    },

    async chunk({ id, offset, base64 }) {
      const s = get(id);
      if (s.busy)
        throw new ApiError({
          code: 'conflict',
          message: 'The previous part of this upload is still being written.',
          hint: 'Send the parts one after another.',
        });
      if (offset !== s.received)
        throw new ApiError({
          code: 'invalid-input',
          message: `This part starts at byte ${offset}, but ${s.received} bytes have arrived so far.`,
        });
      const data = Buffer.from(base64, 'base64');
      if (s.received + data.length > s.total) {
        await stop(s);
        throw new ApiError({
          code: 'invalid-input',
          message: `The upload sent more than the ${s.total} bytes it announced, so it was stopped.`,
        });
      }
      if (s.failure !== undefined) {
        await stop(s);
        failed(s);
      }
      s.busy = true;
      try {
        write(s, data);
        s.received += data.length;
        touch(s);
        // Answer once the engine has taken the bytes (or failed).
        while (s.body.writableNeedDrain && s.failure === undefined && !s.finished)
          await Promise.race([once(s.body, 'drain'), s.settled]);
      } finally {
        s.busy = false;
      }
      if (s.failure !== undefined) {
        await stop(s);
        failed(s);
      }
      return { received: s.received };
    },

    async commit({ id }) {
      const s = get(id);
      if (s.received !== s.total) {
        throw new ApiError({
          code: 'invalid-input',
          message: `The upload is not complete: ${s.received} of ${s.total} bytes arrived.`,
        });
      }
      sessions.delete(id);
      clearTimeout(s.timer);
      if (s.entries) s.body.end(TAR_END);
      else s.body.end();
      await s.settled;
      s.release();
      if (s.failure !== undefined) failed(s);
      const image = await pool.image(s.docker).catch(() => undefined);
      const local = s.entries
        ? s.entries.length === 1
          ? (s.entries[0]?.path ?? 'upload')
          : 'upload.tar'
        : 'backup.tar';
      return {
        files: s.entries ? s.files : 0,
        bytes: s.received,
        commands: [copyCommand(s.place, image, s.dir, local, 'to')],
      };
    },

    async abort({ id }) {
      const s = sessions.get(id);
      if (s === undefined) return { aborted: false };
      await stop(s);
      return { aborted: true };
    },
  };
}
