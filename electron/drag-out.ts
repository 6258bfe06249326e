// Dragging a file from Wharf's file browser to the desktop. The OS drag needs
// a file on disk the moment it starts, so it comes in two calls over two
// narrow channels: when the pointer goes down on a row the page has a
// download registered ('downloads.create', which checks the path) and asks
// main to prepare it (DRAG_PREPARE_CHANNEL: id, name): main claims the id and
// the runtime streams it into a fresh temporary folder; when the drag starts
// the page sends the id (DRAG_START_CHANNEL) and main starts the OS drag of
// that prepared file (webContents.startDrag). The page never names a path.
// Pure apart from the functions it is handed, so it is tested without Electron.
import { z } from 'zod';
import { DownloadId } from '../runtime/domains/downloads/contract';
import type { Claimed } from './downloads';

/** A file name only: no folder, nothing the OS would read as one. */
const DragName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\x00-\x1f]/.test(n) && n !== '.' && n !== '..', 'a file name, without a folder');

export interface DragOutDeps {
  claim(id: string): Claimed | undefined;
  /** A new empty folder of its own under the system's temporary folder. */
  tempDir(): Promise<string>;
  join(dir: string, name: string): string;
}

export type PrepareOutcome = { prepared: true } | { prepared: false; message: string };

/** Prepared files by download id, a few at most (the oldest is forgotten first). */
export class PreparedDrags {
  private readonly files = new Map<string, string>();
  constructor(private readonly max = 8) {}
  add(id: string, file: string): void {
    this.files.set(id, file);
    while (this.files.size > this.max) this.files.delete(this.files.keys().next().value!);
  }
  /** The file prepared for `id`, once. */
  take(id: string): string | undefined {
    const file = this.files.get(id);
    this.files.delete(id);
    return file;
  }
}

export async function prepareDragOut(
  rawId: unknown,
  rawName: unknown,
  prepared: PreparedDrags,
  deps: DragOutDeps,
): Promise<PrepareOutcome> {
  const id = DownloadId.safeParse(rawId);
  const name = DragName.safeParse(rawName);
  if (!id.success || !name.success) return { prepared: false, message: 'The drag request is not valid.' };
  const claimed = deps.claim(id.data);
  if (claimed === undefined) return { prepared: false, message: 'This download was cancelled or has expired.' };
  try {
    const file = deps.join(await deps.tempDir(), name.data);
    await claimed.saveTo(file);
    prepared.add(id.data, file);
    return { prepared: true };
  } catch (error) {
    claimed.drop();
    return { prepared: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Starts the OS drag of the file prepared for the id; false when there is none (not ready, or not valid). */
export function startDragOut(rawId: unknown, prepared: PreparedDrags, start: (file: string) => void): boolean {
  const id = DownloadId.safeParse(rawId);
  if (!id.success) return false;
  const file = prepared.take(id.data);
  if (file === undefined) return false;
  start(file);
  return true;
}
