// The containers list follows the engine's change events, one row at a time.
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../../runtime/domains/changes/types';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { RowChanges } from '../../sync/row-changes';
import { containerKeys } from './queries';

export function applyContainerChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  const rows = new RowChanges<ContainerSummary>();
  for (const event of events) {
    if (event.kind === 'container.upsert') rows.upsert(event.container.id, event.container);
    else if (event.kind === 'container.remove') rows.remove(event.id);
  }
  const shown = queryClient.getQueryData<ContainerSummary[]>(containerKeys.list());
  if (shown && rows.size > 0)
    queryClient.setQueryData(
      containerKeys.list(),
      rows.applyTo(shown, (c) => c.id),
    );
}
