// The Disk page's engine data: the disk-usage report and a clean-up preview.
// Both are looked at when asked (the engine's disk-usage call walks every
// layer), never polled.
import { useQuery } from '@tanstack/react-query';
import type { InputOf } from '../../../../runtime/api/contract';
import { useClient } from '../../api/ClientProvider';
import { isConnected, useEngineState } from '../../data/queries';

export type PruneSelection = Required<InputOf<'disk.prunePreview'>>;

export const diskKeys = {
  all: ['disk'] as const,
  usage: () => [...diskKeys.all, 'usage'] as const,
  preview: (selection: PruneSelection) => [...diskKeys.all, 'preview', selection] as const,
};

export function useDiskUsage() {
  const client = useClient();
  return useQuery({
    queryKey: diskKeys.usage(),
    queryFn: () => client.request('disk.usage', {}),
    enabled: isConnected(useEngineState().data),
    staleTime: 30_000,
    retry: false,
  });
}

/** What a clean-up with `selection` would remove now; looked at again each time the dialog opens. */
export function usePrunePreview(selection: PruneSelection, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: diskKeys.preview(selection),
    queryFn: () => client.request('disk.prunePreview', selection),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
