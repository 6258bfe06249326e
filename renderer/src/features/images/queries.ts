// The images' and registry logins' query keys, and the images list reader. The
// list loads once and is then kept fresh by the change feed (changes.ts).
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { listOptions } from '../../lib/query-keys';
import { useConnected } from '../engine/queries';

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  inspect: (id: string) => [...imageKeys.all, 'inspect', id] as const,
  history: (image: string) => [...imageKeys.all, 'history', image] as const,
  prunePreview: (all: boolean) => [...imageKeys.all, 'prunePreview', all] as const,
  describe: (input: unknown) => [...imageKeys.all, 'describe', JSON.stringify(input)] as const,
  describeBuild: (input: unknown) => [...imageKeys.all, 'describe', 'build', JSON.stringify(input)] as const,
};

export const registryKeys = {
  list: () => ['registries'] as const,
  toolFiles: () => ['registries', 'tool-files'] as const,
};

/** `enabled: false` holds this reader back (another reader of the same list still loads it). */
export function useImages(options: { enabled?: boolean } = {}) {
  const client = useClient();
  return useQuery({
    queryKey: imageKeys.list(),
    queryFn: () => client.request('images.list', {}),
    enabled: useConnected() && options.enabled !== false,
    ...listOptions,
  });
}
