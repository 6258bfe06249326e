// The networks feature's query keys and readers.
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { isConnected, useEngineState } from '../../data/queries';

export const networkKeys = {
  all: ['networks'] as const,
  list: () => [...networkKeys.all, 'list'] as const,
};

/** docker network ls: every network, the engine's own first. */
export function useNetworks() {
  const client = useClient();
  return useQuery({
    queryKey: networkKeys.list(),
    queryFn: () => client.request('networks.list', {}),
    enabled: isConnected(useEngineState().data),
    staleTime: 10_000,
  });
}
