// A unix-socket proxy in front of the engine that counts the requests passing
// through it, so the benchmark can say what the runtime asked the engine for
// (how many container lists a burst of events cost, whether anything is asked
// at idle) without any counter inside Wharf. Bytes are piped unchanged in both
// directions, hijacked exec streams and the /events stream included; request
// lines are read off the client-to-engine direction.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';

export interface SeenRequest {
  method: string;
  /** Path and query, as sent (the API version prefix removed). */
  path: string;
  at: number;
  /** When the engine's reply to it was last seen passing back (its last bytes so far), if any. */
  endAt?: number;
}

export interface CountingProxy {
  /** unix:///… for `wharf serve --engine`. */
  readonly endpoint: string;
  readonly socketPath: string;
  /** Requests seen since the last mark (or since the start). */
  since(mark: number): SeenRequest[];
  /** A position in the request log. */
  mark(): number;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g;

export async function startCountingProxy(engineSocket: string, socketPath: string): Promise<CountingProxy> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  rmSync(socketPath, { force: true });
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const engine = createConnection({ path: engineSocket, allowHalfOpen: true });
    sockets.add(client);
    sockets.add(engine);
    // After an upgrade (exec attach) the stream is raw bytes: stop reading request lines.
    let raw = false;
    // The request the engine is answering on this connection (HTTP/1.1 here never pipelines).
    let current: SeenRequest | undefined;
    client.on('data', (chunk: Buffer) => {
      if (!raw) {
        const text = chunk.toString('latin1');
        for (const m of text.matchAll(REQUEST_LINE)) {
          current = { method: m[1]!, path: m[2]!.replace(/^\/v\d+\.\d+/, ''), at: performance.now() };
          seen.push(current);
        }
        if (/\r\nUpgrade: /i.test(text)) raw = true;
      }
      if (!engine.write(chunk)) client.pause();
    });
    engine.on('drain', () => client.resume());
    engine.on('data', (chunk: Buffer) => {
      if (current && !raw) current.endAt = performance.now();
      if (!client.write(chunk)) engine.pause();
    });
    client.on('drain', () => engine.resume());
    const forget = () => {
      sockets.delete(client);
      sockets.delete(engine);
    };
    const fail = () => {
      client.destroy();
      engine.destroy();
      forget();
    };
    client.on('end', () => engine.end());
    engine.on('end', () => client.end());
    // The engine is done: what it sent is flushed to the client, then the client closes.
    engine.on('close', () => {
      client.end();
      forget();
    });
    client.on('close', () => {
      engine.destroy();
      forget();
    });
    client.on('error', fail);
    engine.on('error', fail);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(socketPath, () => done());
  });
  return {
    endpoint: `unix://${socketPath}`,
    socketPath,
    mark: () => seen.length,
    since: (mark) => seen.slice(mark),
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

/** A full container list (what a refetch costs), as opposed to a list filtered to a few ids. */
export const isFullContainerList = (r: SeenRequest): boolean =>
  r.method === 'GET' && r.path.startsWith('/containers/json') && !r.path.includes('filters=');

export const isContainerList = (r: SeenRequest): boolean => r.method === 'GET' && r.path.startsWith('/containers/json');
