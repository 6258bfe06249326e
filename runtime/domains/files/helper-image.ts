// Wharf's own helper image: Debian's static busybox (pinned in
// native/helper/busybox.json, put beside Wharf at build time) in one layer,
// made in memory as a docker-archive and loaded with POST /images/load. No
// pull, no registry: it works on any engine, local or remote, Docker or
// Podman. Everything in it is fixed (times, owners, order), so its image ID,
// the sha256 of its config, is known before it is loaded: the helper is that
// ID, never whatever image happens to carry a name.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import pins from '../../../native/helper/busybox.json';
import { ApiError } from '../../api/errors';
import { helperDirCandidates } from '../../paths';
import { tarArchive } from './tar';

export type HelperArch = keyof typeof pins.arches;

/** On the helper image (and so on containers made from it): the busybox version it holds. */
export const HELPER_IMAGE_LABEL = 'io.wharf.helper-image';

/** The repository the helper image is tagged in. */
export const HELPER_REPO = 'wharf-helper';

/** "1:1.35.0-4+deb12u1+b1" and revision 1 → "1.35.0-4-deb12u1-b1-r1" (a tag allows [A-Za-z0-9_.-]). */
export const HELPER_TAG = `${pins.version.replace(/^\d+:/, '').replace(/[^\w.-]/g, '-')}-r${pins.revision}`;

/** The helper image's name as a user would type it. */
export const HELPER_IMAGE = `${HELPER_REPO}:${HELPER_TAG}`;

export const HELPER_VERSION = pins.version;

/** Every file in the image has this time: the image, and so its ID, are the same on every build. */
const EPOCH = Date.UTC(2025, 0, 1) / 1000;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The engine's architecture (GOARCH as `/version` reports it, or uname's) as the helper names it. */
export function helperArch(engineArch: string | undefined): HelperArch | undefined {
  const a = (engineArch ?? '').toLowerCase();
  if (a === 'amd64' || a === 'x86_64') return 'amd64';
  if (a === 'arm64' || a === 'aarch64') return 'arm64';
  return undefined;
}

const missing = (detail: string) =>
  new ApiError({
    code: 'unavailable',
    message: `Wharf's helper is missing, so it cannot look inside volumes: ${detail}`,
    hint: 'The helper (a static busybox) ships with Wharf. Reinstall Wharf; when running from source, run "npm run build" on Linux with the Debian mirror reachable.',
  });

/**
 * The shipped busybox for `arch`, checked against its pinned sha256.
 * `dirs`: where to look (the packaged app's resources, dist/helper).
 */
export async function helperBusybox(
  arch: HelperArch,
  dirs: readonly string[] = helperDirCandidates(),
): Promise<Buffer> {
  const want = pins.arches[arch].busyboxSha256;
  let wrong: string | undefined;
  for (const dir of dirs) {
    const path = join(dir, arch, 'busybox');
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes === undefined) continue;
    if (sha256(bytes) === want) return bytes;
    wrong = path;
  }
  throw missing(
    wrong !== undefined
      ? `${wrong} is not the busybox this Wharf was built with (its sha256 differs).`
      : `no ${arch}/busybox in ${dirs.join(' or ')}.`,
  );
}

/** The engine's architecture (its own `/version` Arch), as the helper names it; an error for one Wharf has no helper for. */
export async function engineHelperArch(docker: Docker): Promise<HelperArch> {
  const version = (await docker.version()) as { Arch?: string };
  const arch = helperArch(version.Arch);
  if (arch === undefined) {
    throw new ApiError({
      code: 'unavailable',
      message: `Wharf's helper runs on amd64 and arm64 engines; this engine is ${version.Arch ?? 'of an unknown architecture'}, so Wharf cannot look inside its volumes.`,
    });
  }
  return arch;
}

export interface HelperArchive {
  /** "sha256:<hex>": what the engine reports as the image's ID once loaded. */
  id: string;
  /** The docker-archive tar (manifest.json, the config, one layer), made on first use. */
  readonly tar: Buffer;
}

