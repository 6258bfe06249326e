// The engine switcher's query key and readers: the docker contexts and Podman
// connections (read when the switcher opens), switching, and making one the
// CLI's default.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContextKind } from '../../../../runtime/domains/contexts/types';
import { useClient } from '../../api/ClientProvider';
import { engineKeys } from '../engine/queries';

export const contextsKeys = {
  all: ['contexts'] as const,
  list: () => [...contextsKeys.all, 'list'] as const,
};

export interface ContextRef {
  kind: ContextKind;
  name: string;
}

/** Every context and connection, probed; fetched afresh each time the switcher opens. */
export function useContextList(enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: contextsKeys.list(),
    queryFn: () => client.request('contexts.list', {}),
    enabled,
    staleTime: 0,
  });
}

/** Switches Wharf to a context; the engine state and the lists follow through the engine sync. */
export function useSwitchContext() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ref: ContextRef) => client.request('contexts.use', ref),
    onSuccess: (state) => {
      queryClient.setQueryData(engineKeys.state(), state);
      void queryClient.invalidateQueries({ queryKey: engineKeys.settings() });
      void queryClient.invalidateQueries({ queryKey: engineKeys.candidates() });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: contextsKeys.list() }),
  });
}

/** Makes a context the CLI's own current one (`docker context use`, `podman system connection default`). */
export function useMakeCliDefault() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ref: ContextRef) => client.request('contexts.makeCliDefault', ref),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contextsKeys.list() }),
  });
}

/** Accepts the risk of an unencrypted remote endpoint (for it alone), then switches to the context again. */
export function useAcceptInsecure(then: (ref: ContextRef) => void) {
  const client = useClient();
  return useMutation({
    mutationFn: ({ endpoint }: { endpoint: string; ref: ContextRef }) =>
      client.request('engine.acceptInsecure', { endpoint }),
    onSuccess: (_state, { ref }) => then(ref),
  });
}
