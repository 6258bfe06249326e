// What one raw engine event means for the lists the UI shows. Pure.
// Docker and Podman's compat stream share the shape but not the words:
// Podman says "remove" where Docker says "destroy", leaves Actor.ID empty on
// volume events (the name is in Attributes.name), and has its own actions
// (init, cleanup, exec_died, died…).
import type { ContainerState } from '../containers/types';
import type { RawEngineEvent } from '../../engine/types';

export type EventEffect =
  | {
      kind: 'container';
      id: string;
      removed: boolean;
      /**
       * The states the list should show after this event. Docker may send an
       * event a moment before its list reflects it; a fetch that disagrees is
       * repeated instead of showing a stale row until the next event.
       */
      expect?: readonly ContainerState[];
    }
  | { kind: 'images' }
  | { kind: 'volume'; name: string; removed: boolean }
  /** A network was created or removed, or a container joined or left one. */
  | { kind: 'networks' };

/** Older engines also send the pre-1.22 fields; Podman still fills them. */
type WireEvent = Partial<RawEngineEvent> & { status?: string; id?: string };

// Container actions that leave the list as it was.
const CONTAINER_IGNORED = new Set([
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  'exec',
  'exec_died',
  'attach',
  'detach',
  'resize',
  'top',
  'archive-path',
  'extract-to-dir',
  'export',
  'copy',
  'commit',
  'kill',
  'mount',
  'unmount',
  'checkpoint',
]);

const CONTAINER_REMOVED = new Set(['destroy', 'remove']);

const STOPPED: readonly ContainerState[] = ['exited', 'dead', 'restarting'];

const EXPECTED_STATES: Readonly<Record<string, readonly ContainerState[]>> = {
  create: ['created'],
  start: ['running'],
  restart: ['running'],
  unpause: ['running'],
  pause: ['paused'],
  die: STOPPED,
  died: STOPPED,
  stop: STOPPED,
};

// Image actions that change what the images list shows.
const IMAGE_CHANGES = new Set([
  'pull',
  'tag',
  'untag',
  'delete',
  'remove',
  'import',
  'load',
  'build',
  'prune',
  'create',
  'commit',
]);

const VOLUME_REMOVED = new Set(['destroy', 'remove']);

const NETWORK_CHANGES = new Set(['create', 'destroy', 'remove', 'connect', 'disconnect']);

/** "exec_start: sh -c …" and "health_status: healthy" carry detail after a colon. */
function actionOf(event: WireEvent): string {
  const action = event.Action ?? event.status ?? '';
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).trim().toLowerCase();
}

export function effectsOf(raw: RawEngineEvent): EventEffect[] {
  const event = raw as WireEvent;
  const type = (event.Type ?? '').toLowerCase();
  const action = actionOf(event);
  const actorId = event.Actor?.ID || event.id || '';
  switch (type) {
    case 'container': {
      // A commit makes an image; the container itself is unchanged.
      if (action === 'commit') return [{ kind: 'images' }];
      if (actorId === '' || CONTAINER_IGNORED.has(action)) return [];
      const expect = EXPECTED_STATES[action];
      return [
        {
          kind: 'container',
          id: actorId,
          removed: CONTAINER_REMOVED.has(action),
          ...(expect !== undefined ? { expect } : {}),
        },
      ];
    }
    case 'image':
      return IMAGE_CHANGES.has(action) ? [{ kind: 'images' }] : [];
    case 'volume': {
      const name = event.Actor?.ID || event.Actor?.Attributes?.name || '';
      if (name === '') return [];
      if (action === 'create') return [{ kind: 'volume', name, removed: false }];
      if (VOLUME_REMOVED.has(action)) return [{ kind: 'volume', name, removed: true }];
      return [];
    }
    case 'network':
      return NETWORK_CHANGES.has(action) ? [{ kind: 'networks' }] : [];
    default:
      return [];
  }
}
