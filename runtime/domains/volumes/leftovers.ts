// What Wharf itself leaves on an engine: its helper image (loaded on first
// need), helper containers (running while a volume or stopped container is
// browsed; a crashed run's), and snapshot images of stopped containers.
// Settings lists them and removes them all on request; the helper image is
// loaded again the next time it is needed.
import type Docker from 'dockerode';
import type { WharfLeftover, WharfLeftoversRemoved } from './contract';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import { toPlainError } from '../../transport/to-api-error';
import { HELPER_LABEL, type HelperPool, removeHelper } from '../files/helper';
import { HELPER_IMAGE_LABEL } from '../files/helper-image';
import { SNAPSHOT_LABEL, type SnapshotPool } from '../files/snapshot';

interface ListedImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
  Created: number;
}

const named = (tags: string[] | null | undefined): string | undefined =>
  (tags ?? []).find((t) => t !== '<none>:<none>');

export async function listLeftovers(docker: Docker): Promise<WharfLeftover[]> {
  const images = (label: string) =>
    docker.listImages({ filters: JSON.stringify({ label: [label] }) }) as unknown as Promise<ListedImage[]>;
  const [helperImages, snapshotImages, containers] = await Promise.all([
    images(HELPER_IMAGE_LABEL),
    images(SNAPSHOT_LABEL),
    docker.listContainers({ all: true, filters: JSON.stringify({ label: [HELPER_LABEL] }) }),
  ]);
  const image =
    (kind: WharfLeftover['kind']) =>
    (i: ListedImage): WharfLeftover => ({
      kind,
      id: i.Id,
      name: named(i.RepoTags) ?? i.Id.replace(/^sha256:/, '').slice(0, 12),
      created: i.Created,
      ...(typeof i.Size === 'number' ? { size: i.Size } : {}),
    });
  return [
    ...helperImages.map(image('helper-image')),
    ...containers.map((c) => ({
      kind: 'helper-container' as const,
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      created: c.Created,
      state: c.State,
    })),
    // A snapshot image is labelled as a helper image would be only if a user made it so: listed once.
    ...snapshotImages.filter((s) => !helperImages.some((h) => h.Id === s.Id)).map(image('snapshot-image')),
  ];
}

export interface LeftoversDeps {
  engine: Engine;
  pool: HelperPool;
  /** The files service's snapshots: dropped first, so none is in use while its image goes. */
  snapshots?: SnapshotPool;
}

/** Removes every leftover (containers first, then the images they were made from); the helper image is loaded again on next need. */
export async function removeLeftovers({ engine, pool, snapshots }: LeftoversDeps): Promise<WharfLeftoversRemoved> {
  const docker = engine.docker();
  const found = await listLeftovers(docker);
  // Wharf's own helpers go through their pools first (a snapshot's image, a Podman mount).
  await snapshots?.dropAll().catch(() => {});
  await pool.dispose();
  const removed: string[] = [];
  const failed: WharfLeftoversRemoved['failed'] = [];
  const attempt = async (item: WharfLeftover, remove: () => Promise<unknown>) => {
    try {
      await remove();
      removed.push(item.id);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) removed.push(item.id);
      else failed.push({ id: item.id, name: item.name, error: toPlainError(error) });
    }
  };
  const containers = found.filter((f) => f.kind === 'helper-container');
  const images = found.filter((f) => f.kind !== 'helper-container');
  await Promise.all(containers.map((c) => attempt(c, () => removeHelper(docker, c.id))));
  for (const i of images) await attempt(i, () => docker.getImage(i.id).remove({ force: true }));
  pool.forgetImage(docker);
  const commands = [
    ...(containers.length > 0
      ? [dockerCommand('container.remove', { containers: containers.map((c) => c.name), force: true })]
      : []),
    ...(images.length > 0 ? [dockerCommand('image.rmi', { images: images.map((i) => i.name), force: true })] : []),
  ];
  return { removed, failed, commands };
}
