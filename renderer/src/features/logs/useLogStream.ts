// Subscribes to a container's log and fills a LogBuffer. Lines arrive in
// batches; React hears about them in the next frame, or during a flood at
// most ten times a second (./render-pacer.ts).
import { useEffect, useRef, useState } from 'react';
import type { LogEvent } from '../../../../runtime/domains/logs/types';
import type { ApiError } from '../../../../runtime/api/errors';
import { useClient } from '../../api/ClientProvider';
import { LogBuffer } from './log-buffer';
import { createRenderPacer } from './render-pacer';

export interface LogRequest {
  container: string;
  tail: number | 'all';
  since?: number;
  timestamps: boolean;
  follow: boolean;
}

export type LogStatus = Extract<LogEvent, { type: 'status' }> | { type: 'status'; state: 'connecting' };

export interface LogStream {
  buffer: LogBuffer;
  /** Changes whenever the buffer did (at most once a frame). */
  version: number;
  status: LogStatus;
  command: string | undefined;
  tty: boolean;
  error: ApiError | undefined;
}

export function useLogStream(request: LogRequest, cap: number): LogStream {
  const client = useClient();
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current ??= new LogBuffer(cap);
  const buffer = bufferRef.current;
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<LogStatus>({ type: 'status', state: 'connecting' });
  const [command, setCommand] = useState<string>();
  const [tty, setTty] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    buffer.setCap(cap);
    setVersion(buffer.version);
  }, [buffer, cap]);

  const { container, tail, since, timestamps, follow } = request;
  useEffect(() => {
    const pacer = createRenderPacer(() => setVersion(buffer.version));
    const schedule = () => pacer.schedule();
    setStatus({ type: 'status', state: 'connecting' });
    setError(undefined);
    const input = { container, tail, timestamps, follow, ...(since !== undefined ? { since } : {}) };
    const stop = client.subscribe(
      'logs.stream',
      input,
      (event) => {
        if (event.type === 'reset') {
          buffer.clear();
          setCommand(event.command);
          setTty(event.tty);
          schedule();
        } else if (event.type === 'lines') {
          buffer.append(event.lines);
          schedule();
        } else setStatus(event);
      },
      (err) => {
        if (err) setError(err);
        else setStatus({ type: 'status', state: 'ended' });
      },
    );
    return () => {
      stop();
      pacer.cancel();
    };
  }, [client, buffer, container, tail, since, timestamps, follow]);

  return { buffer, version, status, command, tty, error };
}
