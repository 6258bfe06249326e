// Clean-up with a preview: what each kind's prune would take now (in-use items
// left out), then removal of exactly those items by id, each checked again
// just before it goes, so nothing made or started since the preview is lost.
// Images and volumes reuse their domains' preview and removal.
import type Docker from 'dockerode';
import type { Engine } from '../../engine/types';
import type { HelperPool } from '../files/helper';
import { prune as pruneImages, prunePreview as imagePrunePreview } from '../images/service';
import { prunePreview as volumePrunePreview, createVolumeActions } from '../volumes/actions';
import { ApiError } from '../../api/errors';
import { toPlainError } from '../../transport/to-api-error';
import {
  type DiskCliEngine,
  pruneCommand,
  removalCommands,
  systemPruneCommand,
  volumePruneTakesOnlyAnonymous,
} from './cli';
import { type RawDiskUsage, isActiveState } from './reclaim';
import type {
  DiskPruneKind,
  DiskPrunePartResult,
  DiskPrunePreview,
  DiskPrunePreviewPart,
  DiskPruneResult,
  DiskPrunePreviewItem,
} from './types';

export interface DiskPruneSelection {
  containers: boolean;
  images: 'none' | 'dangling' | 'all';
  volumes: 'none' | 'anonymous' | 'all';
  buildCache: boolean;
  networks: boolean;
}

export type DiskPruneIds = Record<DiskPruneKind, string[]>;

/** Networks every engine has and never prunes. */
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'podman']);

/** A volume the engine named itself: labelled anonymous (Docker 23+), or a 64-hex name (older engines, Podman). */
const isAnonymousVolume = (name: string, labelled: boolean) => labelled || /^[0-9a-f]{64}$/.test(name);

const withSha = (id: string) => (id.startsWith('sha256:') ? id : `sha256:${id}`);

export async function readDf(docker: Docker): Promise<RawDiskUsage> {
  return (await docker.df()) as RawDiskUsage;
}

export function cliEngine(engine: Engine): DiskCliEngine {
  const info = engine.info();
  return { kind: info?.kind === 'podman' ? 'podman' : 'docker', apiVersion: info?.apiVersion ?? '1.41' };
}

