// Reading and writing file content: text/binary detection, and the atomic
// save (upload a temp file beside the target, then one script checks it is
// whole and the original unchanged, and renames it into place).
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { FileContent, FileEntry } from './types';
import type { HelperPool } from './helper';
import { parseStatLine, statByArchive } from './listing';
import { baseName, joinPath, parentOf } from './paths';
import { type Place, inPlace, runScript } from './place';
import { notRegular } from './scripts';
import { type TarHeader, readTar, tarArchive } from './tar';

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text when it holds no NUL byte and decodes as UTF-8. */
export function decodeText(data: Buffer): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
}

function toContent(entry: FileEntry, data: Buffer | undefined, limit: number): FileContent {
  if (data === undefined) return { kind: 'too-large', entry, limit };
  const text = decodeText(data);
  const hash = sha256(data);
  return text === undefined ? { kind: 'binary', entry, sha256: hash } : { kind: 'text', entry, text, sha256: hash };
}

export async function readFile(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  path: string,
  limit: number,
): Promise<FileContent> {
  if (place.via === 'archive') {
    const entry = await statByArchive(docker, place, path);
    if (entry.type === 'dir')
      throw new ApiError({ code: 'invalid-input', message: `"${path}" is a folder, not a file.` });
    if (entry.type === 'other') throw notRegular(path);
    if (entry.size > limit) return { kind: 'too-large', entry, limit };
    // Larger in the archive than it was a moment ago (a volume another container writes to): too large all the same.
    return toContent(entry, await archiveFileBytes(docker, place, path, limit), limit);
  }
  const { stdout } = await runScript(
    docker,
    pool,
    place,
    'read',
    [inPlace(place, path), String(limit)],
    path,
    limit + 4096,
  );
  const newline = stdout.indexOf(0x0a);
  const fields = parseStatLine(stdout.subarray(0, newline < 0 ? stdout.length : newline).toString('utf8'));
  if (fields === undefined) throw new ApiError({ code: 'engine', message: `Could not read "${path}".` });
  const entry: FileEntry = { name: baseName(path), path, ...fields };
  return toContent(entry, fields.size > limit ? undefined : stdout.subarray(newline + 1), limit);
}

/** One file's bytes from the archive API (stopped containers); undefined when it holds more than `limit`. */
export async function archiveFileBytes(
  docker: Docker,
  place: Place,
  path: string,
  limit: number,
): Promise<Buffer | undefined> {
  const stream = (await docker.getContainer(place.containerId).getArchive({ path })) as unknown as Readable;
  let data: Buffer | undefined = Buffer.alloc(0);
  try {
    await readTar(
      stream,
      (h, d) => {
        data = h.size > limit ? undefined : (d ?? Buffer.alloc(0));
        return false;
      },
      (h) => h.size <= limit,
    );
  } finally {
    stream.destroy();
  }
  return data;
}

export interface Expected {
  size: number;
  mtime: number;
  sha256?: string;
}

export interface WriteOptions {
  /** Tests: the body sent to the engine in place of the temp file's tar (to cut it halfway). */
  body?: (tar: Buffer) => Readable;
}

/**
 * Saves `data` at `path` atomically. `expected`: undefined overwrites, null
 * requires that nothing is there yet, a value requires the file unchanged.
 */
export async function writeFile(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  path: string,
  data: Buffer,
  expected: Expected | null | undefined,
  options: WriteOptions = {},
): Promise<{ entry: FileEntry; sha256: string }> {
  if (path === '/')
    throw new ApiError({ code: 'invalid-input', message: 'The root folder cannot be written as a file.' });
  if (place.via === 'archive') return writeByArchive(docker, place, path, data, expected, options);
  const dir = parentOf(path);
  const resolved = await runScript(docker, pool, place, 'resolveDir', [inPlace(place, dir)], dir);
  const realDir = resolved.stdout.toString('utf8');
  const temp = `.wharf-save-${randomBytes(6).toString('hex')}`;
  const tempPath = joinPath(realDir, temp);
  const tar = tarArchive([{ path: temp, type: 'file', data, mode: 0o600 }]);
  const hash = sha256(data);
  try {
    const body = options.body ? options.body(tar) : tar;
    await docker.getContainer(place.containerId).putArchive(body, { path: realDir });
  } catch (error) {
    await runScript(docker, pool, place, 'removeTemp', [tempPath], path).catch(() => {});
    throw error;
  }
  const mode = expected === null ? 'new' : expected === undefined ? 'any' : 'check';
  // A refused commit (a link leading out, say) must not leave the temp file behind.
  const { stdout } = await runScript(
    docker,
    pool,
    place,
    'commit',
    [
      inPlace(place, path),
      tempPath,
      mode,
      String(expected?.size ?? ''),
      String(expected?.mtime ?? ''),
      String(data.length),
      hash,
      expected?.sha256 ?? '',
    ],
    path,
  ).catch(async (error: unknown) => {
    await runScript(docker, pool, place, 'removeTemp', [tempPath], path).catch(() => {});
    throw error;
  });
  const fields = parseStatLine(stdout.toString('utf8').split('\n')[0] ?? '');
  if (fields === undefined)
    throw new ApiError({ code: 'engine', message: `Saved "${path}", but could not read its details back.` });
  return { entry: { name: baseName(path), path, ...fields }, sha256: hash };
}

