// Listing a folder and stat-ing one path. Through exec: the names (one
// `find -maxdepth 1`, no file content read), then a stat of only the page
// asked for, in the same exec (the page's names go to its stdin once Wharf
// sorted the names), so the first page of a 50,000-file folder costs one exec.
// Stopped containers: the archive API on the folder, reading tar headers and
// skipping contents.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { FileEntry, FileType } from './types';
import type { HelperPool } from './helper';
import { baseName, joinPath } from './paths';
import { execStream } from './exec';
import { type Place, inPlace, inPlaceRetried, runScript } from './place';
import { scriptArgv, scriptError } from './scripts';
import { readTar, type TarHeader } from './tar';
import { type OrderedNames, orderedNames, sortNames } from './order';

const S_IFMT = 0o170000;
const TYPES: Record<number, FileType> = { 0o040000: 'dir', 0o100000: 'file', 0o120000: 'symlink' };

/** "81a4 12 0 0 1700000000" (stat -c '%f %s %u %g %Y') → the entry's fields. */
export function parseStatLine(line: string): Omit<FileEntry, 'name' | 'path'> | undefined {
  const parts = line.trim().split(' ');
  if (parts.length !== 5) return undefined;
  const [modeHex, size, uid, gid, mtime] = parts as [string, string, string, string, string];
  const raw = parseInt(modeHex, 16);
  if (Number.isNaN(raw)) return undefined;
  return {
    type: TYPES[raw & S_IFMT] ?? 'other',
    size: Number(size),
    mode: raw & 0o7777,
    uid: Number(uid),
    gid: Number(gid),
    mtime: Number(mtime),
  };
}

/** The folder's stamp, then find's "./file\0./folder\0./folder\0…" (a folder twice in a row) → folder names and other names, each in order. */
export function parseNames(out: Buffer): Listed {
  const dirs: string[] = [];
  const others: string[] = [];
  const items = out.toString('utf8').split('\0');
  const stamp = items[0]?.startsWith('./') ? '' : (items[0] ?? '');
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as string;
    if (!item.startsWith('./')) continue;
    if (items[i + 1] === item) {
      dirs.push(item.slice(2));
      i++;
    } else others.push(item.slice(2));
  }
  return { stamp, dirs: orderedNames(dirs), others: orderedNames(others) };
}

export interface Page {
  entries: FileEntry[];
  total: number;
}

/** The names of a folder listed lately, kept while the folder's stamp is unchanged. */
export interface Listed {
  stamp: string;
  dirs: OrderedNames;
  others: OrderedNames;
}
const listed = new Map<string, Listed>();
const LISTED_MAX = 8;

export async function listByExec(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  path: string,
  offset: number,
  limit: number,
  showHidden: boolean,
): Promise<Page> {
  const full = inPlace(place, path);
  const key = `${place.containerId}\0${full}`;
  const own = path === '/' ? (place.hidden ?? []) : [];
  const visible = (n: string) => (showHidden || !n.startsWith('.')) && !own.includes(n);
  const keep = (names: Listed) => {
    listed.delete(key);
    listed.set(key, names);
    if (listed.size > LISTED_MAX) listed.delete(listed.keys().next().value as string);
  };
  // Paging through a folder lists it once: each page's stat call also says
  // whether the folder changed since (its stamp), and only then is it listed again.
  for (let attempt = 0; attempt < 2; attempt++) {
    let names = listed.get(key);
    // A first page (opening or refreshing a folder) always lists it afresh: the names and the page's stat in one exec.
    if (names === undefined || attempt > 0 || offset === 0) {
      const first = await listAndStat(docker, pool, place, full, path, (found) =>
        pageOf(found, visible, offset, limit),
      );
      keep(first.names);
      if (first.stat !== undefined) {
        const page = first.page;
        // The whole order, for the next pages, once this one is answered.
        setImmediate(() => (first.names.dirs.all(), first.names.others.all()));
        return { entries: parseStatPage(first.stat, path, page.names), total: page.total };
      }
      names = first.names;
    }
    const page = pageOf(names, visible, offset, limit);
    const stat = await runScript(docker, pool, place, 'statNames', [full, ...page.names.map((n) => `./${n}`)], path);
    const newline = stat.stdout.indexOf(0x0a);
    const stamp = stat.stdout.subarray(0, newline).toString('utf8');
    if (stamp !== names.stamp && attempt === 0 && offset > 0) continue;
    return { entries: parseStatPage(stat.stdout.subarray(newline + 1), path, page.names), total: page.total };
  }
  throw new ApiError({ code: 'engine', message: `"${path}" keeps changing while it is listed; try again.` });
}

/** One page of a listed folder: its names in order, and how many names the folder shows in all. */
interface NamesPage {
  names: string[];
  total: number;
}

