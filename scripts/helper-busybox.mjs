// Wharf's helper image content: Debian's static busybox for amd64 and arm64,
// pinned in native/helper/busybox.json (package version, the sha256 of each
// .deb and of each extracted binary). Puts dist/helper/<arch>/busybox in place
// for `npm start`, the tests and the packaged app (package.json
// build.extraResources), fetching a .deb only when neither dist/ nor the cache
// (~/.cache/wharf/helper) has it:
//
//   node scripts/helper-busybox.mjs          put the binaries in place (build.mjs does this)
//
// The mirror is the Debian one apt uses (/etc/apt/sources.list*), or
// $WHARF_HELPER_MIRROR; $WHARF_HELPER_DEBS names a folder already holding the
// .debs (offline builds). Every file is checked against busybox.json before it
// is used. Extracting needs dpkg-deb (Debian and Ubuntu have it; elsewhere
// install dpkg). To move to a newer busybox-static, change busybox.json (the
// hashes from the mirror's signed Packages index) and bump "revision".
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PINS = JSON.parse(readFileSync(join(root, 'native', 'helper', 'busybox.json'), 'utf8'));

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const readIf = (path) => readFile(path).catch(() => undefined);

/** The Debian mirror apt uses here (the first non-security one), as native/vm/build-image.sh finds it. */
export function debianMirror(env = process.env) {
  if (env.WHARF_HELPER_MIRROR) return env.WHARF_HELPER_MIRROR.replace(/\/+$/, '');
  const texts = [];
  for (const dir of ['/etc/apt/sources.list', '/etc/apt/sources.list.d']) {
    try {
      if (dir.endsWith('.d')) {
        for (const f of readdirSync(dir))
          if (/\.(list|sources)$/.test(f)) texts.push(readFileSync(join(dir, f), 'utf8'));
      } else texts.push(readFileSync(dir, 'utf8'));
    } catch {
      // not on this machine
    }
  }
  const found = texts
    .flatMap((t) => t.split('\n'))
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.match(/https?:\/\/\S+\/debian\/?(?=\s|$)/g) ?? [])
    .find((url) => !url.includes('security'));
  return (found ?? 'http://deb.debian.org/debian').replace(/\/+$/, '');
}

function cacheDir(env = process.env) {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wharf', 'helper');
}

async function download(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The verified .deb for `arch`: from $WHARF_HELPER_DEBS, the cache, or the mirror (then cached). */
async function debFor(arch, pin, env) {
  const name = basename(pin.deb);
  const local = env.WHARF_HELPER_DEBS ? await readIf(join(env.WHARF_HELPER_DEBS, name)) : undefined;
  if (local !== undefined) {
    if (sha256(local) !== pin.debSha256)
      throw new Error(`${join(env.WHARF_HELPER_DEBS, name)} is not the pinned ${name} (sha256 differs)`);
    return local;
  }
  const cached = join(cacheDir(env), name);
  const hit = await readIf(cached);
  if (hit !== undefined && sha256(hit) === pin.debSha256) return hit;
  const url = `${debianMirror(env)}/${pin.deb}`;
  const bytes = await download(url).catch((error) => {
    throw new Error(`could not download ${url} (${error.cause?.message ?? error.message})`);
  });
  if (sha256(bytes) !== pin.debSha256)
    throw new Error(`${url} is not the pinned ${PINS.package} ${PINS.version} for ${arch} (sha256 differs)`);
  await mkdir(dirname(cached), { recursive: true });
  await writeFile(`${cached}.part`, bytes);
  await rename(`${cached}.part`, cached);
  return bytes;
}

/** /bin/busybox out of the .deb (dpkg-deb -x), checked against the pinned hash. */
async function extract(arch, pin, deb) {
  const work = await mkdtemp(join(tmpdir(), 'wharf-helper-'));
  try {
    await writeFile(join(work, 'p.deb'), deb);
    await promisify(execFile)('dpkg-deb', ['-x', join(work, 'p.deb'), join(work, 'x')]).catch((error) => {
      throw new Error(
        error.code === 'ENOENT'
          ? 'dpkg-deb is missing (install dpkg: apt-get install dpkg, brew install dpkg)'
          : `dpkg-deb failed: ${error.message}`,
      );
    });
    const bytes = await readFile(join(work, 'x', 'bin', 'busybox'));
    if (sha256(bytes) !== pin.busyboxSha256)
      throw new Error(`bin/busybox in ${basename(pin.deb)} is not the pinned binary (sha256 differs)`);
    return bytes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Puts <out>/<arch>/busybox in place for every pinned arch. Returns the
 * problems (one line each; empty when all are there) rather than throwing.
 */
export async function ensureHelperBusybox({ out = join(root, 'dist', 'helper'), env = process.env } = {}) {
  const problems = [];
  for (const [arch, pin] of Object.entries(PINS.arches)) {
    const target = join(out, arch, 'busybox');
    const have = await readIf(target);
    if (have !== undefined && sha256(have) === pin.busyboxSha256) continue;
    try {
      const cachedBin = join(cacheDir(env), PINS.version.replace(/[^\w.-]/g, '_'), arch, 'busybox');
      let bytes = await readIf(cachedBin);
      if (bytes === undefined || sha256(bytes) !== pin.busyboxSha256) {
        bytes = await extract(arch, pin, await debFor(arch, pin, env));
        await mkdir(dirname(cachedBin), { recursive: true });
        await writeFile(cachedBin, bytes, { mode: 0o755 });
      }
      await mkdir(dirname(target), { recursive: true });
      await copyFile(cachedBin, `${target}.part`);
      await chmod(`${target}.part`, 0o755);
      await rename(`${target}.part`, target);
    } catch (error) {
      problems.push(`${arch}: ${error.message}`);
    }
  }
  return problems;
}

/** The line a build prints when the helper binaries could not be had. */
export function describeProblems(problems) {
  return [
    `Wharf's helper (${PINS.package} ${PINS.version}) could not be put in dist/helper:`,
    ...problems.map((p) => `  - ${p}`),
    '  Volume browsing, editing, clone, export and import will say the helper is missing until it is.',
    '  Needs: the Debian mirror (or WHARF_HELPER_MIRROR / WHARF_HELPER_DEBS) and dpkg-deb.',
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = await ensureHelperBusybox();
  if (problems.length > 0) {
    console.error(describeProblems(problems));
    process.exit(1);
  }
  console.log(`Wharf helper: ${PINS.package} ${PINS.version} in dist/helper (${Object.keys(PINS.arches).join(', ')})`);
}