/** Networks no container (running or not) refers to; stricter than the engine, which only looks at running ones. */
async function unusedNetworks(docker: Docker): Promise<Array<{ id: string; name: string }>> {
  const [networks, containers] = await Promise.all([
    docker.listNetworks() as Promise<Array<{ Id: string; Name: string }>>,
    docker.listContainers({ all: true }) as Promise<
      Array<{ NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } }>
    >,
  ]);
  const used = new Set<string>();
  for (const c of containers) {
    for (const [name, n] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      used.add(name);
      if (n.NetworkID) used.add(n.NetworkID);
    }
  }
  return networks
    .filter((n) => !PREDEFINED_NETWORKS.has(n.Name) && !used.has(n.Name) && !used.has(n.Id))
    .map((n) => ({ id: n.Id, name: n.Name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function part(
  kind: DiskPruneKind,
  items: DiskPrunePreviewItem[],
  rule: string,
  selection: DiskPruneSelection,
  engine: DiskCliEngine,
): DiskPrunePreviewPart {
  return {
    kind,
    items,
    bytes: items.reduce((n, i) => n + (i.bytes ?? 0), 0),
    rule,
    equivalent: pruneCommand(kind, selection, engine),
    commands: removalCommands(
      kind,
      items.map((i) => i.id),
    ),
  };
}

export async function previewPrune(engine: Engine, selection: DiskPruneSelection): Promise<DiskPrunePreview> {
  const docker = engine.docker();
  const cli = cliEngine(engine);
  const df = await readDf(docker);
  const parts: DiskPrunePreviewPart[] = [];
  const unsupported: DiskPruneKind[] = [];

  if (selection.containers) {
    const items = (df.Containers ?? [])
      .filter((c) => !isActiveState(c.State ?? ''))
      .map((c) => ({
        id: c.Id,
        label: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
        bytes: Math.max(0, c.SizeRw ?? 0),
      }));
    parts.push(part('containers', items, 'containers that are not running, paused or restarting', selection, cli));
  }
  if (selection.images !== 'none') {
    const preview = await imagePrunePreview(docker, selection.images === 'all');
    const unique = new Map(
      (df.Images ?? []).map((i) => [withSha(i.Id), (i.Size ?? 0) - Math.max(0, i.SharedSize ?? 0)]),
    );
    const items = preview.images.map((i) => ({
      id: i.id,
      label: i.repoTags.length > 0 ? i.repoTags.join(', ') : i.id.replace(/^sha256:/, '').slice(0, 12),
      // What only this image holds; layers shared with kept images stay.
      bytes: unique.get(withSha(i.id)) ?? i.size,
    }));
    parts.push(part('images', items, preview.rule, selection, cli));
  }
  if (selection.volumes !== 'none') {
    const preview = await volumePrunePreview(engine, true);
    const items = preview.volumes
      .filter((v) => selection.volumes === 'all' || isAnonymousVolume(v.name, v.anonymous))
      .map((v) => ({ id: v.name, label: v.name, bytes: v.size }));
    const rule =
      selection.volumes === 'all'
        ? 'volumes no container uses, named or anonymous'
        : `anonymous volumes no container uses${volumePruneTakesOnlyAnonymous(cli) ? '' : ' (named by the engine: a 64-character id)'}`;
    parts.push(part('volumes', items, rule, selection, cli));
  }
  if (selection.buildCache) {
    if (cli.kind === 'podman') unsupported.push('buildCache');
    else {
      // A shared record holds an image's layers (BuildKit's "from local"): a prune does not take it.
      const items = (df.BuildCache ?? [])
        .filter((r) => r.InUse !== true && r.Shared !== true)
        .map((r) => ({ id: r.ID, label: r.Description || r.Type || r.ID, bytes: Math.max(0, r.Size ?? 0) }));
      parts.push(
        part('buildCache', items, 'build cache records no build is using and no image shares', selection, cli),
      );
    }
  }
  if (selection.networks) {
    const items = (await unusedNetworks(docker)).map((n) => ({ id: n.id, label: n.name, bytes: null }));
    parts.push(
      part(
        'networks',
        items,
        'networks no container (running or stopped) is connected to; the engine’s own stay',
        selection,
        cli,
      ),
    );
  }
  return {
    parts,
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    systemCommand: systemPruneCommand(selection, cli),
    unsupported,
  };
}

const inUseNow = (what: string) =>
  new ApiError({
    code: 'conflict',
    message: `${what} is in use now (started or connected after the preview); it was kept.`,
    key: 'disk.inUseNow',
  });

async function removeContainers(
  docker: Docker,
  ids: readonly string[],
  sizes: ReadonlyMap<string, number>,
): Promise<DiskPrunePartResult> {
  const result: DiskPrunePartResult = { kind: 'containers', removed: [], failed: [], bytes: 0, commands: [] };
  for (const id of ids) {
    try {
      const state = ((await docker.getContainer(id).inspect()) as { State?: { Status?: string } }).State?.Status ?? '';
      if (isActiveState(state)) throw inUseNow(`The container ${id.slice(0, 12)}`);
      // No -v: anonymous volumes stay, as with container prune.
      await docker.getContainer(id).remove();
      result.removed.push(id);
      result.bytes += sizes.get(id) ?? 0;
    } catch (error) {
      result.failed.push({ id, error: toPlainError(error) });
    }
  }
  result.commands = removalCommands('containers', result.removed);
  return result;
}

async function removeNetworks(docker: Docker, ids: readonly string[]): Promise<DiskPrunePartResult> {
  const result: DiskPrunePartResult = { kind: 'networks', removed: [], failed: [], bytes: 0, commands: [] };
  const unused = new Set((await unusedNetworks(docker)).map((n) => n.id));
  for (const id of ids) {
    try {
      if (!unused.has(id)) throw inUseNow(`The network ${id.slice(0, 12)}`);
      await docker.getNetwork(id).remove();
      result.removed.push(id);
    } catch (error) {
      result.failed.push({ id, error: toPlainError(error) });
    }
  }
  result.commands = removalCommands('networks', result.removed);
  return result;
}

/**
 * POST /build/prune with an id filter: only that record, and the engine skips it while in use.
 * all=1: without it BuildKit never prunes a record of type frontend (a `# syntax=` image), filter or not.
 */
function pruneBuildCacheRecord(
  docker: Docker,
  id: string,
): Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        options: { all: true, filters: JSON.stringify({ id: [id] }) },
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      },
      (error: unknown, data: unknown) =>
        error
          ? reject(error instanceof Error ? error : new Error('the build cache prune failed'))
          : resolve(data as { CachesDeleted?: string[]; SpaceReclaimed?: number }),
    );
  });
}

