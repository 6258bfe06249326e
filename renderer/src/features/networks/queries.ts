// The networks feature's query keys, readers and the one way its actions run.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { containerKeys } from '../containers/queries';
import { isConnected, useEngineState } from '../engine/queries';
import { useRunner } from '../../lib/useRunner';

export const networkKeys = {
  all: ['networks'] as const,
  list: () => [...networkKeys.all, 'list'] as const,
  inspect: (name: string) => [...networkKeys.all, 'inspect', name] as const,
  prunePreview: () => [...networkKeys.all, 'prunePreview'] as const,
};

/** docker network ls, with each network's subnets and containers; the change feed keeps it fresh. */
export function useNetworks() {
  const client = useClient();
  return useQuery({
    queryKey: networkKeys.list(),
    queryFn: () => client.request('networks.list', {}),
    enabled: isConnected(useEngineState().data),
    staleTime: 10_000,
    retry: 1,
  });
}

/** docker network inspect NAME */
export function useNetworkInspect(name: string) {
  const client = useClient();
  return useQuery({
    queryKey: networkKeys.inspect(name),
    queryFn: () => client.request('networks.inspect', { name }),
    enabled: isConnected(useEngineState().data),
    staleTime: 10_000,
    retry: false,
  });
}

/**
 * Runs one network action: its commands go to the command bar, its error is
 * kept for the form or dialog, and the networks (and containers' details,
 * which list their networks) are read again.
 */
export function useNetworkAction() {
  const queryClient = useQueryClient();
  return useRunner(() => {
    void queryClient.invalidateQueries({ queryKey: networkKeys.all });
    void queryClient.invalidateQueries({ queryKey: containerKeys.all });
  });
}
