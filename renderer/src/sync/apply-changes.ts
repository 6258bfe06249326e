// Applies the engine's change events to the cached lists: each feature
// applies its own rows (features/<name>/changes.ts), so one event never
// refetches a whole list; a resync refetches every list.
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../runtime/domains/changes/types';
import { applyContainerChanges } from '../features/containers/changes';
import { applyImageChanges } from '../features/images/changes';
import { applyNetworkChanges } from '../features/networks/changes';
import { applyVolumeChanges } from '../features/volumes/changes';
import { listKeys } from './lists';

export function applyChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  if (events.some((e) => e.kind === 'resync')) {
    for (const key of listKeys) void queryClient.invalidateQueries({ queryKey: key });
    applyNetworkChanges(queryClient, events);
    return;
  }
  applyContainerChanges(queryClient, events);
  applyImageChanges(queryClient, events);
  applyVolumeChanges(queryClient, events);
  applyNetworkChanges(queryClient, events);
}
