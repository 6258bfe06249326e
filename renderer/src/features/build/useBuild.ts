// One build at a time: the images.build subscription folded into what the page
// shows. Leaving the page (or Stop) ends the subscription, which cancels the
// engine's build.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BuildFailureCause,
  BuildStep,
  BuildSummary,
  BuilderName,
  BuilderReason,
} from '../../../../runtime/domains/build/types';
import { useClient } from '../../api/ClientProvider';
import type { ErrorLike } from '../../lib/localize-error';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import type { BuildInput } from './build-input';

const MAX_LOG_LINES = 5000;

export interface BuildState {
  phase: 'idle' | 'building' | 'done' | 'failed' | 'stopped' | 'error';
  command?: string;
  context?: { files: number; bytes: number; ignored: number };
  log: string[];
  /** By step index, in order. */
  steps: BuildStep[];
  summary?: BuildSummary;
  /** Which builder ran and why; fallbackFrom: BuildKit's own error, when the classic builder took over. */
  builder?: { name: BuilderName; reason: BuilderReason; fallbackFrom?: string };
  failure?: { message: string; step?: BuildStep; output: string[]; cause?: BuildFailureCause; frontend?: string };
  error?: ErrorLike;
  startedAt?: number;
}

const idle: BuildState = { phase: 'idle', log: [], steps: [] };

export function useBuild() {
  const client = useClient();
  const [state, setState] = useState<BuildState>(idle);
  const stop = useRef<(() => void) | null>(null);

  useEffect(() => () => stop.current?.(), []);

  const start = useCallback(
    (input: BuildInput) => {
      stop.current?.();
      setState({ phase: 'building', log: [], steps: [], startedAt: Date.now() });
      let ended = false;
      const unsubscribe = client.subscribe(
        'images.build',
        input,
        (event) => {
          setState((s) => {
            switch (event.kind) {
              case 'started':
                useUi.getState().pushCommand(event.command);
                return {
                  ...s,
                  command: event.command,
                  context: { files: event.contextFiles, bytes: event.contextBytes, ignored: event.ignored },
                  builder: {
                    name: event.builder,
                    reason: event.reason,
                    ...(event.fallbackFrom !== undefined ? { fallbackFrom: event.fallbackFrom } : {}),
                  },
                  // The classic builder taking over after BuildKit starts the steps again.
                  steps: [],
                };
              case 'log': {
                const log =
                  s.log.length >= MAX_LOG_LINES
                    ? [...s.log.slice(-MAX_LOG_LINES + 1), event.text]
                    : [...s.log, event.text];
                return { ...s, log };
              }
              case 'step': {
                const steps = s.steps.filter((x) => x.index !== event.step.index);
                steps.push(event.step);
                steps.sort((a, b) => a.index - b.index);
                return { ...s, steps };
              }
              case 'done':
                ended = true;
                return { ...s, phase: 'done', summary: event.summary, steps: event.summary.steps };
              case 'failed':
                ended = true;
                return {
                  ...s,
                  phase: 'failed',
                  failure: {
                    message: event.message,
                    output: event.output,
                    ...(event.step !== undefined ? { step: event.step } : {}),
                    ...(event.cause !== undefined ? { cause: event.cause } : {}),
                    ...(event.frontend !== undefined ? { frontend: event.frontend } : {}),
                  },
                };
            }
          });
        },
        (error) => {
          stop.current = null;
          if (error !== undefined) setState((s) => ({ ...s, phase: 'error', error: toErrorLike(error) }));
          else if (!ended) setState((s) => (s.phase === 'building' ? { ...s, phase: 'stopped' } : s));
        },
      );
      stop.current = () => {
        stop.current = null;
        unsubscribe();
        setState((s) => (s.phase === 'building' ? { ...s, phase: 'stopped' } : s));
      };
    },
    [client],
  );

  const cancel = useCallback(() => stop.current?.(), []);
  return { state, start, cancel };
}
