// A pull or push followed live: per-layer progress and the overall sum.
// Cancelling unsubscribes, which aborts the engine's request in the runtime.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LayerProgress, OverallProgress, TransferEvent } from '../../../../runtime/domains/images/types';
import { useClient } from '../../api/ClientProvider';
import { pushCommands, toErrorLike } from '../files/useFileActions';
import type { ShownError } from './useImageAction';

export type TransferPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TransferState {
  phase: TransferPhase;
  image: string;
  command?: string;
  /** In the order they first appeared. */
  layers: LayerProgress[];
  overall: OverallProgress;
  /** The last line about the whole image ("Digest: …"). */
  status?: string;
  error?: ShownError;
}

const NOTHING: OverallProgress = { current: 0, total: 0, layersDone: 0, layers: 0 };

export function useTransfer(direction: 'pull' | 'push') {
  const client = useClient();
  const [state, setState] = useState<TransferState>({ phase: 'idle', image: '', layers: [], overall: NOTHING });
  const stop = useRef<(() => void) | null>(null);

  const start = useCallback(
    (image: string) => {
      stop.current?.();
      setState({ phase: 'running', image, layers: [], overall: NOTHING });
      const onEvent = (event: TransferEvent) =>
        setState((s) => {
          if (s.phase !== 'running') return s;
          switch (event.kind) {
            case 'started':
              pushCommands([event.command]);
              return { ...s, command: event.command };
            case 'layer': {
              const at = s.layers.findIndex((l) => l.id === event.layer.id);
              const layers = at < 0 ? [...s.layers, event.layer] : s.layers.map((l, i) => (i === at ? event.layer : l));
              return { ...s, layers, overall: event.overall };
            }
            case 'status':
              return { ...s, status: event.message };
            case 'done':
              return {
                ...s,
                phase: 'done',
                overall: event.overall,
                ...(event.digest !== undefined ? { status: event.digest } : {}),
              };
          }
        });
      stop.current = client.subscribe(`images.${direction}`, { image }, onEvent, (error) => {
        stop.current = null;
        if (error) setState((s) => (s.phase === 'running' ? { ...s, phase: 'failed', error: toErrorLike(error) } : s));
      });
    },
    [client, direction],
  );

  const cancel = useCallback(() => {
    stop.current?.();
    stop.current = null;
    setState((s) => (s.phase === 'running' ? { ...s, phase: 'cancelled' } : s));
  }, []);

  // Leaving the page or closing the dialog stops a transfer still running.
  useEffect(() => () => stop.current?.(), []);

  return { state, start, cancel };
}
