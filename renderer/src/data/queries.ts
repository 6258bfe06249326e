// Readers of engine data. Lists load once and are then kept fresh by the
// change feed (useEngineSync), never by polling.
import { useQuery } from '@tanstack/react-query';
import type { EngineState } from '../../../runtime/api/types';
import { useClient } from '../api/ClientProvider';
import { containerKeys, engineKeys, imageKeys, volumeKeys } from './keys';

export function useEngineState() {
  const client = useClient();
  return useQuery({
    queryKey: engineKeys.state(),
    queryFn: () => client.request('engine.state', {}),
    staleTime: Infinity,
  });
}

export function isConnected(state: EngineState | undefined): boolean {
  return state?.phase === 'connected';
}

function useConnected(): boolean {
  return isConnected(useEngineState().data);
}

const listOptions = { staleTime: Infinity, retry: 1 } as const;

export function useContainers() {
  const client = useClient();
  return useQuery({
    queryKey: containerKeys.list(),
    queryFn: () => client.request('containers.list', {}),
    enabled: useConnected(),
    ...listOptions,
  });
}

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
