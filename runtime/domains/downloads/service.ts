// Downloads that stream to disk. 'downloads.create' checks a description and
// registers it under a random one-time id; the browser-mode server then serves
// GET /download/<id> from claim() (see runtime/server/server.ts), and the
// desktop app claims the same id and writes it to a file the user picked
// (under a temporary name, renamed once whole: a failed or cancelled save
// leaves nothing behind, see saveStream).
// Nothing is held whole: the engine's stream is piped, so a slow disk slows
// the engine. Every byte passes a counter that reports progress under the id
// ('downloads.watch'), holds a single file to the size it had when it was
// opened (a file that grows or shrinks meanwhile fails the download rather
// than leaving a corrupt copy), and is where 'downloads.abort' stops it.
import { randomBytes } from 'node:crypto';
import { type Readable, Transform, pipeline as pipe } from 'node:stream';
import type { z } from 'zod';
import type { DownloadDescriptor } from './contract';
import { ApiError } from '../../api/errors';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { type Progress, createProgressRegistry } from './progress';
import type { FilesService, OpenedDownload } from '../files/service';
import { baseName, safePath } from '../files/paths';
import { notRegular } from '../files/scripts';
import { saveStream } from '../files/streams';
import { openImageSave } from '../images/service';

export type Descriptor = z.output<typeof DownloadDescriptor>;

/** How long a registered id waits for its GET (or the desktop app's save) before it is forgotten. */
export const DOWNLOAD_START_MS = 60_000;
const MAX_PENDING = 32;
/** How long a folder's download waits for its size estimate before it starts without one. */
const ESTIMATE_WAIT_MS = 3_000;

export interface OpenedStream {
  name: string;
  contentType: string;
  stream: Readable;
  /** Rejects when the source failed (a non-zero exit, an engine error), possibly after the stream ended. */
  done: Promise<void>;
  /** The exact number of bytes the stream carries, when known before it starts (single files). */
  size?: number;
}

/** A download's stream as the server or the desktop save reads it: counted, and to be told how it ended. */
export interface CountedStream extends OpenedStream {
  /** Bytes passed on so far. */
  sent(): number;
  /** The receiver has every byte, failed, or went away before the end. The first call wins. */
  finished(outcome: { phase: 'done' } | { phase: 'failed'; error: unknown } | { phase: 'cancelled' }): void;
}

export interface ClaimedDownload {
  readonly id: string;
  readonly descriptor: Descriptor;
  /** Opens the engine's stream, counted under the id; a failure to open is recorded as the download's failure. */
  start(): Promise<CountedStream>;
  /** Streams it into `file` on this machine (the desktop app's save dialog). */
  saveTo(file: string): Promise<SaveResult>;
  /** Nobody will read it (the save dialog was closed): it ends as cancelled. */
  drop(): void;
}

export interface SaveResult {
  bytes: number;
  file: string;
  command: string;
}

export interface DownloadsService extends ServiceHandlers<
  'downloads.create' | 'downloads.createDragOut' | 'downloads.abort',
  'downloads.watch'
> {
  /** The registered download `id`, once (it serves once); undefined when unknown, used, cancelled or expired. */
  claim(id: string): ClaimedDownload | undefined;
  /** Whether `id` waits to be fetched and was registered for a drag out of the page ('downloads.createDragOut'). */
  isDragOut(id: string): boolean;
  /** Opens the engine stream for a description, uncounted (tests). */
  open(descriptor: Descriptor): Promise<OpenedStream>;
  /** Checks a description and streams it into `file` on this machine, without an id. */
  saveTo(descriptor: Descriptor, file: string): Promise<SaveResult>;
}

/** "a b.tar" → safe for a file name on any system. */
function fileNameOf(text: string): string {
  const cleaned = text.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? 'download' : cleaned.slice(0, 200);
}

export function downloadName(descriptor: Descriptor, label?: string): string {
  switch (descriptor.kind) {
    case 'volume-export':
      return fileNameOf(`${descriptor.name}.tar`);
    case 'image-save':
      return fileNameOf(`${descriptor.ref.replace(/[/:@]/g, '_')}.tar`);
    case 'container-export':
      return fileNameOf(`${label ?? descriptor.id}.tar`);
    default: {
      const path = safePath(descriptor.path);
      const base =
        path === '/'
          ? descriptor.target.kind === 'volume'
            ? descriptor.target.name
            : (label ?? descriptor.target.id)
          : baseName(path);
      const ext = descriptor.kind === 'folder-tar' ? '.tar' : descriptor.kind === 'folder-zip' ? '.zip' : '';
      return fileNameOf(`${base}${ext}`);
    }
  }
}

const CONTENT_TYPES = {
  file: 'application/octet-stream',
  'folder-tar': 'application/x-tar',
  'folder-zip': 'application/zip',
  'volume-export': 'application/x-tar',
  'image-save': 'application/x-tar',
  'container-export': 'application/x-tar',
} as const;

