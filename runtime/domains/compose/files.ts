// The compose files a user opened: a JSON list in Wharf's data folder,
// written atomically. Pasted content is kept as <dataDir>/compose/<id>/compose.yaml.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ApiError } from '../../api/errors';
import { MAX_COMPOSE_FILE_BYTES } from './contract';
import { declaredName, projectNameFromDir } from './model';
import type { ComposeFileRef } from './types';

/** The names compose looks for in a folder, in its order. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

const Stored = z.array(
  z.object({
    id: z.string().regex(/^[a-f0-9]{16}$/),
    path: z.string().min(1),
    origin: z.enum(['path', 'content']),
    project: z.string().min(1),
    openedAt: z.number(),
  }),
);

/** Writes a file through a temporary one beside it and a rename, keeping the old file's mode. */
export async function writeAtomic(path: string, content: string, mode?: number): Promise<void> {
  const keep =
    mode ??
    (await fs.stat(path).then(
      (s) => s.mode & 0o7777,
      () => 0o644,
    ));
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content, { mode: keep });
    await fs.chmod(temp, keep);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

/** The project name a file declares (`name:`), when it can be read. */
async function nameIn(file: string): Promise<string | undefined> {
  try {
    return declaredName(parse(await fs.readFile(file, 'utf8')));
  } catch {
    // A file that does not parse yet is still opened (to be fixed in the editor).
    return undefined;
  }
}

function notOpened(): ApiError {
  return new ApiError({
    code: 'not-found',
    message: 'That compose file is not open in Wharf.',
    key: 'compose.fileNotOpen',
  });
}

export interface ComposeFilesStore {
  list(): Promise<ComposeFileRef[]>;
  get(id: string): Promise<ComposeFileRef>;
  openPath(path: string): Promise<ComposeFileRef>;
  openContent(project: string, content: string): Promise<ComposeFileRef>;
  forget(id: string): Promise<void>;
  read(id: string): Promise<{ path: string; content: string }>;
}

export function createComposeFilesStore(dataDir: string): ComposeFilesStore {
  const root = join(dataDir, 'compose');
  const listFile = join(root, 'files.json');
  let queue: Promise<unknown> = Promise.resolve();
  /** One change at a time, so two opens never lose each other's entry. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => {});
    return next;
  };

  async function load(): Promise<ComposeFileRef[]> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await fs.readFile(listFile, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }
  async function store(list: ComposeFileRef[]): Promise<void> {
    await fs.mkdir(root, { recursive: true });
    await writeAtomic(listFile, `${JSON.stringify(list, null, 2)}\n`, 0o600);
  }
  async function get(id: string): Promise<ComposeFileRef> {
    const ref = (await load()).find((f) => f.id === id);
    if (!ref) throw notOpened();
    return ref;
  }
  async function add(ref: Omit<ComposeFileRef, 'id' | 'openedAt'>): Promise<ComposeFileRef> {
    return serial(async () => {
      const list = await load();
      const same = list.find((f) => f.path === ref.path);
      if (same) return same;
      const entry: ComposeFileRef = { ...ref, id: randomBytes(8).toString('hex'), openedAt: Date.now() };
      await store([...list, entry]);
      return entry;
    });
  }

  return {
    list: load,
    get,
    async openPath(path) {
      const full = resolve(path);
      const stat = await fs.stat(full).catch(() => undefined);
      if (!stat) {
        throw new ApiError({
          code: 'not-found',
          message: `${full} does not exist.`,
          key: 'compose.pathMissing',
          params: { path: full },
        });
      }
      let file = full;
      if (stat.isDirectory()) {
        const names = await fs.readdir(full);
        const found = COMPOSE_FILE_NAMES.find((n) => names.includes(n));
        if (!found) {
          throw new ApiError({
            code: 'not-found',
            message: `${full} holds no compose file (${COMPOSE_FILE_NAMES.join(', ')}).`,
            key: 'compose.noFileInFolder',
            params: { path: full },
          });
        }
        file = join(full, found);
      } else if (stat.size > MAX_COMPOSE_FILE_BYTES) {
        throw new ApiError({
          code: 'invalid-input',
          message: `${full} is too large to be a compose file.`,
          key: 'compose.fileTooLarge',
        });
      }
      return add({ path: file, origin: 'path', project: (await nameIn(file)) ?? projectNameFromDir(dirname(file)) });
    },
    async openContent(project, content) {
      const id = randomBytes(8).toString('hex');
      const dir = join(root, id);
      await fs.mkdir(dir, { recursive: true });
      const path = join(dir, 'compose.yaml');
      await writeAtomic(path, content, 0o644);
      return serial(async () => {
        const entry: ComposeFileRef = { id, path, origin: 'content', project, openedAt: Date.now() };
        await store([...(await load()), entry]);
        return entry;
      });
    },
    forget(id) {
      return serial(async () => {
        const list = await load();
        const ref = list.find((f) => f.id === id);
        if (!ref) throw notOpened();
        await store(list.filter((f) => f.id !== id));
        // Only Wharf's own copy of pasted content is deleted; a user's file stays.
        if (ref.origin === 'content') await fs.rm(join(root, id), { recursive: true, force: true });
      });
    },
    async read(id) {
      const ref = await get(id);
      const content = await fs.readFile(ref.path, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new ApiError({
          code: 'not-found',
          message: `${ref.path} cannot be read: ${e.code ?? e.message}.`,
          key: 'compose.fileUnreadable',
          params: { path: ref.path, reason: e.code ?? e.message },
        });
      });
      return { path: ref.path, content };
    },
  };
}
