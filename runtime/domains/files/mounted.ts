// Stopped containers on Podman: Podman can mount a stopped container's root
// filesystem on the engine host (`podman container mount`, libpod's
// POST /containers/{id}/mount). A helper container then mounts that path at
// /c, and the container's own volumes and bind mounts at /c/<destination>,
// so it sees what the container would see, and every file operation runs as
// for a volume: the same scripts, paging by `find`, rename and delete. The
// mount is released (`unmount`) after the helper is removed: when the pool
// lets it go (idle), when the container starts or is removed, or, for a
// helper a crashed Wharf left, when the engine connects. Podman counts mounts,
// so a container started meanwhile keeps its own.
import type Docker from 'dockerode';
import { shellQuote } from '../../api/shell-words';
import { LIBPOD, libpodModem } from '../../engine/libpod';
import type { RawEngineEvent } from '../../engine/types';
import { type HelperMount, type HelperPool, startHelper } from './helper';

/** Where the container's "/" is inside its helper. */
export const MOUNT_ROOT = '/c';
/** The container (full id) whose mounted filesystem a helper serves. */
export const HELPER_CONTAINER_LABEL = 'io.wharf.helper.container';

const keyOf = (containerId: string) => `container:${containerId}`;

interface InspectMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  RW?: boolean;
}

export interface StoppedContainer {
  Id: string;
  Mounts?: InspectMount[];
  /** The files Podman attaches at /etc when the container runs (absent before its first start). */
  HostsPath?: string;
  ResolvConfPath?: string;
  HostnamePath?: string;
}

/** Podman's /etc/hosts, /etc/resolv.conf and /etc/hostname of the container, as the container would see them (read-only here). */
export function attachedFiles(container: StoppedContainer): InspectMount[] {
  const files: Array<[string | undefined, string]> = [
    [container.HostsPath, '/etc/hosts'],
    [container.ResolvConfPath, '/etc/resolv.conf'],
    [container.HostnamePath, '/etc/hostname'],
  ];
  return files
    .filter(([source]) => source?.startsWith('/') === true)
    .map(([source, destination]) => ({ Type: 'bind', Source: source as string, Destination: destination, RW: false }));
}

function libpod(docker: Docker, id: string, action: 'mount' | 'unmount'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    libpodModem(docker).dial(
      {
        path: `${LIBPOD}/containers/${encodeURIComponent(id)}/${action}`,
        method: 'POST',
        file: Buffer.alloc(0),
        statusCodes: { 200: true, 204: true, 404: 'no such container', 409: 'conflict', 500: 'server error' },
      },
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the engine's error, passed on as it came
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
    );
  });
}

/** Mounts the container's root filesystem on the engine host; returns the path there. */
export async function mountContainer(docker: Docker, id: string): Promise<string> {
  const data = await libpod(docker, id, 'mount');
  // A JSON string, or (Podman 4) the bare path.
  let path = (Buffer.isBuffer(data) ? data.toString('utf8') : typeof data === 'string' ? data : '').trim();
  if (path.startsWith('"')) path = String(JSON.parse(path));
  if (!path.startsWith('/')) {
    await unmountContainer(docker, id).catch(() => {});
    throw new Error(`the engine did not say where it mounted ${id}`);
  }
  return path;
}

/** Releases one mount of the container (refused while it runs on this mount alone, which is then its own). */
export async function unmountContainer(docker: Docker, id: string): Promise<void> {
  await libpod(docker, id, 'unmount');
}

/** The helper's mounts: the root filesystem at /c, then the container's volumes and bind mounts under it, outer first. */
export function helperMounts(rootfs: string, mounts: readonly InspectMount[] = []): HelperMount[] {
  const inner = mounts
    .filter((m) => m.Destination?.startsWith('/') === true && m.Destination !== '/')
    .flatMap((m): HelperMount[] => {
      const target = `${MOUNT_ROOT}${(m.Destination as string).replace(/\/+$/, '')}`;
      const readOnly = m.RW === false;
      if (m.Type === 'volume' && m.Name) return [{ volume: m.Name, target, readOnly }];
      if (m.Type === 'bind' && m.Source) return [{ bind: m.Source, target, readOnly }];
      return [];
    })
    .sort((a, b) => a.target.split('/').length - b.target.split('/').length || (a.target < b.target ? -1 : 1));
  return [{ bind: rootfs, target: MOUNT_ROOT }, ...inner];
}

/**
 * A helper serving the stopped container's filesystem at /c, kept in the pool
 * under the container's id; undefined when Podman cannot mount it (a
 * container without its own storage) or no helper image is there, and the
 * caller falls back to the archive API.
 */
export async function mountedHelper(
  docker: Docker,
  pool: HelperPool,
  container: StoppedContainer,
): Promise<string | undefined> {
  const id = container.Id;
  const start = async (image: string) => {
    const rootfs = await mountContainer(docker, id);
    const labels = { [HELPER_CONTAINER_LABEL]: id };
    const mounts = container.Mounts ?? [];
    const attached = attachedFiles(container);
    try {
      // Podman's attached files live in its run folder, which a reboot empties: without them if they are gone.
      return await startHelper(docker, image, helperMounts(rootfs, [...mounts, ...attached]), labels).catch(
        (error: unknown) => {
          if (attached.length === 0) throw error;
          return startHelper(docker, image, helperMounts(rootfs, mounts), labels);
        },
      );
    } catch (error) {
      await unmountContainer(docker, id).catch(() => {});
      throw error;
    }
  };
  return pool.keep(docker, keyOf(id), start, () => unmountContainer(docker, id)).catch(() => undefined);
}

/** Lets the helper of `containerId` go (and its mount), if there is one. */
export const releaseMounted = (pool: HelperPool, containerId: string): Promise<void> => pool.forget(keyOf(containerId));

/**
 * Engine events that end a helper's claim: the container started (it now has
 * its own mount and `docker exec` works) or was removed (its filesystem is gone).
 */
export function releaseOnEvent(pool: HelperPool, event: RawEngineEvent): void {
  if (event.Type !== 'container') return;
  if (event.Action === 'start' || event.Action === 'remove' || event.Action === 'destroy')
    void releaseMounted(pool, event.Actor.ID);
}

/** For a stale helper removed at connect: release the mount it held. */
export async function releaseStaleMount(docker: Docker, helper: { Labels?: Record<string, string> }): Promise<void> {
  const id = helper.Labels?.[HELPER_CONTAINER_LABEL];
  if (id !== undefined && id !== '') await unmountContainer(docker, id).catch(() => {});
}

/**
 * The command for the same work, as typed on the engine's host: Podman's
 * mount, the command on the mounted path ("$m" stands for it), and the unmount.
 */
export function mountedCommand(label: string, argv: readonly string[]): string {
  const words = argv.map((a) => {
    if (a === MOUNT_ROOT) return '"$m"';
    if (a.startsWith(`${MOUNT_ROOT}/`)) return `"$m"${shellQuote(a.slice(MOUNT_ROOT.length))}`;
    return shellQuote(a);
  });
  const name = shellQuote(label);
  return `m=$(podman container mount ${name}) && ${words.join(' ')}; podman container unmount ${name}`;
}
