// Applies the engine's change events to the cached lists, one row at a time,
// so one event never refetches a whole list.
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../runtime/domains/changes/types';
import type { ContainerSummary } from '../../../runtime/domains/containers/types';
import type { VolumeSummary } from '../../../runtime/domains/volumes/types';
import { networkKeys } from '../features/networks/queries';
import { containerKeys } from '../features/containers/queries';
import { imageKeys } from '../features/images/queries';
import { listKeys } from './lists';
import { volumeKeys } from '../features/volumes/queries';

/** What a batch of events does to one list, by key: the latest row, or gone. */
class RowChanges<T> {
  private readonly latest = new Map<string, T | null>();

  upsert(key: string, row: T): void {
    this.latest.set(key, row);
  }

  remove(key: string): void {
    this.latest.set(key, null);
  }

  get size(): number {
    return this.latest.size;
  }

  /** One pass over the list, however many rows changed; unchanged rows keep their identity. */
  applyTo(rows: readonly T[], keyOf: (row: T) => string): T[] {
    const left = new Map(this.latest);
    const next: T[] = [];
    for (const row of rows) {
      const key = keyOf(row);
      if (!left.has(key)) {
        next.push(row);
        continue;
      }
      const changed = left.get(key);
      left.delete(key);
      if (changed !== null && changed !== undefined) next.push(changed);
    }
    for (const row of left.values()) if (row !== null) next.push(row);
    return next;
  }
}

export function applyChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  if (events.some((e) => e.kind === 'resync')) {
    for (const key of listKeys) void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: networkKeys.all });
    return;
  }
  // The networks show their containers: a network event, or a container's, re-reads them (only where they are shown).
  if (events.some((e) => e.kind === 'networks.changed' || e.kind === 'container.remove' || e.kind === 'container.upsert')) {
    void queryClient.invalidateQueries({ queryKey: networkKeys.all });
  }
  // Reduce a burst per list first, then write each list once.
  const containers = new RowChanges<ContainerSummary>();
  const volumes = new RowChanges<VolumeSummary>();
  for (const event of events) {
    switch (event.kind) {
      case 'container.upsert':
        containers.upsert(event.container.id, event.container);
        break;
      case 'container.remove':
        containers.remove(event.id);
        break;
      case 'images.replace':
        queryClient.setQueryData(imageKeys.list(), event.images);
        break;
      case 'volume.upsert':
        volumes.upsert(event.volume.name, event.volume);
        break;
      case 'volume.remove':
        volumes.remove(event.name);
        break;
      case 'networks.changed':
      case 'resync':
        break;
    }
  }
  const shownContainers = queryClient.getQueryData<ContainerSummary[]>(containerKeys.list());
  if (shownContainers && containers.size > 0) {
    queryClient.setQueryData(containerKeys.list(), containers.applyTo(shownContainers, (c) => c.id));
  }
  const shownVolumes = queryClient.getQueryData<VolumeSummary[]>(volumeKeys.list());
  if (shownVolumes && volumes.size > 0) {
    queryClient.setQueryData(volumeKeys.list(), volumes.applyTo(shownVolumes, (v) => v.name));
  }
}
