// The volumes list follows the engine's change events, one row at a time.
import type { QueryClient } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../../runtime/domains/changes/types';
import type { VolumeSummary } from '../../../../runtime/domains/volumes/types';
import { RowChanges } from '../../sync/row-changes';
import { volumeKeys } from './queries';

export function applyVolumeChanges(queryClient: QueryClient, events: readonly ChangeEvent[]): void {
  const rows = new RowChanges<VolumeSummary>();
  for (const event of events) {
    if (event.kind === 'volume.upsert') rows.upsert(event.volume.name, event.volume);
    else if (event.kind === 'volume.remove') rows.remove(event.name);
  }
  const shown = queryClient.getQueryData<VolumeSummary[]>(volumeKeys.list());
  if (shown && rows.size > 0)
    queryClient.setQueryData(
      volumeKeys.list(),
      rows.applyTo(shown, (v) => v.name),
    );
}
