// Downloads that stream to disk: the page describes what it wants, the
// runtime checks it and answers with a one-time address (browser mode: a
// plain HTTP response the browser's download manager saves as it arrives).
// The desktop app saves the same description to a file the user picked.
import { z } from 'zod';
import { request } from '../define';
import { FilePathInput, FileTargetInput } from './files';
import { ImageRef } from './images';
import { VolumeName } from './volumes';

export const DownloadDescriptor = z.discriminatedUnion('kind', [
  /** One file, its bytes as they are. */
  z.object({ kind: z.literal('file'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A folder (or file) as a tar archive. */
  z.object({ kind: z.literal('folder-tar'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A folder (or file) as a zip archive. */
  z.object({ kind: z.literal('folder-zip'), target: FileTargetInput, path: FilePathInput }).strict(),
  /** A whole volume as the tar `docker run … tar -cf` writes (entries "./…"). */
  z.object({ kind: z.literal('volume-export'), name: VolumeName }).strict(),
  /** docker save of one image. */
  z.object({ kind: z.literal('image-save'), ref: ImageRef }).strict(),
]);

export type DownloadDescriptorInput = z.input<typeof DownloadDescriptor>;

export const downloadsContract = {
  /**
   * Checks what is to be downloaded (safe path, exists) and registers a
   * one-time address for it, valid for a short while. `url` is a path on the
   * browser-mode server; `name` is the file name it is served as.
   */
  'downloads.create': request<{ url: string; name: string; command: string }>()(DownloadDescriptor),
} as const;
