// `docker inspect` of one container, refreshed whenever the change feed
// brings a new version of its row (started, stopped, renamed…).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContainerSummary } from '../../../../../runtime/domains/containers/types';
import { useClient } from '../../../api/ClientProvider';
import { containerKeys } from '../queries';

export function useContainerInspect(id: string, summary: ContainerSummary | undefined, enabled: boolean) {
  const client = useClient();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: containerKeys.inspect(id),
    queryFn: () => client.request('containers.inspect', { id }),
    enabled,
    staleTime: Infinity,
    retry: (count, error) => count < 1 && (error as { code?: string }).code !== 'not-found',
  });
  useEffect(() => {
    if (summary) void queryClient.invalidateQueries({ queryKey: containerKeys.inspect(id) });
  }, [queryClient, id, summary]);
  return query;
}
