// `npm run dist`'s compose step: puts a compose v2 binary for each macOS and
// Windows target in dist/compose/<os>-<arch>/, which electron-builder ships as
// <resources>/compose (package.json build.mac/win.extraResources), where the
// runtime looks first. Nothing is downloaded unless asked:
//
//   WHARF_COMPOSE_DIR=/path   a folder holding Docker's release files, named
//                             as on github.com/docker/compose/releases
//                             (docker-compose-darwin-aarch64, …-windows-x86_64.exe)
//   WHARF_COMPOSE_URL=https://github.com/docker/compose/releases/download/v2.40.3
//                             the same files fetched from a release, each
//                             checked against its .sha256
//
// With neither, or a target's file missing, the app is built without it (and
// says so): compose then uses the tools installed on the user's machine.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DIST_COMPOSE = join(import.meta.dirname, '..', 'dist', 'compose');

/** electron-builder's ${os}-${arch} for each platform that carries compose, and Docker's name for its binary. */
export const COMPOSE_TARGETS = [
  { target: 'mac-x64', release: 'docker-compose-darwin-x86_64', file: 'docker-compose' },
  { target: 'mac-arm64', release: 'docker-compose-darwin-aarch64', file: 'docker-compose' },
  { target: 'win-x64', release: 'docker-compose-windows-x86_64.exe', file: 'docker-compose.exe' },
  { target: 'win-arm64', release: 'docker-compose-windows-aarch64.exe', file: 'docker-compose.exe' },
] as const;

export type ComposeSource = { kind: 'file'; path: string } | { kind: 'url'; url: string; sha256Url: string };

export interface ComposePlan {
  place: { target: string; source: ComposeSource; dest: string }[];
  /** Targets built without compose, and why. */
  skipped: { target: string; why: string }[];
}

export function planCompose(
  env: { dir?: string | undefined; url?: string | undefined },
  exists: (path: string) => boolean,
  out = DIST_COMPOSE,
): ComposePlan {
  const plan: ComposePlan = { place: [], skipped: [] };
  const base = env.url?.replace(/\/+$/, '');
  if (base !== undefined && !/^https:\/\/[^\s]+$/.test(base)) {
    for (const t of COMPOSE_TARGETS)
      plan.skipped.push({ target: t.target, why: `WHARF_COMPOSE_URL is not an https:// address` });
    return plan;
  }
  for (const t of COMPOSE_TARGETS) {
    const dest = join(out, t.target, t.file);
    if (env.dir) {
      const path = join(env.dir, t.release);
      if (exists(path)) plan.place.push({ target: t.target, source: { kind: 'file', path }, dest });
      else plan.skipped.push({ target: t.target, why: `${t.release} is not in ${env.dir}` });
    } else if (base) {
      const url = `${base}/${t.release}`;
      plan.place.push({ target: t.target, source: { kind: 'url', url, sha256Url: `${url}.sha256` }, dest });
    } else {
      plan.skipped.push({ target: t.target, why: 'neither WHARF_COMPOSE_DIR nor WHARF_COMPOSE_URL is set' });
    }
  }
  return plan;
}

/** The digest a release's .sha256 file gives ("<hex>  *<name>" or "<hex>"). */
export function parseSha256File(text: string): string | undefined {
  return /^([0-9a-f]{64})\b/i.exec(text.trim())?.[1]?.toLowerCase();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function place(source: ComposeSource, dest: string): Promise<void> {
  mkdirSync(join(dest, '..'), { recursive: true });
  if (source.kind === 'file') {
    // A .sha256 beside the file is checked too, when there is one (before anything is placed).
    const sums = `${source.path}.sha256`;
    if (existsSync(sums)) verify(readFileSync(source.path), readFileSync(sums, 'utf8'), source.path);
    copyFileSync(source.path, dest);
  } else {
    const [bytes, sums] = await Promise.all([download(source.url), download(source.sha256Url)]);
    verify(bytes, new TextDecoder().decode(sums), source.url);
    writeFileSync(dest, bytes);
  }
  chmodSync(dest, 0o755);
}

function verify(bytes: Uint8Array, sums: string, what: string): void {
  const expected = parseSha256File(sums);
  if (expected === undefined) throw new Error(`${what}.sha256 holds no SHA-256 digest`);
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`${what} does not match its .sha256 (${actual}, expected ${expected})`);
}

async function main(): Promise<void> {
  // WHARF_DIST_COMPOSE: another folder to place them in (tests).
  const out = process.env.WHARF_DIST_COMPOSE ? resolve(process.env.WHARF_DIST_COMPOSE) : DIST_COMPOSE;
  const plan = planCompose(
    {
      dir: process.env.WHARF_COMPOSE_DIR ? resolve(process.env.WHARF_COMPOSE_DIR) : undefined,
      url: process.env.WHARF_COMPOSE_URL,
    },
    existsSync,
    out,
  );
  rmSync(out, { recursive: true, force: true });
  for (const p of plan.place) {
    await place(p.source, p.dest);
    console.log(`wharf dist: compose for ${p.target} in ${p.dest}`);
  }
  if (plan.skipped.length > 0) {
    console.warn(
      `wharf dist: no compose binary for ${plan.skipped.map((s) => s.target).join(', ')} (${plan.skipped[0]!.why}). ` +
        'Those apps are built without it and use the compose tool installed on the machine. ' +
        'See docs/packaging.md (WHARF_COMPOSE_DIR or WHARF_COMPOSE_URL).',
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`wharf dist: ${(e as Error).message}`);
    process.exit(1);
  });
}
