// The packaged app's update check (electron-updater, GitHub releases as
// package.json build.publish names them). What to do and when is decided in
// update-policy.ts; this file only acts. The outcome of the last check is kept
// in <data>/updates.json so the interval holds across runs.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AppUpdater } from 'electron-updater';
import type { UpdatesControl } from '../runtime/domains/app/service';
import type { UpdateCheckOutcome, UpdateStatus } from '../runtime/domains/app/types';
import {
  type CheckTrigger,
  decideUpdateCheck,
  describeUpdateError,
  readUpdateRecord,
  updaterSettings,
} from './update-policy';

/** How often the timer asks the policy whether a check is due. */
const TICK_MS = 60 * 60 * 1000;

export interface Updater extends UpdatesControl {
  dispose(): void;
}

export function createUpdater(options: {
  version: string;
  packaged: boolean;
  /** <data>/updates.json */
  file: string;
  log: (message: string) => void;
}): Updater {
  const settings = updaterSettings(options.version);
  let allowed = false;
  let checking = false;
  let last = readRecord(options.file);
  /** A version electron-updater downloaded in this run (a saved "downloaded" may be an earlier run's). */
  let downloaded = false;
  let updater: Promise<AppUpdater> | undefined;

  // One write at a time, each whole (a temporary file renamed): outcomes can follow each other closely.
  let writing: Promise<void> = Promise.resolve();
  const record = (outcome: UpdateCheckOutcome) => {
    last = outcome;
    const temp = `${options.file}.${process.pid}.tmp`;
    writing = writing
      .then(() => mkdir(dirname(options.file), { recursive: true }))
      .then(() => writeFile(temp, `${JSON.stringify(outcome)}\n`, { mode: 0o600 }))
      .then(() => rename(temp, options.file))
      .catch((error: unknown) => options.log(`updates: could not save ${options.file}: ${String(error)}`));
  };

  // Loaded on the first check only: a run with the switch off never touches the network or the module.
  const load = () =>
    (updater ??= import('electron-updater').then(({ autoUpdater }) => {
      const { channel, ...rest } = settings;
      // Setting the channel also allows downgrades (electron-updater's setter): the rest, after it, turns that off.
      autoUpdater.channel = channel;
      Object.assign(autoUpdater, rest);
      autoUpdater.logger = null;
      autoUpdater.on('update-downloaded', (info: { version: string }) => {
        downloaded = true;
        record({ result: 'downloaded', at: Date.now(), version: info.version });
      });
      autoUpdater.on('error', (error: unknown) =>
        record({ result: 'error', at: Date.now(), message: describeUpdateError(error) }),
      );
      return autoUpdater;
    }));

  const status = (): UpdateStatus => ({
    supported: options.packaged,
    ...(options.packaged ? {} : { unsupported: 'development' as const }),
    channel: settings.channel,
    checking,
    ...(last !== undefined ? { last } : {}),
  });

  const run = async (trigger: CheckTrigger): Promise<UpdateStatus> => {
    const decision = decideUpdateCheck({
      allowed,
      packaged: options.packaged,
      checking,
      lastCheckAt: last?.at,
      now: Date.now(),
      trigger,
    });
    if (!decision.check) return status();
    checking = true;
    try {
      const result = await (await load()).checkForUpdates();
      const at = Date.now();
      record(
        result?.isUpdateAvailable
          ? { result: 'available', at, version: result.updateInfo.version }
          : { result: 'current', at },
      );
    } catch (error) {
      record({ result: 'error', at: Date.now(), message: describeUpdateError(error) });
    } finally {
      checking = false;
    }
    return status();
  };

  const timer = setInterval(() => void run('timer'), TICK_MS);
  timer.unref();
  let started = false;

  return {
    status,
    check: () => run('user'),
    allowedChanged(next) {
      const was = allowed;
      allowed = next;
      // The first call is the app starting; later ones are the user turning the switch on.
      if (next) void run(started && !was ? 'switched-on' : 'startup');
      started = true;
    },
    async install() {
      if (!options.packaged || !downloaded || updater === undefined) return false;
      // electron-updater quits through app.quit(): Wharf's own quit runs first (and may ask about the engine).
      (await updater).quitAndInstall(false, true);
      return true;
    },
    dispose: () => clearInterval(timer),
  };
}

function readRecord(file: string): UpdateCheckOutcome | undefined {
  try {
    return readUpdateRecord(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}
