// Changes pushed from the engine's event stream, one row at a time. Pure types: they cross the contract.
import type { ContainerSummary } from '../containers/types';
import type { ImageSummary } from '../images/types';
import type { VolumeSummary } from '../volumes/types';

/**
 * Changes pushed from the engine's event stream, already applied to one row,
 * so the UI never refetches a whole list for one event.
 */
export type ChangeEvent =
  | { kind: 'container.upsert'; container: ContainerSummary }
  | { kind: 'container.remove'; id: string }
  | { kind: 'images.replace'; images: ImageSummary[] }
  | { kind: 'volume.upsert'; volume: VolumeSummary }
  | { kind: 'volume.remove'; name: string }
  /** A network was created or removed, or a container joined or left one: re-read the networks. */
  | { kind: 'networks.changed' }
  /** The stream was interrupted (engine restart, reconnect): re-list everything. */
  | { kind: 'resync' };
