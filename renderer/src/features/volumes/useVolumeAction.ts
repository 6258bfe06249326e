// Volume actions share one shape: run, put the commands in the command bar,
// and keep the error (with the runtime's key) for the form or the page.
import { useQuery } from '@tanstack/react-query';
import type { InputOf } from '../../../../runtime/api/contract';
import { useClient } from '../../api/ClientProvider';
import { volumeKeys } from './queries';
import { isConnected, useEngineState } from '../engine/queries';

export function useVolumeSizes() {
  const client = useClient();
  const connected = isConnected(useEngineState().data);
  return useQuery({
    queryKey: volumeKeys.sizes(),
    queryFn: () => client.request('volumes.sizes', {}),
    enabled: connected,
    // The engine's disk-usage call is slow: look again at most every half minute.
    staleTime: 30_000,
    retry: false,
  });
}

/** The commands an action stands for, previewed before it is done. */
export function useDescribe(input: InputOf<'volumes.describe'> | null) {
  const client = useClient();
  return useQuery({
    queryKey: volumeKeys.describe(input),
    queryFn: () => client.request('volumes.describe', input!),
    enabled: input !== null,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
