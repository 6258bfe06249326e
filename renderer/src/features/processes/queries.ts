// The processes domain's query keys and hooks.
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';

/** How often the tab asks again while it is shown. */
export const PROCESSES_REFRESH_MS = 2000;

export const processKeys = {
  all: ['processes'] as const,
  top: (id: string) => [...processKeys.all, 'top', id] as const,
};

/** `docker top` of one container, asked again every 2 s while `live`. */
export function useTop(id: string, live: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: processKeys.top(id),
    queryFn: () => client.request('processes.top', { id }),
    refetchInterval: live ? PROCESSES_REFRESH_MS : false,
    enabled: live,
    staleTime: 0,
    retry: false,
  });
}
