// Runs a compose command on a project through the `compose.run`
// subscription: its progress goes to the compose store (one run per project
// at a time), the command to the recent commands; ending the subscription
// cancels it.
import { useCallback } from 'react';
import { ApiError } from '../../../../runtime/api/errors';
import { useClient } from '../../api/ClientProvider';
import { useUi } from '../../state/ui-store';
import type { ComposeOp } from './compose-command';
import { useComposeUi } from './compose-store';

const running = new Map<string, () => void>();

export function useComposeRun() {
  const client = useClient();
  const run = useCallback(
    (project: string, op: ComposeOp, fileId?: string) => {
      running.get(project)?.();
      const store = useComposeUi.getState();
      store.startRun(project, op.kind);
      const stop = client.subscribe(
        'compose.run',
        { project, op, ...(fileId ? { fileId } : {}) },
        (event) => {
          useComposeUi.getState().onEvent(project, event);
          if (event.type === 'command') useUi.getState().pushCommand(event.command);
        },
        (error) => {
          running.delete(project);
          const e = error instanceof ApiError ? error : undefined;
          useComposeUi.getState().endRun(
            project,
            e
              ? {
                  error: {
                    message: e.message,
                    ...(e.hint ? { hint: e.hint } : {}),
                    ...(e.key ? { key: e.key } : {}),
                    ...(e.params ? { params: e.params } : {}),
                  },
                  exitCode: null,
                }
              : undefined,
          );
        },
      );
      running.set(project, stop);
    },
    [client],
  );
  const cancel = useCallback((project: string) => {
    const stop = running.get(project);
    if (!stop) return;
    running.delete(project);
    stop();
    useComposeUi.getState().cancelRun(project);
  }, []);
  return { run, cancel };
}
