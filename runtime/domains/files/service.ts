// Files in volumes and containers: the contract's 'files.*' handlers.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { dockerCommand } from '../../api/docker-cli';
import { ApiError } from '../../api/errors';
import type { FileChangeResult, FileTarget } from './types';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { readFile, writeFile } from './content';
import { type HelperPool, removeStaleHelpers } from './helper';
import { type Page, listByArchive, listByExec, statByArchive, statByExec } from './listing';
import { releaseOnEvent, releaseStaleMount } from './mounted';
import { baseName, joinPath, parentOf, safeName, safePath, safeRelative } from './paths';
import { type Place, commandFor, copyCommand, inPlace, resolvePlace, runScript, streamScript } from './place';
import { scriptError } from './scripts';
import { tarArchive } from './tar';
import { type UploadSessions, createUploadSessions } from './upload';
import { execStream } from './exec';
import { tarToZip } from './zip';
import { afterFirstLine, endingWith, fileInTar, localTar, saveStream } from './streams';
import { canChangeStopped, deleteCommands, deleteStopped, renameCommands, renameStopped } from './stopped';
import { type SnapshotPool, createSnapshotPool, removeStaleSnapshots } from './snapshot';

type Docker_ = Docker;

export type FilesRequests =
  | 'files.list'
  | 'files.stat'
  | 'files.read'
  | 'files.write'
  | 'files.upload'
  | 'files.uploadBegin'
  | 'files.uploadChunk'
  | 'files.uploadCommit'
  | 'files.uploadAbort'
  | 'files.downloadTo'
  | 'files.mkdir'
  | 'files.rename'
  | 'files.delete';

/** A stream read from the engine; `done` rejects when the source failed (a non-zero exit, an engine error). */
export interface OpenedDownload {
  name: string;
  stream: Readable;
  done: Promise<void>;
  /** A single file's exact size, read before its first byte (absent when it is not a regular file). */
  size?: number;
  /** Folders: the archive's size estimated from a listing, made alongside the stream (undefined when it could not be). */
  estimate?: Promise<number | undefined>;
  /** A zip: bytes of the tar it is made from read so far (what `estimate` estimates). */
  read?: () => number;
}

export interface FilesService extends ServiceHandlers<FilesRequests> {
  /** Opens a download stream (the downloads service and tests use it). */
  openDownload(target: FileTarget, path: string, format: 'raw' | 'tar' | 'zip'): Promise<OpenedDownload>;
  /** A whole volume as the tar an export writes (entries "./…"). */
  openVolumeExport(name: string): Promise<OpenedDownload>;
  /** The docker command that copies `path` out of the target into `local`. */
  commandFor(target: FileTarget, path: string, local: string, file?: boolean): Promise<string>;
  uploads: UploadSessions;
  /** Read-only snapshots that list stopped Docker containers' folders. */
  snapshots: SnapshotPool;
  /** Removes the snapshots (their helpers and images). */
  dispose(): Promise<void>;
}

