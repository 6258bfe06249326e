// Where a file operation runs: a helper mounting the volume at /v, `docker
// exec` in the running container, or the archive API of a stopped one. And
// the docker commands a user would type for the same thing.
import type Docker from 'dockerode';
import type { EngineKind } from '../engine/types';
import type { FileAccess, FileTarget } from './types';
import { ApiError } from '../../api/errors';
import { shellQuote } from '../../api/shell-words';
import { dockerCommand } from '../../api/docker-cli';
import { type ExecResult, type ExecStream, execCollect, execStream } from './exec';
import type { HelperPool } from './helper';
import { HELPER_IMAGE } from './helper-image';
import { MOUNT_ROOT, type StoppedContainer, mountedCommand, mountedHelper, releaseMounted } from './mounted';
import { under } from './paths';
import { type ScriptName, scriptArgv, scriptError } from './scripts';

export interface Place {
  target: FileTarget;
  via: FileAccess;
  /** The container the work happens in (the helper, or the user's container). */
  containerId: string;
  /** Where the target's "/" is inside that container. */
  root: string;
  /** The container's name as the user knows it (container targets). */
  label: string;
  /** via 'mount': the stopped container (full id) whose mounted filesystem the helper serves. */
  mounted?: string;
  /** Names in "/" that are the helper's own, not the target's (left out of listings). */
  hidden?: readonly string[];
}

const VOLUME_ROOT = '/v';

