// The pods feature's query keys, readers and the one way its actions run.
// Pods have no change feed of their own: their containers' changes come
// through the containers list, and the pods are read again with it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../../api/ClientProvider';
import { useRunner } from '../../lib/useRunner';
import { useContainers } from '../containers/queries';
import { useConnected } from '../engine/queries';

export const podKeys = {
  all: ['pods'] as const,
  list: () => [...podKeys.all, 'list'] as const,
};

/** podman pod ls with each pod's containers; on Docker, the reason there are none. */
export function usePods() {
  const client = useClient();
  const queryClient = useQueryClient();
  const containers = useContainers();
  useEffect(() => {
    if (containers.dataUpdatedAt !== 0) void queryClient.invalidateQueries({ queryKey: podKeys.list() });
  }, [containers.dataUpdatedAt, queryClient]);
  return useQuery({
    queryKey: podKeys.list(),
    queryFn: () => client.request('pods.list', {}),
    enabled: useConnected(),
    staleTime: 10_000,
    retry: 1,
  });
}

/** Runs one pods action: its commands to the command bar, its error kept, the pods read again. */
export function usePodAction() {
  const queryClient = useQueryClient();
  return useRunner(() => void queryClient.invalidateQueries({ queryKey: podKeys.all }));
}