/** One file's tar header (owner, mode, mtime) and bytes, from the archive API. */
async function archiveFile(docker: Docker, place: Place, path: string): Promise<{ header: TarHeader; data: Buffer }> {
  const stream = (await docker.getContainer(place.containerId).getArchive({ path })) as unknown as Readable;
  let found: { header: TarHeader; data: Buffer } | undefined;
  try {
    await readTar(
      stream,
      (header, data) => {
        found = { header, data: data ?? Buffer.alloc(0) };
        return false;
      },
      () => true,
    );
  } finally {
    stream.destroy();
  }
  if (found === undefined) throw new ApiError({ code: 'engine', message: `The engine sent nothing for "${path}".` });
  return found;
}

const changed = (path: string) =>
  new ApiError({
    code: 'conflict',
    message: `"${path}" changed underneath you since you opened it.`,
    hint: 'Reload it to see the new content, or save under another name.',
  });

/**
 * A stopped container has no process to rename a temp file with, so the save
 * is one PUT of the whole file through the archive API (the engine keeps the
 * folder inside the container; nothing in the container runs meanwhile).
 * The engines write an archive's file in place, so a PUT cut halfway leaves
 * it short: Wharf reads the old file first and, if the new one does not
 * arrive whole, puts the old one back (same bytes, mode, owner, mtime). Only
 * an engine unreachable for both requests leaves the file short, and the
 * error then says so.
 */
async function writeByArchive(
  docker: Docker,
  place: Place,
  path: string,
  data: Buffer,
  expected: Expected | null | undefined,
  options: WriteOptions,
): Promise<{ entry: FileEntry; sha256: string }> {
  const existing = await statByArchive(docker, place, path).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return undefined;
    throw error;
  });
  if (existing?.type === 'dir')
    throw new ApiError({ code: 'invalid-input', message: `"${path}" is a folder, not a file.` });
  if (existing?.type === 'symlink') {
    throw new ApiError({
      code: 'invalid-input',
      message: `"${path}" is a symbolic link${existing.linkTarget ? ` to "${existing.linkTarget}"` : ''}; in a stopped container Wharf saves only plain files.`,
      hint: 'Open the file the link points to, or start the container.',
    });
  }
  if (expected === null && existing !== undefined)
    throw new ApiError({ code: 'conflict', message: `"${path}" already exists.`, hint: 'Choose another name.' });
  if (expected) {
    if (existing === undefined || existing.size !== expected.size || existing.mtime !== expected.mtime)
      throw changed(path);
  }
  // The old file, kept to put back if the new one does not arrive whole.
  const old = existing ? await archiveFile(docker, place, path) : undefined;
  if (expected?.sha256 !== undefined && old !== undefined && sha256(old.data) !== expected.sha256) throw changed(path);
  const entryFor = (content: Buffer, mtime?: number) =>
    tarArchive([
      {
        path: baseName(path),
        type: 'file',
        data: content,
        mode: old?.header.mode ?? 0o644,
        ...(old ? { uid: old.header.uid, gid: old.header.gid } : {}),
        ...(mtime !== undefined ? { mtime } : {}),
      },
    ]);
  // copyUIDGID keeps the owner the file had (Docker; Podman writes root's).
  const put = (body: Buffer | Readable) =>
    docker.getContainer(place.containerId).putArchive(body, {
      path: parentOf(path),
      ...(old ? { copyUIDGID: '1' } : {}),
    });
  const tar = entryFor(data);
  try {
    await put(options.body ? options.body(tar) : tar);
  } catch (error) {
    if (old === undefined) throw error;
    const restored = await put(entryFor(old.data, old.header.mtime)).then(
      () => true,
      () => false,
    );
    throw new ApiError({
      code: 'engine',
      message: restored
        ? `The new content of "${path}" did not arrive whole, so the file was put back as it was.`
        : `The new content of "${path}" did not arrive whole, and the old content could not be put back: the file may be incomplete.`,
      hint: `Try saving again. (${error instanceof Error ? error.message : String(error)})`,
    });
  }
  return { entry: await statByArchive(docker, place, path), sha256: sha256(data) };
}
