// The desktop app's downloads: the page cannot be served HTTP here, so it
// asks main (over DOWNLOAD_CHANNEL) to save a download; main asks where (a
// save dialog) and the runtime streams the engine's bytes into that file.
// Pure apart from the two functions it is handed, so it is tested without Electron.
import { z } from 'zod';
import { DownloadDescriptor } from '../runtime/api/domains/downloads';
import { ApiError } from '../runtime/api/errors';
import type { SaveDownloadOutcome } from '../runtime/api/protocol';
import type { Descriptor } from '../runtime/services/downloads';

const SuggestedName = z.string().min(1).max(255);

export interface SaveDownloadDeps {
  /** Where to save: a path the user picked, or undefined when they cancelled. */
  pick(suggestedName: string): Promise<string | undefined>;
  /** Streams the download into the file; resolves once it is written. */
  saveTo(descriptor: Descriptor, file: string): Promise<{ bytes: number; file: string; command: string }>;
}

/** Validates what the page sent, asks where, saves; failures come back as an error body, never thrown across IPC. */
export async function saveDownload(rawDescriptor: unknown, rawName: unknown, deps: SaveDownloadDeps): Promise<SaveDownloadOutcome> {
  const descriptor = DownloadDescriptor.safeParse(rawDescriptor);
  const name = SuggestedName.safeParse(rawName);
  if (!descriptor.success || !name.success) {
    return { saved: false, error: { code: 'invalid-input', message: 'The download request is not valid.' } };
  }
  // Only a name reaches the dialog: no folder of the page's choosing.
  const file = await deps.pick(name.data.replace(/[/\\]/g, '_'));
  if (file === undefined) return { saved: false };
  try {
    const saved = await deps.saveTo(descriptor.data, file);
    return { saved: true, ...saved };
  } catch (error) {
    if (error instanceof ApiError) return { saved: false, error: error.toBody() };
    return { saved: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
