// Folders picked in the browser, copied to this machine to be built: one
// temporary folder per pick, written a file (or part of one) at a time,
// removed when aborted or after an hour without use.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { ApiError } from '../../api/errors';
import type { ServiceHandlers } from '../../transport/handlers';

const IDLE_MS = 60 * 60_000;
const MAX_BYTES = 512 * 1024 * 1024;
const MAX_SESSIONS = 8;

interface Session {
  dir: string;
  bytes: number;
  timer: NodeJS.Timeout;
}

export function createBuildContextService(): ServiceHandlers<
  'build.contextBegin' | 'build.contextChunk' | 'build.contextAbort'
> & { dispose(): Promise<void> } {
  const sessions = new Map<string, Session>();

  const drop = async (id: string): Promise<boolean> => {
    const s = sessions.get(id);
    if (s === undefined) return false;
    sessions.delete(id);
    clearTimeout(s.timer);
    await rm(s.dir, { recursive: true, force: true });
    return true;
  };
  const touch = (id: string, s: Session) => {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => void drop(id), IDLE_MS);
    s.timer.unref();
  };
  const session = (id: string): Session => {
    const s = sessions.get(id);
    if (s === undefined)
      throw new ApiError({
        code: 'not-found',
        message: 'This picked folder is no longer on the runtime: pick it again.',
        key: 'images.contextGone',
      });
    touch(id, s);
    return s;
  };

  return {
    requests: {
      'build.contextBegin': async () => {
        // The oldest pick makes room for a new one.
        if (sessions.size >= MAX_SESSIONS) await drop(sessions.keys().next().value!);
        const id = randomBytes(16).toString('hex');
        const dir = await mkdtemp(join(tmpdir(), 'wharf-context-'));
        const s: Session = { dir, bytes: 0, timer: setTimeout(() => {}, 0) };
        sessions.set(id, s);
        touch(id, s);
        return { id, dir };
      },
      'build.contextChunk': async ({ id, path, base64, append }) => {
        const s = session(id);
        const bytes = Buffer.from(base64, 'base64');
        if (s.bytes + bytes.length > MAX_BYTES) {
          throw new ApiError({
            code: 'invalid-input',
            message: `The folder is larger than ${MAX_BYTES / 1024 / 1024} MB: list what the build does not need in .dockerignore, or build it from a folder on the runtime's machine.`,
            key: 'images.contextTooLarge',
            params: { limit: String(MAX_BYTES / 1024 / 1024) },
          });
        }
        const file = resolve(s.dir, ...path.split('/'));
        if (!file.startsWith(s.dir + sep))
          throw new ApiError({ code: 'invalid-input', message: 'A path must stay inside the folder.' });
        await mkdir(dirname(file), { recursive: true });
        await (append ? appendFile(file, bytes) : writeFile(file, bytes, { flag: 'wx' }));
        s.bytes += bytes.length;
        return { bytes: s.bytes };
      },
      'build.contextAbort': async ({ id }) => ({ aborted: await drop(id) }),
    },
    subscriptions: {},
    dispose: async () => {
      await Promise.all([...sessions.keys()].map((id) => drop(id)));
    },
  };
}
