// The volumes' query keys and list reader. The list loads once and is then
// kept fresh by the change feed (changes.ts).
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { listOptions } from '../../lib/query-keys';
import { useConnected } from '../engine/queries';

export const volumeKeys = {
  all: ['volumes'] as const,
  list: () => [...volumeKeys.all, 'list'] as const,
  sizes: () => [...volumeKeys.all, 'sizes'] as const,
  prunePreview: (all: boolean) => [...volumeKeys.all, 'prunePreview', all] as const,
  describe: (input: unknown) => [...volumeKeys.all, 'describe', JSON.stringify(input)] as const,
};

/** `enabled: false` holds this reader back (another reader of the same list still loads it). */
export function useVolumes(options: { enabled?: boolean } = {}) {
  const client = useClient();
  return useQuery({
    queryKey: volumeKeys.list(),
    queryFn: () => client.request('volumes.list', {}),
    enabled: useConnected() && options.enabled !== false,
    ...listOptions,
  });
}
