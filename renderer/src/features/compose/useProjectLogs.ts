// Subscribes to a project's merged logs (`compose.logs`) and fills a
// LogBuffer, each line carrying its container's prefix (`web-1`) and its
// service's colour. React hears about new lines as a Logs tab's view does
// (../logs/render-pacer.ts).
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../runtime/api/errors';
import type { ComposeLogLine } from '../../../../runtime/domains/compose/types';
import { useClient } from '../../api/ClientProvider';
import { LogBuffer } from '../logs/log-buffer';
import { createRenderPacer } from '../logs/render-pacer';

/** `web-1` for the container shop_web_1 or shop-web-1 of service web: how compose logs names it. */
export function linePrefix(line: Pick<ComposeLogLine, 'service' | 'container'>): string {
  const n = /[-_](\d+)$/.exec(line.container)?.[1];
  return n !== undefined ? `${line.service}-${n}` : line.container;
}

export interface ProjectLogs {
  buffer: LogBuffer;
  version: number;
  command: string | undefined;
  services: string[];
  state: 'connecting' | 'following' | 'ended';
  error: ApiError | undefined;
}

export function useProjectLogs(project: string, tail: number | 'all', follow: boolean): ProjectLogs {
  const client = useClient();
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current ??= new LogBuffer();
  const buffer = bufferRef.current;
  const [version, setVersion] = useState(0);
  const [command, setCommand] = useState<string>();
  const [services, setServices] = useState<string[]>([]);
  const [state, setState] = useState<ProjectLogs['state']>('connecting');
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const pacer = createRenderPacer(() => setVersion(buffer.version));
    const schedule = () => pacer.schedule();
    let known: string[] = [];
    const toneOf = (service: string) => {
      let i = known.indexOf(service);
      if (i < 0) {
        known = [...known, service];
        setServices(known);
        i = known.length - 1;
      }
      return i;
    };
    setState('connecting');
    setError(undefined);
    const stop = client.subscribe(
      'compose.logs',
      { project, tail, follow },
      (event) => {
        if (event.type === 'reset') {
          buffer.clear();
          known = [...event.services].sort();
          setServices(known);
          setCommand(event.command);
          schedule();
        } else if (event.type === 'lines') {
          buffer.append(
            event.lines.map((l) => ({
              stream: l.stream,
              text: l.text,
              prefix: linePrefix(l),
              tone: toneOf(l.service),
            })),
          );
          schedule();
        } else setState(event.state);
      },
      (err) => {
        if (err) setError(err);
        setState('ended');
      },
    );
    return () => {
      stop();
      pacer.cancel();
    };
  }, [client, buffer, project, tail, follow]);

  return { buffer, version, command, services, state, error };
}
