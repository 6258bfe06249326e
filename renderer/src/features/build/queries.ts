// The build page's query keys and the reader of the builder a build would use.
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { useConnected } from '../engine/queries';

export const buildKeys = {
  all: ['build'] as const,
  builder: (classic: boolean) => [...buildKeys.all, 'builder', classic] as const,
};

/** Which builder the connected engine would build with (asked again on each visit: the engine may have changed). */
export function useNextBuilder(classic: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: buildKeys.builder(classic),
    queryFn: () => client.request('build.builder', classic ? { classic: true } : {}),
    enabled: useConnected(),
    staleTime: 0,
    retry: false,
  });
}
