// Disk: the engine's disk usage as `docker system df -v` reports it, and the
// clean-up with a preview (prune.ts).
import type { Engine } from '../../engine/types';
import { type HelperPool, createHelperPool } from '../files/helper';
import type { ServiceHandlers } from '../../transport/handlers';
import { SYSTEM_DF_COMMAND } from './cli';
import { applyPrune, cliEngine, previewPrune, readDf } from './prune';
import { toDiskUsage } from './reclaim';
import type { DiskUsage } from './types';

/** Podman's /system/df cuts tags to "latest" and lists intermediate images: the top-level list has the real ones. */
async function podmanTags(docker: ReturnType<Engine['docker']>): Promise<Map<string, string[]>> {
  const list = (await docker.listImages()) as Array<{ Id: string; RepoTags?: string[] | null }>;
  return new Map(
    list.map((i) => [
      i.Id.startsWith('sha256:') ? i.Id : `sha256:${i.Id}`,
      (i.RepoTags ?? []).filter((t) => !t.startsWith('<none>')),
    ]),
  );
}

export async function diskUsage(engine: Engine): Promise<DiskUsage> {
  const docker = engine.docker();
  const kind = cliEngine(engine).kind;
  const [df, tags] = await Promise.all([
    readDf(docker),
    kind === 'podman' ? podmanTags(docker) : Promise.resolve(undefined),
  ]);
  return toDiskUsage(df, kind, SYSTEM_DF_COMMAND, tags);
}

/** `pool`: the helper containers that reach inside volumes (released before a volume is removed). */
export function createDiskService(
  engine: Engine,
  pool: HelperPool = createHelperPool(),
): ServiceHandlers<'disk.usage' | 'disk.prunePreview' | 'disk.prune'> {
  return {
    requests: {
      'disk.usage': () => diskUsage(engine),
      'disk.prunePreview': (selection) => previewPrune(engine, selection),
      'disk.prune': (ids) => applyPrune(engine, pool, ids),
    },
    subscriptions: {},
  };
}