/** The names shown from `offset` (folders first), only those `visible` accepts. */
export function pageOf(names: Listed, visible: (name: string) => boolean, offset: number, limit: number): NamesPage {
  const dirs = names.dirs.count(visible);
  const total = dirs + names.others.count(visible);
  const want = offset + limit;
  // The first min(want, dirs) folders when the page starts among them; the others, counted from the first one.
  const head = offset < dirs ? names.dirs.first(want, visible) : [];
  const tail = want > dirs ? names.others.first(want - dirs, visible) : [];
  return { names: offset < dirs ? [...head, ...tail].slice(offset, want) : tail.slice(offset - dirs), total };
}

/** The listing, the page picked from it, and its stat output (undefined when the page holds a name the script could not be sent: one with a newline). */
interface Listing {
  names: Listed;
  page: NamesPage;
  stat: Buffer | undefined;
}

/** Output past this is an error, as execCollect's. */
const LIST_MAX_BYTES = 64 * 1024 * 1024;

/**
 * One exec lists the folder, waits for the page's names (`pick` chooses them
 * from the sorted listing) on its stdin and stats them: a first page costs one
 * exec's start, not two.
 */
async function listAndStat(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  full: string,
  shown: string,
  pick: (names: Listed) => NamesPage,
): Promise<Listing> {
  return inPlaceRetried(docker, pool, place, async (current) => {
    const argv = scriptArgv('listPage', current.root, [full], current.via === 'mount');
    const { stdout, stdin, done } = await execStream(docker, current.containerId, argv, undefined, true);
    const chunks: Buffer[] = [];
    let size = 0;
    let names: Listed | undefined;
    let page: NamesPage | undefined;
    let statFrom = 0;
    let sendable = true;
    let last = -1;
    const answer = () => {
      const out = Buffer.concat(chunks);
      const end = out.indexOf(END_OF_NAMES);
      if (end < 0) return;
      names = parseNames(out.subarray(0, end + 1));
      statFrom = end + 2;
      page = pick(names);
      // A name holding a newline cannot go one a line: none is sent, and the page is stat-ed on its own.
      sendable = !page.names.some((n) => n.includes('\n'));
      // An empty line ends the names; stdin stays open until the command has ended.
      stdin?.write(sendable && page.names.length > 0 ? `${page.names.join('\n')}\n\n` : '\n');
    };
    let result: Awaited<typeof done>;
    try {
      // As execCollect: the engine's stream failing fails `done` before stdout could end.
      [result] = await Promise.all([
        done,
        new Promise<void>((resolve, reject) => {
          stdout.on('data', (c: Buffer) => {
            size += c.length;
            if (size > LIST_MAX_BYTES) {
              stdout.destroy(new Error(`the listing of "${shown}" was larger than ${LIST_MAX_BYTES} bytes`));
              return;
            }
            chunks.push(c);
            // The names end where two NULs meet, maybe across two chunks.
            if (names === undefined && ((last === 0 && c[0] === 0) || c.includes(END_OF_NAMES))) answer();
            last = c[c.length - 1] ?? last;
          });
          stdout.on('end', resolve);
          stdout.on('error', reject);
        }),
      ]);
    } finally {
      stdin?.end();
    }
    if (result.exitCode !== 0) throw scriptError(result.exitCode, result.stderr, shown);
    if (names === undefined || page === undefined)
      throw new ApiError({ code: 'engine', message: `Could not list "${shown}".` });
    // The stat lines end with a NUL: without it the output was cut short, and the page is stat-ed on its own.
    const stat = Buffer.concat(chunks).subarray(statFrom);
    return { names, page, stat: sendable && stat.includes(0) ? stat : undefined };
  });
}

const END_OF_NAMES = Buffer.from([0, 0]);

