// The Disk page's engine data: the disk-usage report and a clean-up preview.
// Both are looked at when asked (the engine's disk-usage call walks every
// layer), never polled.
import { useQuery } from '@tanstack/react-query';
import type { InputOf } from '../../../../runtime/api/contract';
import { useClient } from '../../api/ClientProvider';
import { useEngineState } from '../engine/queries';

/** The connected engine's endpoint, or null. */
function useEndpoint(): string | null {
  const state = useEngineState().data;
  return state?.phase === 'connected' ? state.engine.endpoint : null;
}

export type PruneSelection = Required<InputOf<'disk.prunePreview'>>;

export const diskKeys = {
  all: ['disk'] as const,
  /** By endpoint: another engine's numbers (or ids to remove) are never shown for this one. */
  usage: (endpoint: string | null) => [...diskKeys.all, 'usage', endpoint] as const,
  preview: (endpoint: string | null, selection: PruneSelection) =>
    [...diskKeys.all, 'preview', endpoint, selection] as const,
};

export function useDiskUsage() {
  const client = useClient();
  const endpoint = useEndpoint();
  return useQuery({
    queryKey: diskKeys.usage(endpoint),
    queryFn: () => client.request('disk.usage', {}),
    enabled: endpoint !== null,
    staleTime: 30_000,
    retry: false,
  });
}

/** What a clean-up with `selection` would remove now; looked at again each time the dialog opens. */
export function usePrunePreview(selection: PruneSelection, enabled: boolean) {
  const client = useClient();
  const endpoint = useEndpoint();
  return useQuery({
    queryKey: diskKeys.preview(endpoint, selection),
    queryFn: () => client.request('disk.prunePreview', selection),
    enabled: enabled && endpoint !== null,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
