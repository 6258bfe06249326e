// The engine VM's settings: one JSON file beside Wharf's settings, validated
// on read (a bad file is kept aside, never silently lost), written atomically.
// Wharf's data folder (the folder of that file) is never among the shared
// folders: a share that is it, is in it or holds it is refused (shares.ts).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { VmSettings } from '../domains/vm/types';
import { VmSettingsPatch, VmShareInput } from '../domains/vm/contract';
import { allowedShares, checkShares, defaultShares } from './shares';

export type VmSettingsPatchInput = z.infer<typeof VmSettingsPatch>;

export function defaultVmSettings(
  platform: NodeJS.Platform = process.platform,
  home = process.env.HOME ?? process.env.USERPROFILE ?? '',
  dataDir = '',
  list?: Parameters<typeof defaultShares>[0]['list'],
): VmSettings {
  const desktop = platform === 'darwin' || platform === 'win32';
  return {
    // On macOS and Windows containers need a Linux VM; on Linux it is a choice.
    enabled: desktop,
    driver: platform === 'win32' ? 'wsl' : 'qemu',
    cpus: 2,
    memoryMiB: 2048,
    diskGiB: 60,
    autoStart: desktop,
    idleStopMinutes: 0,
    // Bind mounts of the user's own folders work out of the box, as with Docker Desktop, but
    // not of the home folder itself: it holds Wharf's data folder (the VM's keys) and hidden ones (~/.ssh).
    shares: desktop && home ? defaultShares({ home, dataDir, platform, ...(list ? { list } : {}) }) : [],
  };
}

const FileSchema = VmSettingsPatch.extend({ shares: z.array(VmShareInput).max(32).optional() });

export interface VmSettingsStore {
  get(): VmSettings;
  update(patch: VmSettingsPatchInput): VmSettings;
  onChange(listener: (next: VmSettings, previous: VmSettings) => void): () => void;
}

export function createVmSettingsStore(
  file: string,
  defaults?: VmSettings,
  platform: NodeJS.Platform = process.platform,
): VmSettingsStore {
  const dataDir = dirname(file);
  const check = { dataDir, platform };
  defaults ??= defaultVmSettings(platform, undefined, dataDir);
  let current: VmSettings | undefined;
  const listeners = new Set<(next: VmSettings, previous: VmSettings) => void>();
  const load = (): VmSettings => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return structuredClone(defaults);
    }
    try {
      const saved = { ...structuredClone(defaults), ...stripUndefined(FileSchema.parse(JSON.parse(text))) };
      // A file from an older Wharf may share a folder that holds the data folder (the whole home folder was the
      // default): that share is left out, and with none left the default applies.
      const allowed = allowedShares(saved.shares, check);
      if (allowed.length < saved.shares.length)
        saved.shares = allowed.length > 0 ? allowed : structuredClone(defaults.shares);
      return saved;
    } catch {
      try {
        renameSync(file, `${file}.bad`);
      } catch {
        // keep going with the defaults
      }
      return structuredClone(defaults);
    }
  };
  const get = (): VmSettings => {
    current ??= load();
    return structuredClone(current);
  };
  return {
    get,
    update(patch) {
      const previous = get();
      const next: VmSettings = { ...previous, ...stripUndefined(VmSettingsPatch.parse(patch)) };
      checkShares(next.shares, check);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      current = next;
      if (JSON.stringify(next) !== JSON.stringify(previous))
        for (const l of [...listeners]) l(structuredClone(next), previous);
      return structuredClone(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<VmSettings> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
