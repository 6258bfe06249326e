// The images list follows the engine's change events: the runtime sends the
// whole list again (an image event can change many rows' tags).
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../../runtime/domains/changes/types';
import { imageKeys } from './queries';

export function applyImageChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  let latest: ChangeEvent | undefined;
  for (const event of events) if (event.kind === 'images.replace') latest = event;
  if (latest?.kind === 'images.replace') queryClient.setQueryData(imageKeys.list(), latest.images);
}