/** `kind`: the engine's (a stopped container on Podman is mounted, see mounted.ts). */
export async function resolvePlace(
  docker: Docker,
  pool: HelperPool,
  target: FileTarget,
  kind?: EngineKind,
): Promise<Place> {
  if (target.kind === 'volume') {
    // Fails with the engine's "no such volume" before any helper is created.
    // Wharf's helper image is checked (the first time, loaded) meanwhile.
    if (!pool.has(docker, target.name))
      await Promise.all([docker.getVolume(target.name).inspect(), pool.helperImage(docker).catch(() => undefined)]);
    const id = await pool.forVolume(docker, target.name);
    return { target, via: 'helper', containerId: id, root: VOLUME_ROOT, label: target.name };
  }
  const info = (await docker.getContainer(target.id).inspect()) as StoppedContainer & {
    Name?: string;
    State?: { Running?: boolean; Paused?: boolean };
  };
  const running = info.State?.Running === true && info.State.Paused !== true;
  const label = (info.Name ?? target.id).replace(/^\//, '');
  if (!running && kind === 'podman' && info.State?.Paused !== true) {
    const helper = await mountedHelper(docker, pool, info);
    if (helper !== undefined)
      return { target, via: 'mount', containerId: helper, root: MOUNT_ROOT, label, mounted: info.Id };
  }
  return { target, via: running ? 'exec' : 'archive', containerId: info.Id, root: '/', label };
}

/** Runs a script in the place; an engine error on a vanished helper gets one retry with a new helper. */
export async function runScript(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  script: ScriptName,
  args: readonly string[],
  shown: string,
  maxBytes?: number,
): Promise<ExecResult & { place: Place }> {
  return inPlaceRetried(docker, pool, place, async (current) => {
    const result = await execCollect(
      docker,
      current.containerId,
      scriptArgv(script, current.root, args, current.via === 'mount'),
      maxBytes,
    );
    if (result.exitCode !== 0) throw scriptError(result.exitCode, result.stderr, shown);
    return { ...result, place: current };
  });
}

/**
 * Runs `work` in the place, its helper held meanwhile; an engine error on a
 * vanished helper (404, 409) gets one retry in the place found again.
 */
export async function inPlaceRetried<T>(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  work: (current: Place) => Promise<T>,
): Promise<T> {
  requireExec(place);
  let current = place;
  for (let attempt = 0; ; attempt++) {
    const release = pool.hold(current.containerId);
    try {
      return await work(current);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (
        attempt === 0 &&
        current.via === 'helper' &&
        (status === 404 || status === 409) &&
        current.target.kind === 'volume'
      ) {
        await pool.release(docker, current.target.name);
        current = await resolvePlace(docker, pool, current.target);
        continue;
      }
      // The container started (its helper was let go) or the helper vanished: where is it now?
      if (
        attempt === 0 &&
        current.via === 'mount' &&
        (status === 404 || status === 409) &&
        current.mounted !== undefined
      ) {
        await releaseMounted(pool, current.mounted);
        current = await resolvePlace(docker, pool, current.target, 'podman');
        continue;
      }
      throw error;
    } finally {
      release();
    }
  }
}

/** A script whose output streams; its helper is held until the script ended. */
export async function streamScript(
  docker: Docker,
  pool: HelperPool,
  place: Place,
  script: ScriptName,
  args: readonly string[],
): Promise<ExecStream> {
  requireExec(place);
  const release = pool.hold(place.containerId);
  try {
    const exec = await execStream(
      docker,
      place.containerId,
      scriptArgv(script, place.root, args, place.via === 'mount'),
    );
    void exec.done.finally(release).catch(() => {});
    return exec;
  } catch (error) {
    release();
    throw error;
  }
}

function requireExec(place: Place): void {
  if (place.via === 'archive') {
    throw new ApiError({
      code: 'invalid-input',
      message: `"${place.label}" is stopped, and the engine cannot rename or delete files in a stopped container: only a process inside it can.`,
      hint: 'Start the container, then try again. Browsing, opening, saving, uploading, downloading and new folders work while it is stopped.',
    });
  }
}

export const inPlace = (place: Place, path: string): string => under(place.root, path);

/** The command a user would run for the same thing: exec in the container, or a throwaway Wharf helper for a volume. */
export function commandFor(place: Place, image: string | undefined, argv: readonly string[]): string {
  if (place.via === 'mount') return mountedCommand(place.label, argv);
  if (place.target.kind === 'volume') {
    return dockerCommand('container.run', {
      rm: true,
      mounts: [{ type: 'volume', source: place.target.name, target: VOLUME_ROOT }],
      image: image ?? HELPER_IMAGE,
      command: argv,
    });
  }
  return dockerCommand('container.exec', { container: place.label, command: argv });
}

/**
 * Copying out of or into the place: `docker cp` for a container; for a volume,
 * a throwaway helper running tar, fed or read through the shell.
 */
export function copyCommand(
  place: Place,
  image: string | undefined,
  path: string,
  local: string,
  direction: 'from' | 'to',
  /** A single file's own bytes (not an archive): `cat` for a volume; `docker cp` writes a file as itself. */
  file = false,
): string {
  if (place.target.kind === 'volume') {
    const mounts = [{ type: 'volume' as const, source: place.target.name, target: VOLUME_ROOT }];
    const dir = inPlace(place, path);
    if (direction === 'from' && file) {
      return `${dockerCommand('container.run', { rm: true, mounts, image: image ?? HELPER_IMAGE, command: ['cat', dir] })} > ${shellQuote(local)}`;
    }
    if (direction === 'from') {
      const parent = dir === VOLUME_ROOT ? VOLUME_ROOT : dir.slice(0, dir.lastIndexOf('/'));
      const name = dir === VOLUME_ROOT ? '.' : dir.slice(dir.lastIndexOf('/') + 1);
      const run = dockerCommand('container.run', {
        rm: true,
        mounts,
        image: image ?? HELPER_IMAGE,
        command: ['tar', '-C', parent, '-cf', '-', name],
      });
      return `${run} > ${shellQuote(local)}`;
    }
    const run = dockerCommand('container.run', {
      rm: true,
      interactive: true,
      mounts,
      image: image ?? HELPER_IMAGE,
      command: ['tar', '-C', dir, '-xf', '-'],
    });
    return `${run} < ${shellQuote(local)}`;
  }
  const inside = `${place.label}:${path}`;
  return dockerCommand(
    'container.cp',
    direction === 'from' ? { from: inside, to: local } : { from: local, to: inside },
  );
}
