// When the desktop app checks for a new version, decided in one place: only
// the packaged app, only when the user turned the check on in Settings, not
// while a check runs, and at most once per interval unless the user asks.
// Pure; electron/updater.ts acts on it.
import { z } from 'zod';
import { releaseChannel } from '../runtime/domains/app/channel';
import type { UpdateCheckOutcome } from '../runtime/domains/app/types';

/** Automatic checks: at most this often (Docker Desktop and Podman Desktop check a few times a day). */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** What started the check: the app starting, the hourly tick, the switch turned on, or the user's button. */
export type CheckTrigger = 'startup' | 'timer' | 'switched-on' | 'user';

export interface UpdateCheckContext {
  /** The Settings switch. */
  allowed: boolean;
  /** app.isPackaged: a development run never updates itself. */
  packaged: boolean;
  checking: boolean;
  /** When the last check finished (ms), if ever. */
  lastCheckAt: number | undefined;
  now: number;
  trigger: CheckTrigger;
}

export type UpdateCheckDecision =
  | { check: true }
  | { check: false; why: 'development' | 'off' | 'busy' }
  | { check: false; why: 'recent'; nextAt: number };

export function decideUpdateCheck(c: UpdateCheckContext): UpdateCheckDecision {
  if (!c.packaged) return { check: false, why: 'development' };
  if (!c.allowed) return { check: false, why: 'off' };
  if (c.checking) return { check: false, why: 'busy' };
  if (c.trigger === 'user' || c.trigger === 'switched-on' || c.lastCheckAt === undefined) return { check: true };
  // A last check "in the future" means the clock moved back: check rather than wait that long.
  if (c.lastCheckAt > c.now) return { check: true };
  const nextAt = c.lastCheckAt + CHECK_INTERVAL_MS;
  return c.now >= nextAt ? { check: true } : { check: false, why: 'recent', nextAt };
}

/** How electron-updater is set up for this version: its channel, pre-releases only on a pre-release channel. */
export function updaterSettings(version: string): {
  channel: string;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
} {
  const channel = releaseChannel(version);
  return {
    channel,
    allowPrerelease: channel !== 'latest',
    allowDowngrade: false,
    // Like Docker Desktop: the new version downloads in the background and installs when Wharf quits.
    autoDownload: true,
    autoInstallOnAppQuit: true,
  };
}

const At = z.number().int().nonnegative();

/** The last check's outcome, as kept in updates.json in the data folder. */
export const UpdateRecord = z.discriminatedUnion('result', [
  z.object({ result: z.literal('current'), at: At }).strict(),
  z.object({ result: z.literal('available'), at: At, version: z.string().min(1).max(64) }).strict(),
  z.object({ result: z.literal('downloaded'), at: At, version: z.string().min(1).max(64) }).strict(),
  z.object({ result: z.literal('error'), at: At, message: z.string().max(500) }).strict(),
]);

/** The saved outcome, or none when the file holds anything else. */
export function readUpdateRecord(raw: unknown): UpdateCheckOutcome | undefined {
  const parsed = UpdateRecord.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** An error worth showing: one line, short (electron-updater's can carry whole HTTP responses). */
export function describeUpdateError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0]?.trim() || 'The update check failed.';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
