// The networks show their containers: a network event, a container's, or a
// resync re-reads them (only where they are shown).
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../../runtime/domains/changes/types';
import { networkKeys } from './queries';

export function applyNetworkChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  const touched = events.some(
    (e) =>
      e.kind === 'networks.changed' ||
      e.kind === 'container.remove' ||
      e.kind === 'container.upsert' ||
      e.kind === 'resync',
  );
  if (touched) void queryClient.invalidateQueries({ queryKey: networkKeys.all });
}
