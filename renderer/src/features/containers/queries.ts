// The containers' query keys and list reader. The list loads once and is then
// kept fresh by the change feed (changes.ts, through sync/useEngineSync).
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { listOptions } from '../../lib/query-keys';
import { useConnected } from '../engine/queries';

export const containerKeys = {
  all: ['containers'] as const,
  list: () => [...containerKeys.all, 'list'] as const,
  describe: (action: string, ids: readonly string[], flags: string) =>
    [...containerKeys.all, 'describe', action, ids.join(','), flags] as const,
  inspect: (id: string) => [...containerKeys.all, 'inspect', id] as const,
};

export function useContainers() {
  const client = useClient();
  return useQuery({
    queryKey: containerKeys.list(),
    queryFn: () => client.request('containers.list', {}),
    enabled: useConnected(),
    ...listOptions,
  });
}
