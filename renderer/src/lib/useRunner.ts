// One shape for an action a form or dialog runs: busy while it runs, its
// commands to the command bar, its error (with the runtime's key) kept for
// the form to show.
import { useState } from 'react';
import { pushCommands, toErrorLike } from '../features/files/useFileActions';
import type { ErrorLike } from './localize-error';

export function useRunner(after?: () => void) {
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
      after?.();
    }
  };
  return { busy, error, setError, run };
}
