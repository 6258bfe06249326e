// WSL2 takes the CPUs and memory of its VM from %UserProfile%\.wslconfig
// (`[wsl2]` `processors=`, `memory=`), for every distro at once, after
// `wsl --shutdown`. Wharf changes only those two keys in [wsl2], keeping every
// other line (comments, other keys and sections, the line endings) as it was,
// and only once the user agreed.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WslConfigStatus } from '../domains/vm/types';

export interface WslResources {
  cpus: number;
  memoryMiB: number;
}

/** Where WSL reads its settings: %UserProfile%\.wslconfig. */
export function wslConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.USERPROFILE ?? homedir(), '.wslconfig');
}

const SECTION = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/;
const KEY = /^(\s*)([A-Za-z0-9_.]+)(\s*=\s*)([^#;\r\n]*?)(\s*[#;].*)?$/;

/** A size as WSL writes it (4GB, 512MB, 1024KB, bytes) in MiB; undefined when unreadable. */
export function parseWslSize(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(TB|GB|MB|KB|T|G|M|K|B)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'B').toUpperCase().replace(/B$/, '') || 'B';
  const mib = { T: n * 1024 * 1024, G: n * 1024, M: n, K: n / 1024, B: n / 1024 / 1024 }[unit];
  return mib === undefined ? undefined : Math.round(mib);
}

/** What [wsl2] says about processors and memory now (undefined: not set, so WSL's default). */
export function readWslResources(text: string): { processors?: number; memoryMiB?: number; memoryText?: string } {
  const out: { processors?: number; memoryMiB?: number; memoryText?: string } = {};
  let section = '';
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const s = SECTION.exec(line);
    if (s) {
      section = (s[1] ?? '').trim().toLowerCase();
      continue;
    }
    if (section !== 'wsl2') continue;
    const k = KEY.exec(line);
    if (!k) continue;
    const key = (k[2] ?? '').toLowerCase();
    const value = (k[4] ?? '').trim();
    if (key === 'processors' && /^\d+$/.test(value)) out.processors = Number(value);
    if (key === 'memory') {
      out.memoryText = value;
      const mib = parseWslSize(value);
      if (mib !== undefined) out.memoryMiB = mib;
    }
  }
  return out;
}

/** The memory as Wharf writes it: whole GB when it divides evenly, else MB. */
export function formatWslMemory(memoryMiB: number): string {
  return memoryMiB % 1024 === 0 ? `${memoryMiB / 1024}GB` : `${memoryMiB}MB`;
}

/**
 * The file with [wsl2] processors= and memory= set, and nothing else changed:
 * existing keys are rewritten in place (their spacing and trailing comments
 * kept), missing ones are added after the section's last setting, and a file
 * without [wsl2] gets the section at its end.
 */
export function setWslResources(text: string, wanted: WslResources): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const lines = body.split(/\r?\n/);
  const values: Record<string, string> = { processors: String(wanted.cpus), memory: formatWslMemory(wanted.memoryMiB) };
  const seen = new Set<string>();
  let section = '';
  let wsl2Header = -1;
  let wsl2Last = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const s = SECTION.exec(line);
    if (s) {
      section = (s[1] ?? '').trim().toLowerCase();
      if (section === 'wsl2' && wsl2Header < 0) {
        wsl2Header = i;
        wsl2Last = i;
      }
      continue;
    }
    if (section !== 'wsl2') continue;
    const k = KEY.exec(line);
    if (!k) continue;
    const key = (k[2] ?? '').toLowerCase();
    if (wsl2Header >= 0) wsl2Last = i;
    if (key in values) {
      lines[i] = `${k[1] ?? ''}${k[2] ?? ''}${k[3] ?? ''}${values[key]}${k[5] ?? ''}`;
      seen.add(key);
    }
  }
  const missing = Object.keys(values)
    .filter((key) => !seen.has(key))
    .map((key) => `${key}=${values[key]}`);
  if (missing.length > 0) {
    if (wsl2Header >= 0) {
      lines.splice(wsl2Last + 1, 0, ...missing);
    } else {
      // A new section at the end, after one blank line when the file has text.
      while (lines.length > 0 && lines.at(-1) === '') lines.pop();
      if (lines.length > 0) lines.push('');
      lines.push('[wsl2]', ...missing, '');
    }
  }
  return bom + lines.join(eol);
}

/** How .wslconfig stands against what Wharf's settings want. */
export function wslConfigStatus(path: string, wanted: WslResources, restartNeeded = false): WslConfigStatus {
  let text = '';
  const exists = existsSync(path);
  if (exists) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = '';
    }
  }
  const current = readWslResources(text);
  const next = setWslResources(text, wanted);
  const changed = (before: string[], after: string[]) => after.filter((l) => !before.includes(l));
  const beforeLines = text.split(/\r?\n/);
  const afterLines = next.split(/\r?\n/);
  return {
    path,
    exists,
    current: {
      ...(current.processors !== undefined ? { processors: current.processors } : {}),
      ...(current.memoryText !== undefined ? { memory: current.memoryText } : {}),
    },
    wanted: { processors: wanted.cpus, memory: formatWslMemory(wanted.memoryMiB) },
    matches: next === text,
    removed: changed(afterLines, beforeLines).filter((l) => l.trim() !== ''),
    added: changed(beforeLines, afterLines).filter((l) => l.trim() !== ''),
    restartNeeded,
  };
}

/** Writes the two keys (through a temporary file, so a failure leaves the old file whole). */
export function writeWslResources(path: string, wanted: WslResources): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const next = setWslResources(text, wanted);
  if (next === text) return;
  const tmp = `${path}.wharf-tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, path);
}
