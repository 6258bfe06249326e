// Volumes: the list. Which containers use a volume is derived in the UI from
// container mounts.
import type { VolumeSummary } from '../api/types';
import type { Engine } from '../engine/types';
import type { ServiceHandlers } from '../transport/handlers';
import { type EngineVolume, toVolumeSummary } from './mapping';

type Docker = ReturnType<Engine['docker']>;

export async function listVolumes(docker: Docker): Promise<VolumeSummary[]> {
  const raw = (await docker.listVolumes()) as unknown as { Volumes?: EngineVolume[] | null };
  return (raw.Volumes ?? []).map(toVolumeSummary);
}

export async function inspectVolume(docker: Docker, name: string): Promise<VolumeSummary> {
  const raw = (await docker.getVolume(name).inspect()) as unknown as EngineVolume;
  return toVolumeSummary(raw);
}

export function createVolumesService(engine: Engine): ServiceHandlers<'volumes.list'> {
  return {
    requests: {
      'volumes.list': async () => listVolumes(engine.docker()),
    },
    subscriptions: {},
  };
}
