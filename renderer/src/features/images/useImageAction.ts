// Image actions share one shape: run, put the command in the command bar,
// and keep the error (with the runtime's key) for the dialog to show.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../runtime/api/contract';
import { useClient } from '../../api/ClientProvider';
import { imageKeys } from './queries';
import type { ErrorLike } from '../../lib/localize-error';
import { pushCommands, toErrorLike } from '../files/useFileActions';

export type ShownError = ErrorLike & { code?: string; name?: string };

/** The command an action stands for, previewed before it is done. */
export function useImageDescribe(input: InputOf<'images.describe'> | null) {
  const client = useClient();
  return useQuery({
    queryKey: imageKeys.describe(input),
    queryFn: () => client.request('images.describe', input!),
    enabled: input !== null,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export function useImageRunner() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ShownError[]>([]);
  /** Runs the action; its command (or commands) go to the command bar. Null when it failed. */
  const run = async <T extends { command?: string; commands?: string[] }>(
    action: () => Promise<T>,
    name?: string,
  ): Promise<T | null> => {
    setBusy(true);
    setErrors([]);
    try {
      const result = await action();
      pushCommands(result.commands ?? (result.command !== undefined ? [result.command] : []));
      return result;
    } catch (e) {
      setErrors([{ ...toErrorLike(e), ...(name !== undefined ? { name } : {}) }]);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, setBusy, errors, setErrors, run };
}
