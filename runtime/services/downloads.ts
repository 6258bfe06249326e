// Downloads that stream to disk. 'downloads.create' checks a description and
// registers it under a random one-time id; the browser-mode server then serves
// GET /download/<id> from open() (see runtime/server/server.ts), and the
// desktop app writes it with saveTo() to a file the user picked. Nothing is
// held whole: the engine's stream is piped, so a slow disk slows the engine.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import type { DownloadDescriptor } from '../api/domains/downloads';
import { ApiError } from '../api/errors';
import { dockerCommand } from '../commands/docker-cli';
import type { Engine } from '../engine/types';
import type { ServiceHandlers } from '../transport/handlers';
import type { FilesService } from './files/service';
import { baseName, safePath } from './files/paths';
import { openImageSave } from './images';

export type Descriptor = z.output<typeof DownloadDescriptor>;

/** How long a registered id waits for its GET before it is forgotten. */
export const DOWNLOAD_START_MS = 60_000;
const MAX_PENDING = 32;

export interface OpenedStream {
  name: string;
  contentType: string;
  stream: Readable;
  /** Rejects when the source failed (a non-zero exit, an engine error), possibly after the stream ended. */
  done: Promise<void>;
}

export interface DownloadsService extends ServiceHandlers<'downloads.create'> {
  /** The registered description for `id`, removed so it serves once; undefined when unknown or expired. */
  take(id: string): Descriptor | undefined;
  /** Opens the engine stream for a description. */
  open(descriptor: Descriptor): Promise<OpenedStream>;
  /** Checks a description and streams it into `file` on this machine (the desktop app's save dialog). */
  saveTo(descriptor: Descriptor, file: string): Promise<{ bytes: number; file: string; command: string }>;
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
    default: {
      const path = safePath(descriptor.path);
      const base = path === '/' ? (descriptor.target.kind === 'volume' ? descriptor.target.name : (label ?? descriptor.target.id)) : baseName(path);
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
} as const;

export function createDownloadsService(engine: Engine, files: FilesService): DownloadsService {
  const pending = new Map<string, { descriptor: Descriptor; timer: NodeJS.Timeout }>();

  /** Refuses what cannot be downloaded, with the reason, before any address exists. */
  async function check(descriptor: Descriptor): Promise<string> {
    const docker = engine.docker();
    switch (descriptor.kind) {
      case 'volume-export':
        await docker.getVolume(descriptor.name).inspect();
        return (await files.commandFor({ kind: 'volume', name: descriptor.name }, '/', downloadName(descriptor)));
      case 'image-save':
        await docker.getImage(descriptor.ref).inspect();
        return dockerCommand('image.save', { images: [descriptor.ref], output: downloadName(descriptor) });
      default: {
        const path = safePath(descriptor.path);
        const entry = await files.requests['files.stat']({ target: descriptor.target, path });
        if (descriptor.kind === 'file' && entry.type === 'dir') {
          throw new ApiError({ code: 'invalid-input', message: `"${path}" is a folder.`, hint: 'Download it as tar or zip.' });
        }
        return files.commandFor(descriptor.target, path, downloadName(descriptor));
      }
    }
  }

  async function open(descriptor: Descriptor): Promise<OpenedStream> {
    const contentType = CONTENT_TYPES[descriptor.kind];
    switch (descriptor.kind) {
      case 'volume-export': {
        const opened = await files.openVolumeExport(descriptor.name);
        return { ...opened, name: downloadName(descriptor), contentType };
      }
      case 'image-save': {
        const stream = await openImageSave(engine.docker(), [descriptor.ref]);
        const done = new Promise<void>((resolve, reject) => {
          stream.once('end', resolve);
          stream.once('error', reject);
        });
        done.catch(() => {});
        return { name: downloadName(descriptor), contentType, stream, done };
      }
      default: {
        const format = descriptor.kind === 'file' ? 'raw' : descriptor.kind === 'folder-tar' ? 'tar' : 'zip';
        const opened = await files.openDownload(descriptor.target, descriptor.path, format);
        return { ...opened, name: downloadName(descriptor, opened.name), contentType };
      }
    }
  }

  return {
    take(id) {
      const entry = pending.get(id);
      if (entry === undefined) return undefined;
      pending.delete(id);
      clearTimeout(entry.timer);
      return entry.descriptor;
    },
    open,
    async saveTo(descriptor, file) {
      const command = await check(descriptor);
      const opened = await open(descriptor);
      let bytes = 0;
      opened.stream.on('data', (c: Buffer) => (bytes += c.length));
      await Promise.all([pipeline(opened.stream, createWriteStream(file, { mode: 0o600 })), opened.done]);
      return { bytes, file, command };
    },
    requests: {
      'downloads.create': async (descriptor) => {
        if (pending.size >= MAX_PENDING) {
          throw new ApiError({ code: 'conflict', message: `${MAX_PENDING} downloads are waiting to start.`, hint: 'Wait a minute and try again.' });
        }
        const command = await check(descriptor);
        const id = randomBytes(32).toString('hex');
        const timer = setTimeout(() => pending.delete(id), DOWNLOAD_START_MS);
        timer.unref();
        pending.set(id, { descriptor, timer });
        return { url: `/download/${id}`, name: downloadName(descriptor), command };
      },
    },
    subscriptions: {},
  };
}
