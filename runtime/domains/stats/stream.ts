// Reading the engine's stats endpoint: a stream of JSON messages, one per
// line (Docker every second, Podman's compat API every five), or one reading.
import type { Readable } from 'node:stream';
import type { Engine } from '../../engine/types';
import type { RawStats } from './compute';

type Docker = ReturnType<Engine['docker']>;

function dial(
  docker: Docker,
  id: string,
  query: Record<string, boolean>,
  isStream: boolean,
  signal: AbortSignal,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    (docker.modem as { dial: (options: object, cb: (err: unknown, result: unknown) => void) => void }).dial(
      {
        path: `/containers/${encodeURIComponent(id)}/stats?`,
        method: 'GET',
        isStream,
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: query,
      },
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever else the engine gave, as text
      (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
    );
  });
}

/** `GET /containers/{id}/stats?stream=true`: calls onMessage for each message until the stream ends. */
export async function openStatsStream(
  docker: Docker,
  id: string,
  signal: AbortSignal,
  onMessage: (raw: RawStats) => void,
  onEnd: () => void,
): Promise<void> {
  const stream = (await dial(docker, id, { stream: true }, true, signal)) as Readable;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    rest += chunk;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl).trim();
      rest = rest.slice(nl + 1);
      if (line) {
        try {
          onMessage(JSON.parse(line) as RawStats);
        } catch {
          // A torn or foreign line: the next message carries the counters again.
        }
      }
      nl = rest.indexOf('\n');
    }
  });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  stream.once('end', end);
  stream.once('close', end);
  stream.once('error', end);
  signal.addEventListener('abort', () => stream.destroy(), { once: true });
}

/**
 * One reading (`stream=false`). Without one-shot the engine waits for a
 * second reading, so precpu_stats is filled and CPU can be computed (what
 * `docker stats --no-stream` does); `one-shot=true` (API 1.41+) answers at once.
 */
export async function readStatsOnce(
  docker: Docker,
  id: string,
  oneShot: boolean,
  signal: AbortSignal,
): Promise<RawStats> {
  const query: Record<string, boolean> = { stream: false };
  if (oneShot) query['one-shot'] = true;
  return (await dial(docker, id, query, false, signal)) as RawStats;
}
