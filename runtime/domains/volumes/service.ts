// Volumes: the list, and (in volume-actions.ts) everything done to them.
// Which containers use a volume: 'volumes.users', or derived in the UI from container mounts.
import type { VolumeSummary } from './types';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { type HelperPool, createHelperPool } from '../files/helper';
import type { SnapshotPool } from '../files/snapshot';
import { listLeftovers, removeLeftovers } from './leftovers';
import { type EngineVolume, toVolumeSummary } from '../containers/mapping';
import { createVolumeActions } from './actions';

type Docker = ReturnType<Engine['docker']>;

export async function listVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const raw = (await docker.listVolumes()) as unknown as { Volumes?: EngineVolume[] | null };
  return (raw.Volumes ?? []).map(toVolumeSummary);
}

export async function inspectVolume(docker: Docker, name: string): Promise<VolumeSummary> {
  const raw = (await docker.getVolume(name).inspect()) as unknown as EngineVolume;
  return toVolumeSummary(raw);
}

type VolumeRequests =
  | 'volumes.list'
  | 'volumes.sizes'
  | 'volumes.users'
  | 'volumes.create'
  | 'volumes.remove'
  | 'volumes.prunePreview'
  | 'volumes.prune'
  | 'volumes.clone'
  | 'volumes.export'
  | 'volumes.import'
  | 'volumes.describe'
  | 'volumes.leftovers'
  | 'volumes.removeLeftovers';

/**
 * `pool`: the helper containers that reach inside volumes (shared with the
 * files service); `snapshots`: the files service's, dropped before leftovers are removed.
 */
export function createVolumesService(
  engine: Engine,
  pool: HelperPool = createHelperPool(),
  snapshots?: SnapshotPool,
): ServiceHandlers<VolumeRequests> {
  const actions = createVolumeActions({ engine, pool });
  return {
    requests: {
      'volumes.list': async () => listVolumes(engine.docker()),
      'volumes.sizes': () => actions.sizes(),
      'volumes.users': ({ name }) => actions.users(name),
      'volumes.create': (input) => actions.create(input),
      'volumes.remove': ({ name }) => actions.remove(name),
      'volumes.prunePreview': ({ all }) => actions.prunePreview(all === true),
      'volumes.prune': ({ names }) => actions.prune(names),
      'volumes.clone': ({ from, to }) => actions.clone(from, to),
      'volumes.export': ({ name, file }) => actions.export(name, file),
      'volumes.import': ({ name, file }) => actions.import(name, file),
      'volumes.describe': (input) => actions.describe(input),
      'volumes.leftovers': () => listLeftovers(engine.docker()),
      'volumes.removeLeftovers': () => removeLeftovers({ engine, pool, ...(snapshots ? { snapshots } : {}) }),
    },
    subscriptions: {},
  };
}