/** The stat lines (one per name, "-" for a vanished one), a NUL, then name/target pairs for links. */
export function parseStatPage(out: Buffer, dir: string, names: readonly string[]): FileEntry[] {
  const text = out.toString('utf8');
  const nul = text.indexOf('\0');
  const lines = (nul < 0 ? text : text.slice(0, nul)).split('\n').filter((l) => l !== '');
  const links = new Map<string, string>();
  if (nul >= 0) {
    const pairs = text.slice(nul + 1).split('\0');
    for (let i = 0; i + 1 < pairs.length; i += 2) links.set((pairs[i] ?? '').replace(/^\.\//, ''), pairs[i + 1] ?? '');
  }
  const entries: FileEntry[] = [];
  names.forEach((name, i) => {
    const fields = parseStatLine(lines[i] ?? '-');
    if (fields === undefined) return;
    const entry: FileEntry = { name, path: joinPath(dir, name), ...fields };
    const target = links.get(name);
    if (fields.type === 'symlink' && target !== undefined) entry.linkTarget = target;
    entries.push(entry);
  });
  return entries;
}

export async function statByExec(docker: Docker, pool: HelperPool, place: Place, path: string): Promise<FileEntry> {
  const { stdout } = await runScript(docker, pool, place, 'statOne', [inPlace(place, path)], path);
  // The stat line, then the link target exactly as it is (it may hold newlines).
  const text = stdout.toString('utf8');
  const newline = text.indexOf('\n');
  const line = newline < 0 ? text : text.slice(0, newline);
  const target = newline < 0 ? undefined : text.slice(newline + 1);
  const fields = parseStatLine(line);
  if (fields === undefined) throw new ApiError({ code: 'engine', message: `Could not read the details of "${path}".` });
  const entry: FileEntry = { name: path === '/' ? '/' : baseName(path), path, ...fields };
  if (fields.type === 'symlink' && target !== undefined) entry.linkTarget = target;
  return entry;
}

/** X-Docker-Container-Path-Stat, as Docker and Podman send it (base64 JSON). */
interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget?: string;
}

// Go's os.FileMode: type bits at the top, permissions in the low 9 bits.
const GO_DIR = 2 ** 31;
const GO_SYMLINK = 2 ** 27;
const GO_SETUID = 2 ** 23;
const GO_SETGID = 2 ** 22;
const GO_STICKY = 2 ** 20;

export function fromPathStat(path: string, stat: PathStat): FileEntry {
  const m = stat.mode;
  const type: FileType =
    m >= GO_DIR ? 'dir' : Math.floor(m / GO_SYMLINK) % 2 === 1 ? 'symlink' : m < 2 ** 20 ? 'file' : 'other';
  const bit = (b: number) => Math.floor(m / b) % 2 === 1;
  const mode =
    (m & 0o777) | (bit(GO_SETUID) ? 0o4000 : 0) | (bit(GO_SETGID) ? 0o2000 : 0) | (bit(GO_STICKY) ? 0o1000 : 0);
  const entry: FileEntry = {
    name: path === '/' ? '/' : baseName(path),
    path,
    type,
    size: stat.size,
    mode,
    uid: 0,
    gid: 0,
    mtime: Math.floor(Date.parse(stat.mtime) / 1000),
  };
  if (type === 'symlink' && stat.linkTarget) entry.linkTarget = stat.linkTarget;
  return entry;
}

/** HEAD /containers/{id}/archive: stat without content (the engine resolves links inside the container). */
export async function statByArchive(docker: Docker, place: Place, path: string): Promise<FileEntry> {
  // dockerode hands back the HEAD response itself; the stat is in a header.
  const res = (await docker.getContainer(place.containerId).infoArchive({ path })) as unknown as {
    headers: Record<string, string | undefined>;
    resume?: () => void;
  };
  res.resume?.();
  const header = res.headers['x-docker-container-path-stat'];
  if (header === undefined) throw new ApiError({ code: 'engine', message: `The engine did not describe "${path}".` });
  return fromPathStat(path, JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as PathStat);
}

/**
 * GET /containers/{id}/archive on the folder: the engine sends the whole
 * subtree, so this reads headers only and keeps the direct children.
 */
export async function listByArchive(
  docker: Docker,
  place: Place,
  path: string,
  offset: number,
  limit: number,
  showHidden: boolean,
): Promise<Page> {
  const dirStat = await statByArchive(docker, place, path);
  if (dirStat.type !== 'dir') throw new ApiError({ code: 'invalid-input', message: `"${path}" is not a folder.` });
  const stream = (await docker
    .getContainer(place.containerId)
    .getArchive({ path: path === '/' ? '/.' : `${path}/.` })) as unknown as Readable;
  const children: TarHeader[] = [];
  try {
    await readTar(stream, (h) => {
      const rel = h.path.replace(/^\.?\/?/, '').replace(/\/$/, '');
      const parts = rel.split('/').filter((p) => p !== '');
      // The archive of "dir/." names entries "./a", "./a/b"; a few engines prefix the folder's own name.
      if (parts.length === 1 && parts[0] !== '.') children.push({ ...h, path: parts[0] as string });
    });
  } finally {
    stream.destroy();
  }
  const byName = new Map(children.filter((c) => showHidden || !c.path.startsWith('.')).map((c) => [c.path, c]));
  const order = (dir: boolean) =>
    sortNames([...byName.values()].filter((c) => (c.type === 'dir') === dir).map((c) => c.path));
  const visible = [...order(true), ...order(false)].map((n) => byName.get(n) as TarHeader);
  const entries = visible.slice(offset, offset + limit).map((h): FileEntry => {
    const entry: FileEntry = {
      name: h.path,
      path: joinPath(path, h.path),
      type: h.type,
      size: h.size,
      mode: h.mode,
      uid: h.uid,
      gid: h.gid,
      mtime: h.mtime,
    };
    if (h.linkTarget !== undefined) entry.linkTarget = h.linkTarget;
    return entry;
  });
  return { entries, total: visible.length };
}
