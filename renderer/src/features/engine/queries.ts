// The engine's query keys and readers: its state (kept current by
// 'engine.watch' in sync/useEngineSync), candidates, the embedded engine and
// the settings.
import { useQuery } from '@tanstack/react-query';
import type { EngineState } from '../../../../runtime/domains/engine/types';
import { useClient } from '../../api/ClientProvider';

export const engineKeys = {
  all: ['engine'] as const,
  state: () => [...engineKeys.all, 'state'] as const,
  candidates: () => [...engineKeys.all, 'candidates'] as const,
  embedded: () => [...engineKeys.all, 'embedded'] as const,
  settings: () => [...engineKeys.all, 'settings'] as const,
};

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

/** Whether an engine is connected now: the lists load only then. */
export function useConnected(): boolean {
  return isConnected(useEngineState().data);
}

/** The runtime's settings (`settings.get`): the one reader of the key every settings section shares. */
export function useRuntimeSettings(options: { staleTime?: number } = {}) {
  const client = useClient();
  return useQuery({ queryKey: engineKeys.settings(), queryFn: () => client.request('settings.get', {}), ...options });
}
