// Renaming and deleting in a stopped Docker container, where no process can
// run `mv` or `rm`: only the engine's archive endpoint reaches its files.
//
// Delete: PUT /containers/{id}/archive?path=PARENT with a tar whose one entry
// is NAME with a type the engine does not know. Docker's untar first removes
// whatever is at PARENT/NAME (it replaces a path whose type differs), then
// fails with "unhandled tar header type 90". Files and whole folders go,
// image-layer ones too (the storage driver records the removal). Wharf
// takes exactly that error as the expected end and checks with HEAD that the
// path is gone. Podman's untar refuses the entry before removing anything,
// so this is Docker only.
//
// Rename: GET the old path's archive, its entries renamed as they stream,
// PUT into the same folder, check the new path, then delete the old one.
//
// A mount (volume, bind mount, and the /etc files the engine mounts while it
// works on the archive) cannot be removed from the container's layer: the
// engine would remove what it can and then fail half done. A path that is,
// or holds, one is refused before anything changes.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';
import type { EngineKind } from '../engine/types';
import type { FileEntry } from './types';
import { dockerCommand } from '../../api/docker-cli';
import { statByArchive } from './listing';
import { baseName, joinPath, parentOf } from './paths';
import type { Place } from './place';
import { readTar, renameTarEntries, tarUnknownTypeEntry } from './tar';

/** Whether the engine can rename and delete in a stopped container this way. */
export const canChangeStopped = (kind: EngineKind | undefined): boolean => kind === 'docker';

/** Paths the engine mounts into a container while it serves its archive (the /etc files) or while it runs, besides the container's own mounts. */
const ENGINE_MOUNTS = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/dev/shm', '/dev', '/proc', '/sys'];

const UNKNOWN_TYPE = 'unhandled tar header type 90';

interface Inspected {
  Mounts?: { Destination?: string }[];
  HostConfig?: { Tmpfs?: Record<string, string> };
}

const normalize = (p: string) =>
  `/${p
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/')}`;
const within = (path: string, root: string) => path === root || root === '/' || path.startsWith(`${root}/`);

/** `path` with every folder on the way resolved as the engine resolves it (links followed inside the container); the last name is not followed. */
async function realPath(docker: Docker, place: Place, path: string): Promise<string> {
  let real = '/';
  for (const segment of parentOf(path)
    .split('/')
    .filter((s) => s !== '')) {
    const next = joinPath(real, segment);
    const stat = await statByArchive(docker, place, next);
    real = stat.type === 'symlink' && stat.linkTarget !== undefined ? normalize(stat.linkTarget) : next;
  }
  return path === '/' ? '/' : joinPath(real, baseName(path));
}

/** Refuses (nothing changed) when `path` is, or holds, a mount of the container. */
async function refuseMounts(docker: Docker, place: Place, path: string, verb: string): Promise<void> {
  const info = (await docker.getContainer(place.containerId).inspect()) as Inspected;
  const mounts = [
    ...(info.Mounts ?? []).map((m) => m.Destination ?? ''),
    ...Object.keys(info.HostConfig?.Tmpfs ?? {}),
    ...ENGINE_MOUNTS,
  ]
    .filter((m) => m !== '')
    .map(normalize);
  const real = await realPath(docker, place, path);
  const hit = mounts.find((m) => within(m, path) || within(m, real));
  if (hit === undefined) return;
  const own = (info.Mounts ?? []).some((m) => normalize(m.Destination ?? '') === hit);
  throw new ApiError({
    code: 'invalid-input',
    message:
      hit === path || hit === real
        ? `"${path}" is a mount point of "${place.label}", so it cannot be ${verb} while the container is stopped.`
        : `"${path}" holds "${hit}", a mount point of "${place.label}", so it cannot be ${verb} while the container is stopped.`,
    hint: own
      ? 'A volume or bind mount is attached there: change what is inside it, or start the container and do it there.'
      : 'The engine attaches that file from outside the container. Start the container to do it there. Nothing was changed.',
  });
}

const missing = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

