// The desktop app's downloads: the page cannot be served HTTP here, so it
// registers a download ('downloads.create', which checks it), watches it by
// its id like in a browser, and asks main (over DOWNLOAD_CHANNEL) to save that
// id; main claims it, asks where (a save dialog) and the runtime streams the
// engine's bytes into that file, counting them as it goes.
// Pure apart from the functions it is handed, so it is tested without Electron.
import { z } from 'zod';
import { DownloadId } from '../runtime/domains/downloads/contract';
import { ApiError } from '../runtime/api/errors';
import type { SaveDownloadOutcome } from '../runtime/api/protocol';

const SuggestedName = z.string().min(1).max(255);

/** What main needs of a claimed download. */
export interface Claimed {
  saveTo(file: string): Promise<{ bytes: number; file: string; command: string }>;
  drop(): void;
}

export interface SaveDownloadDeps {
  /** The registered download, once; undefined when unknown, used, cancelled or expired. */
  claim(id: string): Claimed | undefined;
  /** Where to save: a path the user picked, or undefined when they cancelled. */
  pick(suggestedName: string): Promise<string | undefined>;
}

/** Validates what the page sent, claims the id, asks where, saves; failures come back as an error body, never thrown across IPC. */
export async function saveDownload(
  rawId: unknown,
  rawName: unknown,
  deps: SaveDownloadDeps,
): Promise<SaveDownloadOutcome> {
  const id = DownloadId.safeParse(rawId);
  const name = SuggestedName.safeParse(rawName);
  if (!id.success || !name.success) {
    return { saved: false, error: { code: 'invalid-input', message: 'The download request is not valid.' } };
  }
  // Claimed before the dialog opens: however long the user takes to choose, the id does not expire under them.
  const claimed = deps.claim(id.data);
  if (claimed === undefined) {
    return {
      saved: false,
      error: {
        code: 'not-found',
        message: 'This download was cancelled or has expired.',
        hint: 'Start the download again.',
      },
    };
  }
  // Only a name reaches the dialog: no folder of the page's choosing.
  const file = await deps.pick(name.data.replace(/[/\\]/g, '_')).catch(() => undefined);
  if (file === undefined) {
    claimed.drop();
    return { saved: false };
  }
  try {
    const saved = await claimed.saveTo(file);
    return { saved: true, ...saved };
  } catch (error) {
    if (error instanceof ApiError) return { saved: false, error: error.toBody() };
    return {
      saved: false,
      error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
