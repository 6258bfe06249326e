// Downloads read a chunk at a time: the UI asks for the next part when it has
// taken the last, so a slow reader slows the engine stream instead of piling
// bytes up in between. A download left unread for IDLE_MS is closed.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { UPLOAD_CHUNK_BYTES } from '../../api/domains/files';
import { ApiError } from '../../api/errors';

const IDLE_MS = 120_000;
const MAX_SESSIONS = 16;

export interface OpenedDownload {
  name: string;
  stream: Readable;
  /** Rejects when the source failed (a non-zero exit, an engine error). */
  done: Promise<void>;
}

interface Session {
  id: string;
  iterator: AsyncIterator<Buffer>;
  stream: Readable;
  done: Promise<void>;
  pending: Buffer[];
  buffered: number;
  ended: boolean;
  bytes: number;
  busy: boolean;
  timer?: NodeJS.Timeout;
}

export interface DownloadSessions {
  open(opened: OpenedDownload): { id: string; name: string };
  read(id: string): Promise<{ base64: string; done: boolean; bytes: number }>;
  close(id: string): { closed: boolean };
  size(): number;
}

export function createDownloadSessions(): DownloadSessions {
  const sessions = new Map<string, Session>();

  const close = (s: Session) => {
    sessions.delete(s.id);
    clearTimeout(s.timer);
    s.stream.destroy();
    // A source stopped early may report it; nobody waits for it any more.
    s.done.catch(() => {});
  };

  const touch = (s: Session) => {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => close(s), IDLE_MS);
    s.timer.unref();
  };

  return {
    size: () => sessions.size,
    open({ name, stream, done }) {
      if (sessions.size >= MAX_SESSIONS) {
        stream.destroy();
        done.catch(() => {});
        throw new ApiError({ code: 'conflict', message: `${MAX_SESSIONS} downloads are already open.`, hint: 'Wait for one to finish.' });
      }
      const s: Session = {
        id: randomBytes(16).toString('hex'),
        iterator: (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator](),
        stream,
        done,
        pending: [],
        buffered: 0,
        ended: false,
        bytes: 0,
        busy: false,
      };
      sessions.set(s.id, s);
      touch(s);
      return { id: s.id, name };
    },
    async read(id) {
      const s = sessions.get(id);
      if (s === undefined) throw new ApiError({ code: 'not-found', message: 'This download is no longer open (it finished, was stopped, or waited too long).', hint: 'Start it again.' });
      if (s.busy) throw new ApiError({ code: 'conflict', message: 'The previous part of this download is still being read.' });
      s.busy = true;
      try {
        while (!s.ended && s.buffered < UPLOAD_CHUNK_BYTES) {
          const next = await s.iterator.next();
          if (next.done === true) {
            s.ended = true;
            await s.done;
          } else {
            s.pending.push(next.value);
            s.buffered += next.value.length;
          }
        }
      } catch (error) {
        close(s);
        throw error;
      } finally {
        s.busy = false;
      }
      const all = Buffer.concat(s.pending);
      const part = all.subarray(0, UPLOAD_CHUNK_BYTES);
      const rest = all.subarray(part.length);
      s.pending = rest.length > 0 ? [rest] : [];
      s.buffered = rest.length;
      s.bytes += part.length;
      const done = s.ended && s.buffered === 0;
      if (done) close(s);
      else touch(s);
      return { base64: part.toString('base64'), done, bytes: s.bytes };
    },
    close(id) {
      const s = sessions.get(id);
      if (s === undefined) return { closed: false };
      close(s);
      return { closed: true };
    },
  };
}
