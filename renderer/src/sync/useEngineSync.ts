// Keeps the cache in step with the runtime: engine state from 'engine.watch',
// list changes from 'changes.watch' (at most once per animation frame, see frame-pacer.ts), and a
// refetch whenever the engine comes (back) up or the runtime reconnects.
import { notifyManager, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ChangeEvent } from '../../../runtime/domains/changes/types';
import type { EngineState } from '../../../runtime/domains/engine/types';
import { useClient } from '../api/ClientProvider';
import { applyChanges } from './apply-changes';
import { createFramePacer } from './frame-pacer';
import { engineKeys } from '../features/engine/queries';
import { listKeys } from './lists';

const RESUBSCRIBE_MS = 2000;

export function useEngineSync(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  const connectedTo = useRef<string | null>(null);

  useEffect(() => {
    let stop = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe(
        'engine.watch',
        {},
        (state: EngineState) => {
          queryClient.setQueryData(engineKeys.state(), state);
          const endpoint = state.phase === 'connected' ? state.engine.endpoint : null;
          if (endpoint !== null && endpoint !== connectedTo.current) {
            for (const key of listKeys) void queryClient.invalidateQueries({ queryKey: key });
            void queryClient.invalidateQueries({ queryKey: engineKeys.embedded() });
          }
          connectedTo.current = endpoint;
        },
        () => (timer = setTimeout(watch, RESUBSCRIBE_MS)),
      );
    };
    watch();
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [client, queryClient]);

  useEffect(() => {
    const pacer = createFramePacer<ChangeEvent>((events) =>
      notifyManager.batch(() => applyChanges(queryClient, events)),
    );
    let stop = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe(
        'changes.watch',
        {},
        (event) => pacer.push(event),
        // The stream ended (engine gone): listen again; the lists refetch on reconnect.
        () => (timer = setTimeout(watch, RESUBSCRIBE_MS)),
      );
    };
    watch();
    return () => {
      pacer.dispose();
      clearTimeout(timer);
      stop();
    };
  }, [client, queryClient]);

  // The runtime came back after a drop: what we hold may be old.
  useEffect(
    () =>
      client.onStatus((status) => {
        if (status === 'open') void queryClient.invalidateQueries();
      }),
    [client, queryClient],
  );
}
