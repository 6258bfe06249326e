// Images: the list. How many containers use each is counted in the UI from
// the containers list, so no /system/df here (it walks every layer on disk).
import type { ImageSummary } from '../api/types';
import type { Engine } from '../engine/types';
import type { ServiceHandlers } from '../transport/handlers';
import { type EngineImage, toImageSummary } from './mapping';

export async function listImages(docker: ReturnType<Engine['docker']>): Promise<ImageSummary[]> {
  const raw = (await docker.listImages()) as unknown as EngineImage[];
  return raw.map(toImageSummary);
}

export function createImagesService(engine: Engine): ServiceHandlers<'images.list'> {
  return {
    requests: {
      'images.list': async () => listImages(engine.docker()),
    },
    subscriptions: {},
  };
}
