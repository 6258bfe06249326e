// Runs a file action: records its commands in the command bar, refreshes the
// listing of the target, and returns the error to show (or null).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { FileTarget } from '../../../../runtime/domains/files/types';
import { ApiError } from '../../../../runtime/api/errors';
import { fileKeys } from './queries';
import type { ErrorLike } from '../../lib/localize-error';
import { useUi } from '../../state/ui-store';

export function toErrorLike(error: unknown): ErrorLike & { code?: string } {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      code: error.code,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.key ? { key: error.key } : {}),
      ...(error.params ? { params: error.params } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function pushCommands(commands: readonly string[]): void {
  const ui = useUi.getState();
  // Oldest first, so the bar ends on the last command of the sequence.
  for (const c of commands) ui.pushCommand(c);
}

export function useRefreshFiles(target: FileTarget) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: fileKeys.target(target) }), [queryClient, target]);
}
