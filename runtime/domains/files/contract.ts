// Files inside a volume or a container: list a folder (paged), read, write
// atomically with a conflict check, upload, download, create a folder,
// rename, delete. Every path is absolute inside the target ("/" = the
// volume's root or the container's root); ".." and NUL bytes are refused
// here and again by the service, and symlinks leading outside are refused
// inside the container.
import { z } from 'zod';
import { request } from '../../api/define';
import type { FileChangeResult, FileContent, FileEntry, FileListPage } from './types';
import { ContainerRef } from '../../api/inputs';
import { LocalFilePath, VolumeName } from '../volumes/contract';

export const FileTargetInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('volume'), name: VolumeName }).strict(),
  z.object({ kind: z.literal('container'), id: ContainerRef }).strict(),
]);

/** Checked again by the service (safePath) with a message that says why; here only the shape. */
export const FilePathInput = z.string().min(1).max(4096);

const FileName = z.string().min(1).max(255);

/** What the caller saw when it opened the file; a save is refused when the file differs now. */
export const ExpectedFile = z
  .object({
    size: z.number().int().nonnegative(),
    mtime: z.number().int(),
    /** From 'files.read' or the last 'files.write'; when given, compared too. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();

/** Base64 of the bytes; 48 MB of base64 per request at most (36 MB of file). */
const Base64 = z
  .string()
  .max(48 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** File bytes per 'files.uploadChunk' at most: as base64 it stays well under the transports' 1 MB message limit. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** One upload session holds at most this many bytes (the files' sizes, or the tar's). */
export const UPLOAD_MAX_BYTES = 64 * 1024 ** 3;

const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id');

/** One file or folder of a chunked upload: its bytes come later, in manifest order. */
const UploadManifestEntry = z
  .object({
    /** Relative to `dir`, "/"-separated (a dropped folder keeps its structure). */
    path: FilePathInput,
    type: z.enum(['file', 'dir']),
    size: z.number().int().min(0).max(UPLOAD_MAX_BYTES).default(0),
    mode: z.number().int().min(0).max(0o7777).optional(),
  })
  .strict()
  .refine((e) => e.type === 'file' || e.size === 0, 'a folder has no size');

export const filesContract = {
  'files.list': request<FileListPage>()(
    z
      .object({
        target: FileTargetInput,
        path: FilePathInput,
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(2000).default(200),
        showHidden: z.boolean().default(true),
      })
      .strict(),
  ),
  'files.stat': request<FileEntry>()(z.object({ target: FileTargetInput, path: FilePathInput }).strict()),
  /** For the editor: text, or 'binary' / 'too-large' (offer a download). */
  'files.read': request<FileContent>()(
    z
      .object({
        target: FileTargetInput,
        path: FilePathInput,
        /** The editor's limit; larger files come back as 'too-large'. */
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(16 * 1024 * 1024)
          .default(2 * 1024 * 1024),
      })
      .strict(),
  ),
  /**
   * Saves atomically (temp file in the same folder, then rename). `expected`:
   * the file must still be as opened (else code 'conflict', "changed
   * underneath you"); null: it must not exist yet; absent: overwrite whatever is there.
   */
  'files.write': request<FileChangeResult>()(
    z
      .object({
        target: FileTargetInput,
        path: FilePathInput,
        text: z
          .string()
          .max(16 * 1024 * 1024)
          .optional(),
        base64: Base64.optional(),
        expected: ExpectedFile.nullable().optional(),
      })
      .strict()
      .refine((i) => (i.text === undefined) !== (i.base64 === undefined), 'give either text or base64'),
  ),
  /** Files and folders into `dir`: entries from the browser (base64) or a path on the runtime's machine. */
  'files.upload': request<FileChangeResult & { files: number; bytes: number }>()(
    z
      .object({
        target: FileTargetInput,
        dir: FilePathInput,
        entries: z
          .array(
            z
              .object({
                /** Relative to `dir`, "/"-separated (a dropped folder keeps its structure). */
                path: FilePathInput,
                type: z.enum(['file', 'dir']).default('file'),
                base64: Base64.optional(),
                mode: z.number().int().min(0).max(0o7777).optional(),
              })
              .strict(),
          )
          .max(10_000)
          .optional(),
        /** A file or folder on the runtime's machine (Electron gives dropped files' paths). */
        localPath: LocalFilePath.optional(),
      })
      .strict()
      .refine((i) => (i.entries === undefined) !== (i.localPath === undefined), 'give either entries or localPath'),
  ),
  /**
   * Starts a chunked upload into `dir`: either the files and folders to
   * create (bytes follow with 'files.uploadChunk', in manifest order, files
   * back to back) or a tar archive of `tarSize` bytes to extract as it is
   * (importing a volume backup). Nothing is buffered whole: the bytes stream
   * to the engine as they arrive.
   */
  'files.uploadBegin': request<{ id: string; chunkBytes: number; total: number }>()(
    z
      .object({
        target: FileTargetInput,
        dir: FilePathInput,
        entries: z.array(UploadManifestEntry).min(1).max(10_000).optional(),
        tarSize: z.number().int().min(1024).max(UPLOAD_MAX_BYTES).optional(),
      })
      .strict()
      .refine((i) => (i.entries === undefined) !== (i.tarSize === undefined), 'give either entries or tarSize')
      .refine((i) => (i.entries ?? []).reduce((n, e) => n + e.size, 0) <= UPLOAD_MAX_BYTES, 'the upload is too large'),
  ),
  /**
   * The next bytes of an upload, at `offset` (bytes sent so far). Answers once
   * the engine has taken them, so a sender waiting for each answer never
   * outruns the engine.
   */
  'files.uploadChunk': request<{ received: number }>()(
    z
      .object({
        id: UploadId,
        offset: z.number().int().min(0).max(UPLOAD_MAX_BYTES),
        base64: z
          .string()
          .min(4)
          .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
      })
      .strict(),
  ),
  /**
   * Ends an upload whose bytes all arrived: waits for the engine to finish.
   * Every byte is already with the engine, so cancelling it changes nothing;
   * to stop an upload, abort it before its commit.
   */
  'files.uploadCommit': request<FileChangeResult & { files: number; bytes: number }>()(
    z.object({ id: UploadId }).strict(),
  ),
  /**
   * Stops an upload; a file cut halfway is removed where the place allows it.
   * (A part in flight is cancelled by the envelope; the session ends only here.)
   */
  'files.uploadAbort': request<{ aborted: boolean }>()(z.object({ id: UploadId }).strict()),
  /** A file (raw bytes) or a folder (tar), written to a file on the runtime's machine. */
  'files.downloadTo': request<{ bytes: number; file: string; commands: string[] }>()(
    z
      .object({
        target: FileTargetInput,
        path: FilePathInput,
        format: z.enum(['raw', 'tar']).default('tar'),
        file: LocalFilePath,
      })
      .strict(),
  ),
  'files.mkdir': request<FileChangeResult>()(z.object({ target: FileTargetInput, path: FilePathInput }).strict()),
  /** Renames within the same folder (`name` is the new name, not a path). */
  'files.rename': request<FileChangeResult>()(
    z.object({ target: FileTargetInput, path: FilePathInput, name: FileName }).strict(),
  ),
  /** A folder needs `recursive` unless empty. A symlink is removed itself, never what it points to. */
  'files.delete': request<FileChangeResult>()(
    z.object({ target: FileTargetInput, path: FilePathInput, recursive: z.boolean().default(false) }).strict(),
  ),
} as const;
