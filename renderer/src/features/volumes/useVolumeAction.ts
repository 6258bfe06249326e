// Volume actions share one shape: run, put the commands in the command bar,
// and keep the error (with the runtime's key) for the form or the page.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../runtime/api/contract';
import { useClient } from '../../api/ClientProvider';
import { volumeKeys } from './queries';
import { isConnected, useEngineState } from '../engine/queries';
import { pushCommands, toErrorLike } from '../files/useFileActions';
import type { ErrorLike } from '../../lib/localize-error';

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

export function useRunner() {
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
    }
  };
  return { busy, error, setError, run };
}