/** The image as a docker-archive tar; the same bytes for the same busybox. */
export function helperArchive(arch: HelperArch, busybox: Buffer): HelperArchive {
  const entry = { uid: 0, gid: 0, mtime: EPOCH };
  const layer = tarArchive([
    { ...entry, path: 'bin', type: 'dir', mode: 0o755 },
    { ...entry, path: 'bin/busybox', type: 'file', mode: 0o755, data: busybox },
    ...pins.applets.map((a) => ({ ...entry, path: `bin/${a}`, type: 'symlink' as const, linkTarget: 'busybox' })),
    { ...entry, path: 'tmp', type: 'dir', mode: 0o1777 },
  ]);
  const diffId = sha256(layer);
  const created = new Date(EPOCH * 1000).toISOString();
  const config = JSON.stringify({
    architecture: arch,
    os: 'linux',
    created,
    config: {
      Env: ['PATH=/bin'],
      Cmd: ['sh'],
      WorkingDir: '/',
      Labels: {
        [HELPER_IMAGE_LABEL]: pins.version,
        'org.opencontainers.image.title': "Wharf's helper (Debian busybox-static)",
        'org.opencontainers.image.version': pins.version,
      },
    },
    rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] },
    history: [
      {
        created,
        created_by: `Wharf: ${pins.package} ${pins.version} (${arch}), sha256 ${pins.arches[arch].busyboxSha256}`,
      },
    ],
  });
  const configId = sha256(config);
  const manifest = JSON.stringify([
    { Config: `${configId}.json`, RepoTags: [HELPER_IMAGE], Layers: [`${diffId}/layer.tar`] },
  ]);
  let tar: Buffer | undefined;
  return {
    id: `sha256:${configId}`,
    // Made only when the image is loaded (a copy of 2 MB that finding the image by its ID does not need).
    get tar() {
      tar ??= tarArchive([
        { ...entry, path: `${diffId}`, type: 'dir', mode: 0o755 },
        { ...entry, path: `${diffId}/layer.tar`, type: 'file', mode: 0o644, data: layer },
        { ...entry, path: `${configId}.json`, type: 'file', mode: 0o644, data: Buffer.from(config) },
        { ...entry, path: 'manifest.json', type: 'file', mode: 0o644, data: Buffer.from(manifest) },
      ]);
      return tar;
    },
  };
}

/** The names an engine gives the helper: Podman qualifies a bare name with localhost/. */
export const isHelperName = (tag: string): boolean =>
  tag === HELPER_IMAGE || tag === `localhost/${HELPER_IMAGE}` || tag === `docker.io/library/${HELPER_IMAGE}`;

interface InspectedImage {
  Id: string;
  RepoTags?: string[] | null;
}

async function inspectImage(docker: Docker, ref: string): Promise<InspectedImage | undefined> {
  return (docker.getImage(ref).inspect() as Promise<InspectedImage>).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return undefined;
    throw error;
  });
}

const sameId = (a: string, b: string) => a.replace(/^sha256:/, '') === b.replace(/^sha256:/, '');

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  return text;
}

export interface HelperImage {
  /** The image ID every helper container is made from. */
  id: string;
  /** Its name, for the commands Wharf shows. */
  name: string;
  arch: HelperArch;
}

/**
 * Makes sure the engine has Wharf's helper image: found by its ID (known in
 * advance), else loaded from the shipped busybox; then named
 * wharf-helper:<version> (a name that pointed at another image is moved to
 * ours). An image that merely has the name is never used.
 */
export async function ensureHelperImage(docker: Docker, dirs?: readonly string[]): Promise<HelperImage> {
  const arch = await engineHelperArch(docker);
  const archive = helperArchive(arch, await helperBusybox(arch, dirs));
  let found = await inspectImage(docker, archive.id);
  if (found === undefined) {
    const output = await drain(await docker.loadImage(Readable.from([archive.tar])));
    found = await inspectImage(docker, archive.id);
    if (found === undefined) {
      throw new ApiError({
        code: 'engine',
        message: `The engine did not keep Wharf's helper image as ${archive.id} after loading it: ${output.slice(0, 500)}`,
      });
    }
  }
  if (!sameId(found.Id, archive.id))
    throw new ApiError({
      code: 'engine',
      message: `The engine reported ${found.Id} for Wharf's helper image ${archive.id}.`,
    });
  if (!(found.RepoTags ?? []).some(isHelperName))
    await docker.getImage(archive.id).tag({ repo: HELPER_REPO, tag: HELPER_TAG });
  return { id: archive.id, name: HELPER_IMAGE, arch };
}