async function exists(docker: Docker, place: Place, path: string): Promise<FileEntry | undefined> {
  try {
    return await statByArchive(docker, place, path);
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

function notFound(path: string): ApiError {
  return new ApiError({ code: 'not-found', message: `"${path}" does not exist.` });
}

/** True when the folder holds at least one entry (reads the archive only until the first one). */
async function hasChildren(docker: Docker, place: Place, path: string): Promise<boolean> {
  const stream = (await docker
    .getContainer(place.containerId)
    .getArchive({ path: `${path}/.` })) as unknown as Readable;
  let found = false;
  try {
    await readTar(stream, (h) => {
      const rel = h.path.replace(/^\.?\/?/, '').replace(/\/$/, '');
      if (rel === '' || rel === '.') return true;
      found = true;
      return false;
    });
  } finally {
    stream.destroy();
  }
  return found;
}

/** The removal itself: one entry of an unknown type, then a check that the path is gone. */
async function removeByArchive(docker: Docker, place: Place, path: string): Promise<void> {
  const tar = tarUnknownTypeEntry(baseName(path));
  let failure: unknown;
  try {
    await docker.getContainer(place.containerId).putArchive(tar, { path: parentOf(path) });
  } catch (error) {
    failure = error;
  }
  const expected = failure !== undefined && String((failure as Error).message).includes(UNKNOWN_TYPE);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the engine's error, rethrown as it came
  if (failure !== undefined && !expected) throw failure;
  if ((await exists(docker, place, path)) === undefined) return;
  throw new ApiError({
    code: 'engine',
    message: `The engine did not remove "${path}" from the stopped container "${place.label}".`,
    hint: 'Start the container and delete it there.',
  });
}

/** Deletes `path` (a folder only with `recursive`, unless empty). */
export async function deleteStopped(docker: Docker, place: Place, path: string, recursive: boolean): Promise<void> {
  const entry = await exists(docker, place, path);
  if (entry === undefined) throw notFound(path);
  if (entry.type === 'dir' && !recursive && (await hasChildren(docker, place, path))) {
    throw new ApiError({
      code: 'conflict',
      message: `"${path}" is a folder that is not empty.`,
      hint: 'Delete it with everything in it.',
    });
  }
  await refuseMounts(docker, place, path, 'deleted');
  await removeByArchive(docker, place, path);
}

/** Renames `path` to `to` (same folder): copy under the new name, check it, then remove the old one. */
export async function renameStopped(docker: Docker, place: Place, path: string, to: string): Promise<void> {
  const old = await exists(docker, place, path);
  if (old === undefined) throw notFound(path);
  if ((await exists(docker, place, to)) !== undefined) {
    throw new ApiError({ code: 'conflict', message: `"${to}" already exists.`, hint: 'Choose another name.' });
  }
  await refuseMounts(docker, place, path, 'renamed');
  const container = docker.getContainer(place.containerId);
  const source = (await container.getArchive({ path })) as unknown as Readable;
  try {
    const renamed = renameTarEntries(source as AsyncIterable<Buffer>, baseName(path), baseName(to));
    await container.putArchive(Readable.from(renamed), { path: parentOf(path), noOverwriteDirNonDir: true });
    const copy = await exists(docker, place, to);
    if (copy === undefined || copy.type !== old.type || (old.type === 'file' && copy.size !== old.size)) {
      throw new ApiError({ code: 'engine', message: `The copy of "${path}" under its new name "${to}" is not whole.` });
    }
  } catch (error) {
    source.destroy();
    // The new name did not exist before: what a failed copy left there goes; the old path was not touched.
    if ((await exists(docker, place, to).catch(() => undefined)) !== undefined)
      await removeByArchive(docker, place, to).catch(() => {});
    throw error;
  }
  try {
    await removeByArchive(docker, place, path);
  } catch (error) {
    throw new ApiError({
      code: 'engine',
      message: `"${path}" was copied to "${to}", but the old "${path}" could not be removed, so both names exist now: ${(error as Error).message}`,
      hint: 'Delete the old one yourself, or start the container and delete it there.',
    });
  }
}

const endpointNote = (label: string, path: string) =>
  `# no docker command removes a path from a stopped container: Wharf removes ${path} through the engine's archive endpoint (PUT /containers/${label}/archive)`;

/** What a user would type for a delete: nothing removes it directly, so a copy out first (to keep it) and the note. */
export function deleteCommands(place: Place, path: string): string[] {
  return [
    dockerCommand('container.cp', { from: `${place.label}:${path}`, to: `./${baseName(path)}` }),
    endpointNote(place.label, path),
  ];
}

/** A rename: `docker cp` out under the new name and back in, then the old path removed through the endpoint. */
export function renameCommands(place: Place, path: string, to: string): string[] {
  const local = `./${baseName(to)}`;
  return [
    dockerCommand('container.cp', { from: `${place.label}:${path}`, to: local }),
    dockerCommand('container.cp', { from: local, to: `${place.label}:${to}` }),
    endpointNote(place.label, path),
  ];
}