async function removeBuildCache(docker: Docker, ids: readonly string[]): Promise<DiskPrunePartResult> {
  // One record a call: BuildKit's prune takes one value per filter ("filters expect only one value").
  // A record another one is built on goes only after it: passes until one removes nothing.
  const removed: string[] = [];
  const failed: DiskPrunePartResult['failed'] = [];
  let bytes = 0;
  let left = [...ids];
  for (let pass = 0; left.length > 0 && pass < 8; pass++) {
    const before = left.length;
    for (const id of left) {
      try {
        const answer = await pruneBuildCacheRecord(docker, id);
        bytes += answer.SpaceReclaimed ?? 0;
        for (const d of answer.CachesDeleted ?? []) if (!removed.includes(d)) removed.push(d);
      } catch (error) {
        failed.push({ id, error: toPlainError(error) });
      }
    }
    left = left.filter((id) => !removed.includes(id) && !failed.some((f) => f.id === id));
    if (left.length === before) break;
  }
  // A record removed with another (its parent's prune) counts as removed.
  const gone = new Set(removed);
  for (const id of ids)
    if (!gone.has(id) && !failed.some((f) => f.id === id))
      failed.push({ id, error: toPlainError(inUseNow(`The build cache record ${id.slice(0, 12)}`)) });
  return { kind: 'buildCache', removed, failed, bytes, commands: removalCommands('buildCache', ids) };
}

export async function applyPrune(engine: Engine, pool: HelperPool, ids: DiskPruneIds): Promise<DiskPruneResult> {
  const docker = engine.docker();
  // Sizes measured once, just before removing.
  const df = await readDf(docker);
  const parts: DiskPrunePartResult[] = [];
  if (ids.containers.length > 0) {
    const sizes = new Map((df.Containers ?? []).map((c) => [c.Id, Math.max(0, c.SizeRw ?? 0)]));
    parts.push(await removeContainers(docker, ids.containers, sizes));
  }
  if (ids.images.length > 0) {
    const unique = new Map(
      (df.Images ?? []).map((i) => [withSha(i.Id), (i.Size ?? 0) - Math.max(0, i.SharedSize ?? 0)]),
    );
    const r = await pruneImages(docker, ids.images);
    parts.push({
      kind: 'images',
      removed: r.removed,
      failed: r.failed,
      bytes: r.removed.reduce((n, id) => n + (unique.get(withSha(id)) ?? 0), 0),
      commands: removalCommands('images', r.removed),
    });
  }
  if (ids.volumes.length > 0) {
    const r = await createVolumeActions({ engine, pool }).prune(ids.volumes);
    parts.push({
      kind: 'volumes',
      removed: r.removed,
      failed: r.failed.map((f) => ({ id: f.name, error: f.error })),
      bytes: r.bytes,
      commands: r.commands,
    });
  }
  if (ids.buildCache.length > 0) parts.push(await removeBuildCache(docker, ids.buildCache));
  if (ids.networks.length > 0) parts.push(await removeNetworks(docker, ids.networks));
  return { parts, bytes: parts.reduce((n, p) => n + p.bytes, 0) };
}
