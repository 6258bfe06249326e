// The engine VM's settings: one JSON file beside Wharf's settings, validated
// on read (a bad file is kept aside, never silently lost), written atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { VmSettings } from '../api/vm-types';
import { VmSettingsPatch, VmShareInput } from '../api/domains/vm';

export type VmSettingsPatchInput = z.infer<typeof VmSettingsPatch>;

export function defaultVmSettings(platform: NodeJS.Platform = process.platform, home = process.env.HOME ?? ''): VmSettings {
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
    // Bind mounts of the user's own folders work out of the box, as with Docker Desktop.
    shares: desktop && home ? [{ hostPath: home }] : [],
  };
}

const FileSchema = VmSettingsPatch.extend({ shares: z.array(VmShareInput).max(32).optional() });

export interface VmSettingsStore {
  get(): VmSettings;
  update(patch: VmSettingsPatchInput): VmSettings;
  onChange(listener: (next: VmSettings, previous: VmSettings) => void): () => void;
}

export function createVmSettingsStore(file: string, defaults: VmSettings = defaultVmSettings()): VmSettingsStore {
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
      return { ...structuredClone(defaults), ...stripUndefined(FileSchema.parse(JSON.parse(text))) };
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
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
      current = next;
      if (JSON.stringify(next) !== JSON.stringify(previous)) for (const l of [...listeners]) l(structuredClone(next), previous);
      return structuredClone(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<VmSettings> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<VmSettings>;
}