export function createFilesService(engine: Engine, pool: HelperPool): FilesService {
  const place = async (docker: Docker_, target: FileTarget) => resolvePlace(docker, pool, target, engine.info()?.kind);
  const image = async (docker: Docker_) => pool.image(docker).catch(() => undefined);
  const uploads = createUploadSessions(engine, pool);
  const snapshots = createSnapshotPool();
  // Helpers (and snapshot images) a crashed run left behind go when the engine connects (the first time and after a reconnect).
  engine.onConnected(() => {
    void Promise.resolve()
      .then(() => {
        const docker = engine.docker();
        return removeStaleHelpers(docker, Date.now(), (helper) => releaseStaleMount(docker, helper));
      })
      .then(() => removeStaleSnapshots(engine.docker()))
      .catch(() => {});
  });
  // A stopped container's helper goes when the container starts or is removed.
  engine.onEvent((event) => releaseOnEvent(pool, event));
  // A container started, removed, or copied into (by Wharf or by `docker cp`): its snapshot is out of date.
  engine.onEvent((event) => snapshots.onEvent(event));
  /** Before a change to a container's files is reported done, so the next listing sees it. */
  const changed = async (target: FileTarget) => {
    if (target.kind !== 'container' || snapshots.empty()) return;
    const info = (await engine
      .docker()
      .getContainer(target.id)
      .inspect()
      .catch(() => undefined)) as { Id: string } | undefined;
    await (info === undefined ? snapshots.dropAll() : snapshots.drop(info.Id));
  };
  /** A handler that changes files: the target's snapshot is dropped when it is done (or failed halfway). */
  const changing =
    <I extends { target: FileTarget }, O>(handler: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      try {
        return await handler(input);
      } finally {
        await changed(input.target);
      }
    };

  /** A stopped Docker container's folder from its snapshot (one retry when the snapshot's helper vanished), else from the archive. */
  async function listStopped(
    docker: Docker_,
    p: Place,
    path: string,
    offset: number,
    limit: number,
    showHidden: boolean,
  ): Promise<Page & { snapshot?: true }> {
    if (canChangeStopped(engine.info()?.kind)) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const snap = await snapshots.place(docker, pool, p);
        if (snap === undefined) break;
        try {
          return { ...(await listByExec(docker, pool, snap, path, offset, limit, showHidden)), snapshot: true };
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          if (attempt > 0 || (status !== 404 && status !== 409)) throw error;
          await snapshots.drop(p.containerId);
        }
      }
    }
    return listByArchive(docker, p, path, offset, limit, showHidden);
  }

  /** A whole volume as the tar an export writes (entries "./…"), from the volume's helper. */
  async function openVolumeExport(name: string): Promise<OpenedDownload> {
    const docker = engine.docker();
    const p = await place(docker, { kind: 'volume', name });
    const release = pool.hold(p.containerId);
    const exec = await execStream(docker, p.containerId, ['tar', '-C', p.root, '-cf', '-', '.']).catch(
      (error: unknown) => {
        release();
        throw error;
      },
    );
    void exec.done.finally(release).catch(() => {});
    const done = exec.done.then((r) => {
      if (r.exitCode !== 0)
        throw new ApiError({
          code: 'engine',
          message: `Exporting "${name}" failed: ${r.stderr || `exit ${r.exitCode}`}`,
        });
    });
    done.catch(() => {});
    return { name: `${name}.tar`, stream: exec.stdout, done, estimate: estimateArchive(docker, p, '/') };
  }

  /** Not running (a paused container has /proc, /dev and its other mounts live: it is left alone). */
  const stoppedNow = async (docker: Docker_, p: Place) =>
    ((await docker.getContainer(p.containerId).inspect()) as { State?: { Running?: boolean } }).State?.Running !== true;

  /** A stopped container on an engine where Wharf renames and deletes through the archive endpoint (see stopped.ts). */
  async function stoppedPlace(target: FileTarget): Promise<{ docker: Docker_; place: Place } | undefined> {
    if (target.kind !== 'container' || !canChangeStopped(engine.info()?.kind)) return undefined;
    const docker = engine.docker();
    const p = await place(docker, target);
    return p.via === 'archive' && (await stoppedNow(docker, p)) ? { docker, place: p } : undefined;
  }

  async function change(
    target: FileTarget,
    path: string,
    argv: (place: Place) => string[],
    work: (docker: Docker_, place: Place) => Promise<void>,
    after?: string,
  ): Promise<FileChangeResult> {
    const docker = engine.docker();
    const p = await place(docker, target);
    await work(docker, p);
    const result: FileChangeResult = { commands: [commandFor(p, await image(docker), argv(p))] };
    if (after !== undefined) {
      result.entry =
        p.via === 'archive' ? await statByArchive(docker, p, after) : await statByExec(docker, pool, p, after);
    }
    return result;
  }

  /** The size TAR would write for `path`, from one listing in the place; undefined when the place cannot say. */
  async function estimateArchive(docker: Docker_, p: Place, path: string): Promise<number | undefined> {
    if (p.via === 'archive') return undefined;
    try {
      const out = await runScript(docker, pool, p, 'archiveSize', [inPlace(p, path)], path, 1024);
      const size = Number(out.stdout.toString('utf8').trim());
      return Number.isSafeInteger(size) && size > 0 ? size : undefined;
    } catch {
      return undefined;
    }
  }

  async function openDownload(
    target: FileTarget,
    rawPath: string,
    format: 'raw' | 'tar' | 'zip',
  ): Promise<OpenedDownload> {
    if (format === 'zip') {
      const tar = await openDownload(target, rawPath, 'tar');
      let read = 0;
      const source = tar.stream;
      async function* counted(): AsyncGenerator<Buffer> {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          read += chunk.length;
          yield chunk;
        }
      }
      const stream = Readable.from(tarToZip(counted()));
      // The zip ends only after the tar did; a failed source fails the zip stream.
      tar.done.catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
      // Stopped early (Cancel, the browser went away): the engine's stream stops too, even while the zip waits on it.
      stream.once('close', () => source.destroy());
      return {
        name: tar.name,
        stream,
        done: tar.done,
        ...(tar.estimate ? { estimate: tar.estimate } : {}),
        read: () => read,
      };
    }
    const path = safePath(rawPath);
    const docker = engine.docker();
    const p = await place(docker, target);
    const name = path === '/' ? (target.kind === 'volume' ? target.name : p.label) : baseName(path);
    if (p.via === 'archive') {
      const tar = (await docker.getContainer(p.containerId).getArchive({ path })) as unknown as Readable;
      if (format === 'raw') return { name, ...(await fileInTar(tar, path)), done: Promise.resolve() };
      return { name, stream: tar, done: new Promise<void>((resolve) => tar.on('close', resolve)) };
    }
    if (format === 'tar') {
      const exec = await streamScript(docker, pool, p, 'tar', [inPlace(p, path)]);
      const done = exec.done.then((r) => {
        if (r.exitCode !== 0) throw scriptError(r.exitCode, r.stderr, path);
      });
      done.catch(() => {});
      // Ends only once the command did, and fails when it failed.
      return { name, stream: endingWith(exec.stdout, done), done, estimate: estimateArchive(docker, p, path) };
    }
    // One file: the script says its size first, so the size and the bytes come from the same look at it.
    const exec = await streamScript(docker, pool, p, 'catSized', [inPlace(p, path)]);
    const done = exec.done.then((r) => {
      if (r.exitCode !== 0) throw scriptError(r.exitCode, r.stderr, path);
    });
    done.catch(() => {});
    // The stream ends only once the command did, and fails when it failed (a folder asked for as a file).
    const sized = await afterFirstLine(exec.stdout, done);
    if (sized === undefined) {
      await done;
      throw new ApiError({ code: 'engine', message: `Could not read "${path}".` });
    }
    const size = /^\d+$/.test(sized.line) ? Number(sized.line) : undefined;
    return { name, stream: sized.rest, done, ...(size !== undefined ? { size } : {}) };
  }

  return {
    openDownload,
    openVolumeExport,
    commandFor: async (target, path, local, file) => {
      const docker = engine.docker();
      return copyCommand(await place(docker, target), await image(docker), safePath(path), local, 'from', file);
    },
    uploads,
    snapshots,
    dispose: () => snapshots.dispose(),
    requests: {
      'files.uploadBegin': (input) => uploads.begin(input),
      'files.uploadChunk': (input) => uploads.chunk(input),
      'files.uploadCommit': async (input) => {
        try {
          return await uploads.commit(input);
        } finally {
          // The session knows its target; whichever container it was, its snapshot is out of date.
          await snapshots.dropAll();
        }
      },
      'files.uploadAbort': (input) => uploads.abort(input),
      'files.list': async ({ target, path: rawPath, offset, limit, showHidden }) => {
        const path = safePath(rawPath);
        const docker = engine.docker();
        const p = await place(docker, target);
        const page =
          p.via === 'archive'
            ? await listStopped(docker, p, path, offset, limit, showHidden)
            : await listByExec(docker, pool, p, path, offset, limit, showHidden);
        // A stopped container cannot run ls: the same listing is its archive, read with tar.
        const command =
          p.via === 'archive'
            ? `${dockerCommand('container.cp', { from: `${p.label}:${path}`, to: '-' })} | tar -tv`
            : commandFor(p, await image(docker), ['ls', '-la', inPlace(p, path)]);
        const { snapshot, ...listed } = page as Page & { snapshot?: true };
        const stopped =
          p.via === 'archive'
            ? {
                renameDelete: canChangeStopped(engine.info()?.kind) && (await stoppedNow(docker, p)),
                ...(snapshot ? { snapshot } : {}),
              }
            : {};
        return { path, ...listed, offset, via: p.via, ...stopped, command };
      },
      'files.stat': async ({ target, path: rawPath }) => {
        const path = safePath(rawPath);
        const docker = engine.docker();
        const p = await place(docker, target);
        return p.via === 'archive' ? statByArchive(docker, p, path) : statByExec(docker, pool, p, path);
      },
      'files.read': async ({ target, path: rawPath, maxBytes }) => {
        const path = safePath(rawPath);
        const docker = engine.docker();
        return readFile(docker, pool, await place(docker, target), path, maxBytes);
      },
      'files.write': changing(async ({ target, path: rawPath, text, base64, expected }) => {
        const path = safePath(rawPath);
        const data = text !== undefined ? Buffer.from(text, 'utf8') : Buffer.from(base64 ?? '', 'base64');
        const docker = engine.docker();
        const p = await place(docker, target);
        const written = await writeFile(docker, pool, p, path, data, expected);
        return { ...written, commands: [copyCommand(p, await image(docker), path, baseName(path), 'to')] };
      }),
      'files.upload': changing(async ({ target, dir: rawDir, entries, localPath }) => {
        const dir = safePath(rawDir);
        const docker = engine.docker();
        const p = await place(docker, target);
        let destination = dir;
        if (p.via !== 'archive') {
          destination = (await runScript(docker, pool, p, 'resolveDir', [inPlace(p, dir)], dir)).stdout.toString(
            'utf8',
          );
        }
        let files = 0;
        let bytes = 0;
        let body: Readable | Buffer;
        if (entries !== undefined) {
          const tarEntries = entries.map((e) => {
            const data = e.type === 'file' ? Buffer.from(e.base64 ?? '', 'base64') : undefined;
            if (data) {
              files++;
              bytes += data.length;
            }
            return {
              path: safeRelative(e.path),
              type: e.type,
              ...(data ? { data } : {}),
              ...(e.mode !== undefined ? { mode: e.mode } : {}),
            };
          });
          body = tarArchive(tarEntries);
        } else {
          const counts = { files: 0, bytes: 0 };
          body = Readable.from(localTar(localPath ?? '', counts));
          await docker.getContainer(p.containerId).putArchive(body, { path: destination });
          files = counts.files;
          bytes = counts.bytes;
          return { files, bytes, commands: [copyCommand(p, await image(docker), dir, localPath ?? '', 'to')] };
        }
        await docker.getContainer(p.containerId).putArchive(body, { path: destination });
        return { files, bytes, commands: [copyCommand(p, await image(docker), dir, 'upload.tar', 'to')] };
      }),
      'files.downloadTo': async ({ target, path, format, file }, context) => {
        const d = await openDownload(target, path, format);
        let bytes = 0;
        d.stream.on('data', (c: Buffer) => (bytes += c.length));
        // Cancelled: the copy stops (its helper or exec is ended) and no partial file is left.
        await saveStream(d.stream, d.done, file, context?.signal);
        const docker = engine.docker();
        const p = await place(docker, target);
        return {
          bytes,
          file,
          commands: [copyCommand(p, await image(docker), safePath(path), file, 'from', format === 'raw')],
        };
      },
      'files.mkdir': changing(async ({ target, path: rawPath }) => {
        const path = safePath(rawPath);
        return change(
          target,
          path,
          (p) => ['mkdir', inPlace(p, path)],
          async (docker, p) => {
            if (p.via === 'archive') {
              const exists = await statByArchive(docker, p, path).then(
                () => true,
                () => false,
              );
              if (exists)
                throw new ApiError({
                  code: 'conflict',
                  message: `"${path}" already exists.`,
                  hint: 'Choose another name.',
                });
              const tar = tarArchive([{ path: baseName(path), type: 'dir' }]);
              await docker.getContainer(p.containerId).putArchive(tar, { path: parentOf(path) });
              return;
            }
            await runScript(docker, pool, p, 'mkdir', [inPlace(p, path)], path);
          },
          path,
        );
      }),
      'files.rename': changing(async ({ target, path: rawPath, name }) => {
        const path = safePath(rawPath);
        if (path === '/') throw new ApiError({ code: 'invalid-input', message: 'The root folder cannot be renamed.' });
        const to = joinPath(parentOf(path), safeName(name));
        const stopped = await stoppedPlace(target);
        if (stopped) {
          await renameStopped(stopped.docker, stopped.place, path, to);
          return {
            commands: renameCommands(stopped.place, path, to),
            entry: await statByArchive(stopped.docker, stopped.place, to),
          };
        }
        return change(
          target,
          path,
          (p) => ['mv', inPlace(p, path), inPlace(p, to)],
          async (docker, p) => {
            await runScript(docker, pool, p, 'rename', [inPlace(p, path), inPlace(p, to)], path);
          },
          to,
        );
      }),
      'files.delete': changing(async ({ target, path: rawPath, recursive }) => {
        const path = safePath(rawPath);
        if (path === '/') throw new ApiError({ code: 'invalid-input', message: 'The root folder cannot be deleted.' });
        const stopped = await stoppedPlace(target);
        if (stopped) {
          await deleteStopped(stopped.docker, stopped.place, path, recursive);
          return { commands: deleteCommands(stopped.place, path) };
        }
        return change(
          target,
          path,
          (p) => (recursive ? ['rm', '-r', inPlace(p, path)] : ['rm', inPlace(p, path)]),
          async (docker, p) => {
            await runScript(docker, pool, p, 'delete', [inPlace(p, path), recursive ? 'recursive' : ''], path);
          },
        );
      }),
    },
    subscriptions: {},
  };
}
