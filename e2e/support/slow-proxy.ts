// A TCP proxy on loopback that passes bytes from the server to the client at
// a set rate, so a pull lasts long enough to be cancelled midway. It counts
// open connections: when the engine really stops a pull, they close.
import { createConnection, createServer, type Socket } from 'node:net';

export interface SlowProxy {
  /** "127.0.0.1:PORT" */
  host: string;
  /** Connections open right now. */
  open(): number;
  /** Bytes sent to clients so far. */
  sent(): number;
  stop(): Promise<void>;
}

/** `target`: "HOST:PORT", or "unix:///path" for a unix socket (an engine's). */
export async function startSlowProxy(target: string, bytesPerSecond: number): Promise<SlowProxy> {
  const [targetHost, targetPort] = target.split(':');
  const connectTo = target.startsWith('unix://')
    ? { path: target.slice('unix://'.length) }
    : { host: targetHost, port: Number(targetPort) };
  const sockets = new Set<Socket>();
  let sent = 0;
  const server = createServer((client) => {
    const upstream = createConnection(connectTo);
    sockets.add(client);
    sockets.add(upstream);
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
    client.pipe(upstream);
    // Server → client: pause after each chunk for as long as its bytes take at the rate.
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      sent += chunk.length;
      setTimeout(() => open && upstream.resume(), Math.ceil((chunk.length / bytesPerSecond) * 1000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    host: `127.0.0.1:${address.port}`,
    // Each proxied connection holds two sockets.
    open: () => sockets.size / 2,
    sent: () => sent,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
