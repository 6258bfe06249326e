// The shell on this machine: whether it is offered and where its DOCKER_HOST
// points. Asked again when the engine changes (the key holds its endpoint)
// and when Settings turns it on or off.
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/ClientProvider';
import { useEngineState } from '../engine/queries';

export const shellKeys = {
  all: ['shell'] as const,
  available: (endpoint: string | null) => [...shellKeys.all, 'available', endpoint] as const,
};

export function useShellAvailable() {
  const client = useClient();
  const state = useEngineState().data;
  const endpoint = state?.phase === 'connected' ? state.engine.endpoint : null;
  return useQuery({
    queryKey: shellKeys.available(endpoint),
    queryFn: () => client.request('shell.available', {}),
  });
}
