// Runtime settings: one JSON file, validated on read, written atomically.
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Language, NotificationSettingsInput, QuitEngineChoice } from './domains/settings/contract';
import type { RuntimeSettings } from './domains/settings/types';

export const defaultSettings: RuntimeSettings = { engine: null, tls: null, keepEmbeddedEngine: false };

/** How many unencrypted endpoints are remembered as accepted (the oldest are forgotten first). */
const MAX_ACCEPTED = 100;

const SettingsFile = z.object({
  engine: z.string().min(1).nullable().default(null),
  tls: z
    .object({
      ca: z.string().optional(),
      cert: z.string().optional(),
      key: z.string().optional(),
      verify: z.boolean(),
    })
    .nullable()
    .default(null),
  keepEmbeddedEngine: z.boolean().default(false),
  insecureAccepted: z.array(z.string().min(1).max(1100)).max(MAX_ACCEPTED).optional(),
  notifications: NotificationSettingsInput.optional(),
  hostShell: z.boolean().optional(),
  language: Language.optional(),
  trayOnClose: z.boolean().optional(),
  quitEngine: QuitEngineChoice.optional(),
  trayNoticeShown: z.boolean().optional(),
  checkForUpdates: z.boolean().optional(),
  engineContext: z
    .object({ kind: z.enum(['docker-context', 'podman-connection']), name: z.string().min(1).max(256) })
    .optional(),
});

/** The desktop app's own choices: plain values, kept as given. */
const DESKTOP_KEYS = ['language', 'trayOnClose', 'quitEngine', 'trayNoticeShown', 'checkForUpdates'] as const;

export interface SettingsStore {
  get(): RuntimeSettings;
  /** Applies the patch, writes the file, then tells listeners. */
  update(patch: Partial<RuntimeSettings>): Promise<RuntimeSettings>;
  onChange(listener: (next: RuntimeSettings, previous: RuntimeSettings) => void): () => void;
}

export function createSettingsStore(file: string, log: (message: string) => void = () => {}): SettingsStore {
  let current: RuntimeSettings | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(next: RuntimeSettings, previous: RuntimeSettings) => void>();

  const load = (): RuntimeSettings => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return clone(defaultSettings);
    }
    let parsed: z.infer<typeof SettingsFile> | undefined;
    try {
      parsed = SettingsFile.parse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (parsed) return normalize(parsed);
    // Keep what the user had: a bad file is evidence, not garbage.
    try {
      mkdirSync(dirname(file), { recursive: true });
      renameSync(file, `${file}.bad`);
      log(`settings: ${file} could not be read; kept as ${file}.bad, using defaults`);
    } catch {
      log(`settings: ${file} could not be read; using defaults`);
    }
    return clone(defaultSettings);
  };

  const get = (): RuntimeSettings => {
    current ??= load();
    return clone(current);
  };

  return {
    get,
    update(patch) {
      const previous = get();
      const next: RuntimeSettings = { ...previous };
      if (patch.engine !== undefined) next.engine = patch.engine;
      if (patch.tls !== undefined) next.tls = patch.tls === null ? null : { ...patch.tls };
      if (patch.keepEmbeddedEngine !== undefined) next.keepEmbeddedEngine = patch.keepEmbeddedEngine;
      if (patch.notifications !== undefined) next.notifications = { ...patch.notifications };
      if (patch.hostShell !== undefined) next.hostShell = patch.hostShell;
      for (const key of DESKTOP_KEYS) if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });
      if (patch.engineContext !== undefined) {
        if (patch.engineContext === null) delete next.engineContext;
        else next.engineContext = { ...patch.engineContext };
      }
      if (patch.insecureAccepted !== undefined) {
        const accepted = [...new Set(patch.insecureAccepted)].slice(-MAX_ACCEPTED);
        if (accepted.length > 0) next.insecureAccepted = accepted;
        else delete next.insecureAccepted;
      }
      current = next;
      const text = `${JSON.stringify(next, null, 2)}\n`;
      const write = writing.then(() => writeAtomic(file, text));
      writing = write.catch(() => {});
      return write.then(() => {
        if (JSON.stringify(previous) !== JSON.stringify(next)) {
          for (const l of [...listeners]) l(clone(next), previous);
        }
        return clone(next);
      });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}

function normalize(s: z.infer<typeof SettingsFile>): RuntimeSettings {
  return clone(s);
}

/** A copy; insecureAccepted only when it holds something. */
function clone(s: RuntimeSettings): RuntimeSettings {
  const out: RuntimeSettings = {
    engine: s.engine,
    tls: s.tls === null ? null : { ...s.tls },
    keepEmbeddedEngine: s.keepEmbeddedEngine,
  };
  if (s.insecureAccepted && s.insecureAccepted.length > 0) out.insecureAccepted = [...s.insecureAccepted];
  if (s.notifications) out.notifications = { ...s.notifications };
  if (s.hostShell !== undefined) out.hostShell = s.hostShell;
  for (const key of DESKTOP_KEYS) if (s[key] !== undefined) Object.assign(out, { [key]: s[key] });
  if (s.engineContext) out.engineContext = { ...s.engineContext };
  return out;
}
