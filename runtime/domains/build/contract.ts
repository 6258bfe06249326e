// A build context picked in the browser: its files are copied, one request
// at a time (a message is at most 1 MB), into a folder on the runtime's
// machine, which is then built like any folder there ('images.build' with
// that path: its .dockerignore honoured). A session like every upload's:
// begin, chunks, and abort to remove the copy (there is no commit: the last
// chunk written, the folder is ready).
import { z } from 'zod';
import { request } from '../../api/define';
import { none } from '../../api/inputs';
import type { BuilderChoice } from './types';

const ContextId = z.string().regex(/^[0-9a-f]{32}$/, 'not a build context id');

/** A path inside the picked folder, "/"-separated, never leaving it. */
const ContextPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && !p.includes('\\'), 'not a relative path')
  .refine(
    (p) => !p.startsWith('/') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    'a path must stay inside the folder',
  );

export const buildContract = {
  /** The builder a build on the connected engine would use now, and why (BuildKit, the classic builder, Podman's). */
  'build.builder': request<BuilderChoice>()(z.object({ classic: z.boolean().optional() }).strict()),
  /** A new, empty folder on the runtime's machine for the files of a picked folder. */
  'build.contextBegin': request<{ id: string; dir: string }>()(none),
  /** Writes (or, with `append`, continues) one file of the picked folder. */
  'build.contextChunk': request<{ bytes: number }>()(
    z
      .object({
        id: ContextId,
        path: ContextPath,
        base64: z
          .string()
          .max(700_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
        append: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Removes the copied folder (a new folder was picked, or the page closed). Idle ones go after an hour. */
  'build.contextAbort': request<{ aborted: boolean }>()(z.object({ id: ContextId }).strict()),
} as const;