export function createDownloadsService(engine: Engine, files: FilesService): DownloadsService {
  const pending = new Map<
    string,
    { descriptor: Descriptor; timer: NodeJS.Timeout; progress: Progress; command: string; dragOut: boolean }
  >();
  const progresses = createProgressRegistry();

  /** Refuses what cannot be downloaded, with the reason, before any address exists. */
  async function check(descriptor: Descriptor): Promise<string> {
    const docker = engine.docker();
    switch (descriptor.kind) {
      case 'volume-export':
        await docker.getVolume(descriptor.name).inspect();
        return await files.commandFor({ kind: 'volume', name: descriptor.name }, '/', downloadName(descriptor));
      case 'image-save':
        await docker.getImage(descriptor.ref).inspect();
        return dockerCommand('image.save', { images: [descriptor.ref], output: downloadName(descriptor) });
      case 'container-export': {
        const name = await containerName(descriptor.id);
        return dockerCommand('container.export', { container: name, output: downloadName(descriptor, name) });
      }
      default: {
        const path = safePath(descriptor.path);
        const entry = await files.requests['files.stat']({ target: descriptor.target, path });
        if (descriptor.kind === 'file' && entry.type === 'dir') {
          throw new ApiError({
            code: 'invalid-input',
            message: `"${path}" is a folder.`,
            hint: 'Download it as tar or zip.',
          });
        }
        if (descriptor.kind === 'file' && entry.type === 'other') throw notRegular(path);
        return files.commandFor(descriptor.target, path, downloadName(descriptor), descriptor.kind === 'file');
      }
    }
  }

  /** The name a container is known by (its id when it has none), which also names its export. */
  async function containerName(id: string): Promise<string> {
    const info = (await engine.docker().getContainer(id).inspect()) as { Name?: string };
    return (info.Name ?? '').replace(/^\//, '') || id;
  }

  async function open(descriptor: Descriptor): Promise<OpenedStream & Pick<OpenedDownload, 'estimate' | 'read'>> {
    const contentType = CONTENT_TYPES[descriptor.kind];
    switch (descriptor.kind) {
      case 'volume-export': {
        const opened = await files.openVolumeExport(descriptor.name);
        return { ...opened, name: downloadName(descriptor), contentType };
      }
      case 'image-save': {
        // The tar holds the image's layers, so their size is a close estimate of its length (the engine
        // streams it without one).
        const size = (await engine.docker().getImage(descriptor.ref).inspect()).Size;
        const stream = await openImageSave(engine.docker(), [descriptor.ref]);
        const done = new Promise<void>((resolve, reject) => {
          stream.once('end', resolve);
          stream.once('error', reject);
        });
        done.catch(() => {});
        return {
          name: downloadName(descriptor),
          contentType,
          stream,
          done,
          ...(size > 0 ? { estimate: Promise.resolve(size) } : {}),
        };
      }
      case 'container-export': {
        const name = downloadName(descriptor, await containerName(descriptor.id));
        const stream = (await engine.docker().getContainer(descriptor.id).export()) as Readable;
        const done = new Promise<void>((resolve, reject) => {
          stream.once('end', resolve);
          stream.once('error', reject);
        });
        done.catch(() => {});
        return { name, contentType, stream, done };
      }
      default: {
        const format = descriptor.kind === 'file' ? 'raw' : descriptor.kind === 'folder-tar' ? 'tar' : 'zip';
        const opened = await files.openDownload(descriptor.target, descriptor.path, format);
        return { ...opened, name: downloadName(descriptor, opened.name), contentType };
      }
    }
  }

  /** The counter every byte passes: progress, the size a file had when opened, and Cancel. */
  async function startCounted(descriptor: Descriptor, progress: Progress): Promise<CountedStream> {
    let opened;
    try {
      opened = await open(descriptor);
    } catch (error) {
      progress.end({ phase: 'failed', error });
      throw error;
    }
    const { size, read } = opened;
    const shown = 'path' in descriptor ? safePath(descriptor.path) : opened.name;
    const { stream: counter, sent } = countingStream(size, shown, (n) => {
      progress.sentTo(n);
      progress.readTo(read ? read() : n);
    });
    // Destroying the counter (Cancel, the receiver gone) destroys the engine's stream; a failing source fails the counter.
    pipe(opened.stream, counter, () => {});
    opened.done.catch((error: unknown) => counter.destroy(error instanceof Error ? error : new Error(String(error))));
    // Whoever reads it listens for errors too; this one keeps an error before they do from being unhandled.
    counter.on('error', () => {});
    progress.onCancel(() =>
      counter.destroy(new ApiError({ code: 'conflict', message: 'The download was cancelled in Wharf.' })),
    );
    // A folder's estimate comes from a listing made alongside the stream: waited for a moment (the stream
    // holds meanwhile), so the total is there from the first byte; a slow one fills in later.
    if (opened.estimate !== undefined) {
      const estimate = opened.estimate;
      let timer: NodeJS.Timeout | undefined;
      const early = await Promise.race([
        estimate,
        new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ESTIMATE_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (early === 'late') void estimate.then((total) => total !== undefined && progress.estimated(total));
      else if (early !== undefined) progress.estimated(early);
    }
    if (progress.phase !== 'waiting')
      throw new ApiError({ code: 'conflict', message: 'The download was cancelled in Wharf.' });
    progress.start(size);
    return {
      name: opened.name,
      contentType: opened.contentType,
      stream: counter,
      done: opened.done,
      ...(size !== undefined ? { size } : {}),
      sent,
      finished(outcome) {
        progress.end(outcome.phase === 'cancelled' ? { phase: 'cancelled', by: 'client' } : outcome);
      },
    };
  }

  async function saveCounted(
    counted: CountedStream,
    progress: Progress,
    file: string,
    command: string,
  ): Promise<SaveResult> {
    try {
      await saveStream(counted.stream, counted.done, file);
    } catch (error) {
      counted.finished({ phase: 'failed', error });
      throw error;
    }
    counted.finished({ phase: 'done' });
    return { bytes: progress.snapshot().sent, file, command };
  }

  async function register(descriptor: Descriptor, dragOut: boolean) {
    if (pending.size >= MAX_PENDING) {
      throw new ApiError({
        code: 'conflict',
        message: `${MAX_PENDING} downloads are waiting to start.`,
        hint: 'Wait a minute and try again.',
      });
    }
    const command = await check(descriptor);
    const downloadId = randomBytes(32).toString('hex');
    const name = downloadName(descriptor);
    const progress = progresses.create(downloadId, name);
    const timer = setTimeout(() => {
      pending.delete(downloadId);
      progress.end({
        phase: 'failed',
        error: new ApiError({
          code: 'unavailable',
          message: 'The download did not start within a minute.',
          hint: 'Start it again.',
        }),
      });
    }, DOWNLOAD_START_MS);
    timer.unref();
    pending.set(downloadId, { descriptor, timer, progress, command, dragOut });
    // Cancelled before anyone fetched it: the address is gone.
    progress.onCancel(() => {
      clearTimeout(timer);
      pending.delete(downloadId);
    });
    return { id: downloadId, url: `/download/${downloadId}`, name, command };
  }

  function claim(downloadId: string): ClaimedDownload | undefined {
    const entry = pending.get(downloadId);
    if (entry === undefined) return undefined;
    pending.delete(downloadId);
    clearTimeout(entry.timer);
    const progress = entry.progress;
    // Cancelled while the save dialog is open: the claim is dropped.
    progress.onCancel(() => {});
    return {
      id: downloadId,
      descriptor: entry.descriptor,
      start: () => startCounted(entry.descriptor, progress),
      async saveTo(file) {
        if (progress.phase !== 'waiting')
          throw new ApiError({ code: 'conflict', message: 'The download was cancelled in Wharf.' });
        return saveCounted(await startCounted(entry.descriptor, progress), progress, file, entry.command);
      },
      drop() {
        progress.end({ phase: 'cancelled', by: 'client' });
      },
    };
  }

  return {
    claim,
    isDragOut: (downloadId) => pending.get(downloadId)?.dragOut === true,
    open,
    async saveTo(descriptor, file) {
      const command = await check(descriptor);
      const downloadId = randomBytes(32).toString('hex');
      const progress = progresses.create(downloadId, downloadName(descriptor));
      return saveCounted(await startCounted(descriptor, progress), progress, file, command);
    },
    requests: {
      'downloads.create': (descriptor) => register(descriptor, false),
      'downloads.createDragOut': (descriptor) => register(descriptor, true),
      'downloads.abort': async ({ id: downloadId }) => {
        const progress = progresses.get(downloadId);
        if (progress === undefined) throw new ApiError({ code: 'not-found', message: 'There is no such download.' });
        return { aborted: progress.cancel() };
      },
    },
    subscriptions: {
      'downloads.watch': ({ id: downloadId }, sink) => {
        const progress = progresses.get(downloadId);
        if (progress === undefined) {
          sink.fail(new ApiError({ code: 'not-found', message: 'There is no such download.' }));
          return () => {};
        }
        return progress.watch((p) => sink.emit(p));
      },
    },
  };
}

/**
 * Passes a download's bytes on, counting them (`onSent` after each piece). With the size the file had when
 * opened, it fails the stream once more or fewer arrive, and holds the piece that reaches that size until the
 * source ends: had it gone out, the receiver would hold every announced byte and call a file that went on
 * growing complete.
 */
export function countingStream(
  size: number | undefined,
  shown: string,
  onSent: (sent: number) => void,
): { stream: Transform; sent: () => number } {
  let sent = 0;
  let last: Buffer | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      if (size !== undefined && sent > size) return callback(changedSize(shown, 'grew'));
      onSent(sent);
      if (size !== undefined && sent === size) {
        last = chunk;
        return callback();
      }
      callback(null, chunk);
    },
    flush(callback) {
      if (size !== undefined && sent < size) return callback(changedSize(shown, 'shrank'));
      callback(null, last);
    },
  });
  return { stream, sent: () => sent };
}

function changedSize(path: string, how: 'grew' | 'shrank'): ApiError {
  return new ApiError({
    code: 'conflict',
    message: `"${path}" ${how} while it was being downloaded, so the download was stopped rather than saved incomplete or mixed.`,
    hint: 'Download it again once nothing is writing to it.',
  });
}
