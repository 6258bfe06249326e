// The networks feature's query keys, readers and the one way its actions run.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/ClientProvider';
import { containerKeys } from '../containers/queries';
import { isConnected, useEngineState } from '../engine/queries';
import type { ErrorLike } from '../../lib/localize-error';
import { pushCommands, toErrorLike } from '../files/useFileActions';

export const networkKeys = {
  all: ['networks'] as const,
  list: () => [...networkKeys.all, 'list'] as const,
  inspect: (name: string) => [...networkKeys.all, 'inspect', name] as const,
  prunePreview: () => [...networkKeys.all, 'prunePreview'] as const,
};

/** docker network ls, with each network's subnets and containers; the change feed keeps it fresh. */
export function useNetworks() {
  const client = useClient();
  return useQuery({
    queryKey: networkKeys.list(),
    queryFn: () => client.request('networks.list', {}),
    enabled: isConnected(useEngineState().data),
    staleTime: 10_000,
    retry: 1,
  });
}

/** docker network inspect NAME */
export function useNetworkInspect(name: string) {
  const client = useClient();
  return useQuery({
    queryKey: networkKeys.inspect(name),
    queryFn: () => client.request('networks.inspect', { name }),
    enabled: isConnected(useEngineState().data),
    staleTime: 10_000,
    retry: false,
  });
}

/**
 * Runs one network action: its commands go to the command bar, its error is
 * kept for the form or dialog, and the networks (and containers' details,
 * which list their networks) are read again.
 */
export function useNetworkAction() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<(ErrorLike & { code?: string }) | null>(null);
  const run = async <T extends { commands: string[] }>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      pushCommands(result.commands);
      return result;
    } catch (e) {
      setError(toErrorLike(e));
      return null;
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: networkKeys.all });
      void queryClient.invalidateQueries({ queryKey: containerKeys.all });
    }
  };
  return { busy, error, setError, run };
}
