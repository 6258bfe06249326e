// Applies the engine's change events to the cached lists, one row at a time,
// so one event never refetches a whole list.
import type { QueryClient } from '@tanstack/react-query';
import type {
  ChangeEvent,
  ContainerSummary,
  VolumeSummary,
} from '../../../runtime/api/types';
import { containerKeys, imageKeys, listKeys, volumeKeys } from './keys';

function upsert<T>(rows: T[], row: T, same: (a: T) => boolean): T[] {
  const index = rows.findIndex(same);
  if (index === -1) return [...rows, row];
  const next = rows.slice();
  next[index] = row;
  return next;
}

export function applyChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  if (events.some((e) => e.kind === 'resync')) {
    for (const key of listKeys) void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  // Reduce a burst per list first, then write each list once.
  let containers = queryClient.getQueryData<ContainerSummary[]>(containerKeys.list());
  let volumes = queryClient.getQueryData<VolumeSummary[]>(volumeKeys.list());
  let containersChanged = false;
  let volumesChanged = false;
  for (const event of events) {
    switch (event.kind) {
      case 'container.upsert':
        if (containers) {
          containers = upsert(containers, event.container, (c) => c.id === event.container.id);
          containersChanged = true;
        }
        break;
      case 'container.remove':
        if (containers) {
          containers = containers.filter((c) => c.id !== event.id);
          containersChanged = true;
        }
        break;
      case 'images.replace':
        queryClient.setQueryData(imageKeys.list(), event.images);
        break;
      case 'volume.upsert':
        if (volumes) {
          volumes = upsert(volumes, event.volume, (v) => v.name === event.volume.name);
          volumesChanged = true;
        }
        break;
      case 'volume.remove':
        if (volumes) {
          volumes = volumes.filter((v) => v.name !== event.name);
          volumesChanged = true;
        }
        break;
      case 'resync':
        break;
    }
  }
  if (containersChanged) queryClient.setQueryData(containerKeys.list(), containers);
  if (volumesChanged) queryClient.setQueryData(volumeKeys.list(), volumes);
}
