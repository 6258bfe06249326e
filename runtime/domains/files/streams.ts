// Streams the files service passes between the engine and the user: the one
// file of an archive, a stream that ends with its source's work, the rest
// after a status line, a folder on the runtime's machine as tar, and a
// download saved into a file on the runtime's machine.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, readdir, readlink, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../api/errors';
import { baseName } from './paths';
import { TAR_END, type TarEvent, tarEvents, tarHeader, tarPadding } from './tar';

/**
 * The one file a `docker cp`-style archive holds: its size from the entry's
 * header, then its content in the pieces it arrives in (never whole).
 */
export async function fileInTar(tar: Readable, path: string): Promise<{ size: number; stream: Readable }> {
  const events = tarEvents(tar as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let first: TarEvent | undefined;
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) throw new ApiError({ code: 'not-found', message: `"${path}" does not exist.` });
      if (next.value.kind === 'entry') {
        first = next.value;
        break;
      }
    }
    if (first.header.type !== 'file') {
      throw new ApiError({
        code: 'invalid-input',
        message: `"${path}" is not a file.`,
        hint: 'Download a folder as tar or zip.',
      });
    }
  } catch (error) {
    tar.destroy();
    throw error;
  }
  async function* content(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const next = await events.next();
        if (next.done || next.value.kind === 'end' || next.value.kind === 'entry') return;
        yield next.value.chunk;
      }
    } finally {
      tar.destroy();
    }
  }
  const stream = Readable.from(content());
  stream.once('close', () => tar.destroy());
  return { size: first.header.size, stream };
}

/** `source` as a stream that ends only once `done` resolved (and fails when it rejects); stopping it stops `source`. */
export function endingWith(source: Readable, done: Promise<void>): Readable {
  const stream = Readable.from(
    (async function* () {
      for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
      await done;
    })(),
  );
  stream.once('close', () => source.destroy());
  return stream;
}

/**
 * The first line of a stream (at most 64 bytes) and the rest of it as a
 * stream that ends once `done` resolved; undefined when it ends first.
 */
export async function afterFirstLine(
  source: Readable,
  done: Promise<void>,
): Promise<{ line: string; rest: Readable } | undefined> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  let newline = -1;
  while (newline < 0 && head.length <= 64) {
    const next = await chunks.next();
    if (next.done) return undefined;
    head = Buffer.concat([head, next.value]);
    newline = head.indexOf(10);
  }
  if (newline < 0) {
    source.destroy();
    return undefined;
  }
  const rest = head.subarray(newline + 1);
  async function* body(): AsyncGenerator<Buffer> {
    if (rest.length > 0) yield rest;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      yield next.value;
    }
    await done;
  }
  const stream = Readable.from(body());
  // Stopped early: stop the source too (the exec's stream), even while body() waits on it.
  stream.once('close', () => source.destroy());
  return { line: head.subarray(0, newline).toString('utf8').trim(), rest: stream };
}

/** A file or folder on the runtime's machine as a tar stream, read as it goes. */
export async function* localTar(root: string, counts: { files: number; bytes: number }): AsyncGenerator<Buffer> {
  async function* walk(abs: string, rel: string): AsyncGenerator<Buffer> {
    const st = await lstat(abs);
    const base = { mode: st.mode & 0o7777, mtime: Math.floor(st.mtimeMs / 1000) };
    if (st.isDirectory()) {
      yield tarHeader({ path: rel, type: 'dir', ...base }, 0);
      for (const name of (await readdir(abs)).sort()) yield* walk(join(abs, name), `${rel}/${name}`);
    } else if (st.isFile()) {
      counts.files++;
      counts.bytes += st.size;
      yield tarHeader({ path: rel, type: 'file', ...base }, st.size);
      let sent = 0;
      const { createReadStream } = await import('node:fs');
      for await (const chunk of createReadStream(abs) as AsyncIterable<Buffer>) {
        const part = chunk.subarray(0, Math.max(0, st.size - sent));
        sent += part.length;
        yield part;
      }
      if (sent < st.size) throw new Error(`${abs} shrank while it was being uploaded`);
      yield tarPadding(st.size);
    } else if (st.isSymbolicLink()) {
      // Links are not uploaded: on the other side they could point anywhere.
      await readlink(abs);
    }
  }
  const name = baseName(root.replace(/[\\/]+$/, '')) || 'upload';
  yield* walk(root, name);
  yield TAR_END;
}

/**
 * Saves a download into `file`: written under a temporary name beside it
 * (readable by this user only), renamed to `file` once every byte arrived
 * and `done` resolved. A download that fails or is cancelled leaves no
 * partial file behind, and a file already at `file` as it was. Cancelling
 * (`signal`) stops the copy and the source.
 */
export async function saveStream(
  stream: Readable,
  done: Promise<void>,
  file: string,
  signal?: AbortSignal,
): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.wharf-part`);
  const writing = pipeline(stream, createWriteStream(temp, { mode: 0o600, flags: 'wx' }), signal ? { signal } : {});
  try {
    await Promise.all([writing, done]);
    // Cancelled after the last byte but before the rename: still cancelled.
    signal?.throwIfAborted();
    await rename(temp, file);
  } catch (error) {
    // Stop writing first (the source may still be flowing when `done` failed), then remove what was written.
    stream.destroy();
    await writing.catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
