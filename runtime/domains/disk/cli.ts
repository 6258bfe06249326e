// The docker commands the Disk page stands for: the disk-usage report, each
// kind's prune, the one `docker system prune` a selection matches (when one
// does), and the removal by id Wharf really runs. Pure: the renderer shows them.
import { shellJoin } from '../../api/shell-words';
import type { DiskPruneKind, ImagePruneScope, VolumePruneScope } from './types';

export interface DiskCliEngine {
  kind: 'docker' | 'podman';
  /** Docker Engine API version, e.g. "1.41". */
  apiVersion: string;
}

export interface DiskPruneSelectionText {
  containers: boolean;
  images: ImagePruneScope;
  volumes: VolumePruneScope;
  buildCache: boolean;
  networks: boolean;
}

export const SYSTEM_DF_COMMAND = 'docker system df -v';

/** API 1.42 (Docker 23): `volume prune` keeps named volumes unless --all, and `system prune --volumes` takes only anonymous ones. */
export function volumePruneTakesOnlyAnonymous(engine: DiskCliEngine): boolean {
  if (engine.kind === 'podman') return false;
  const [major = 0, minor = 0] = engine.apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 42);
}

/** The per-kind prune for one kind of the selection; null when no prune flag set removes exactly that scope. */
export function pruneCommand(
  kind: DiskPruneKind,
  selection: DiskPruneSelectionText,
  engine: DiskCliEngine,
): string | null {
  switch (kind) {
    case 'containers':
      return 'docker container prune';
    case 'images':
      return selection.images === 'all' ? 'docker image prune -a' : 'docker image prune';
    case 'volumes': {
      const newRule = volumePruneTakesOnlyAnonymous(engine);
      if (selection.volumes === 'all') return newRule ? 'docker volume prune --all' : 'docker volume prune';
      // Before API 1.42 volume prune takes named volumes too: no flag keeps them.
      return newRule ? 'docker volume prune' : null;
    }
    case 'buildCache':
      return 'docker builder prune';
    case 'networks':
      return 'docker network prune';
  }
}

/**
 * The one `docker system prune` that removes the same kinds: stopped
 * containers, unused networks, dangling (or -a: all unused) images and build
 * cache, and with --volumes unused volumes (anonymous only from API 1.42).
 */
export function systemPruneCommand(selection: DiskPruneSelectionText, engine: DiskCliEngine): string | null {
  const buildCache = engine.kind === 'podman' ? true : selection.buildCache;
  if (!selection.containers || !selection.networks || !buildCache || selection.images === 'none') return null;
  const args = ['docker', 'system', 'prune'];
  if (selection.images === 'all') args.push('-a');
  if (selection.volumes !== 'none') {
    const newRule = volumePruneTakesOnlyAnonymous(engine);
    // --volumes means "anonymous" from 1.42 and "all" before it.
    if ((selection.volumes === 'anonymous') !== newRule) return null;
    args.push('--volumes');
  }
  return shellJoin(args);
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** What Wharf runs for the previewed items: removal by id, so nothing made since is touched. */
export function removalCommands(kind: DiskPruneKind, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  switch (kind) {
    case 'containers':
      return [shellJoin(['docker', 'rm', ...ids.map(short)])];
    case 'images':
      return [shellJoin(['docker', 'rmi', ...ids.map(short)])];
    case 'volumes':
      return [shellJoin(['docker', 'volume', 'rm', ...ids])];
    case 'buildCache':
      // One record a command: the builder's prune takes one value per filter. -a: without it BuildKit
      // keeps a `# syntax=` frontend's record (type frontend) whatever the filter.
      return ids.map((id) => shellJoin(['docker', 'builder', 'prune', '-a', '-f', '--filter', `id=${id}`]));
    case 'networks':
      return [shellJoin(['docker', 'network', 'rm', ...ids.map(short)])];
  }
}
