// Servers and clients the security spec attacks Wharf with: another server on
// 127.0.0.1 that records every request it gets, a stand-in for the earlier
// cookie sign-in, a raw WebSocket client and a raw HTTP client.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { WharfServer } from './wharf-server';

export interface Recorded {
  method: string;
  url: string;
  /** Every header as sent, name and value in turn. */
  rawHeaders: string[];
}

export interface Recorder {
  url: string;
  requests: Recorded[];
  /** The requests that carry `secret` anywhere: in their address or any header. */
  carrying(secret: string): Recorded[];
  close(): Promise<void>;
}

/**
 * A server on another loopback port, like a container the user published on
 * 127.0.0.1:8080. Its page loads an image and a script, fetches with
 * credentials and opens a WebSocket, all to itself; it records every request,
 * upgrades included. window.probed resolves once the page has done all that.
 */
export async function startRecorder(): Promise<Recorder> {
  const requests: Recorded[] = [];
  const record = (req: { method?: string | undefined; url?: string | undefined; rawHeaders: string[] }) =>
    requests.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: [...req.rawHeaders] });
  const page = `<!doctype html><title>Another server</title><img src="/pixel.png" alt=""><script src="/script.js"></script>`;
  const script = `
    window.probed = (async () => {
      await fetch('/fetched', { credentials: 'include' }).then((r) => r.text());
      await new Promise((resolve) => {
        const ws = new WebSocket('ws://' + location.host + '/socket');
        ws.onerror = ws.onclose = () => resolve();
        setTimeout(resolve, 3000);
      });
      return true;
    })();`;
  const server = createServer((req, res) => {
    record(req);
    if (req.url === '/script.js') {
      res.setHeader('Content-Type', 'text/javascript');
      return res.end(script);
    }
    if (req.url === '/') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.end(page);
    }
    res.statusCode = 404;
    res.end();
  });
  server.on('upgrade', (req, socket) => {
    record(req);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const url = await listen(server);
  return {
    url,
    requests,
    carrying: (secret) =>
      requests.filter((r) =>
        [r.url, ...r.rawHeaders].some((text) => text.includes(secret) || text.includes(encodeURIComponent(secret))),
      ),
    close: () => close(server),
  };
}

/**
 * How Wharf signed a browser in before: the token traded for a cookie named
 * for the port, HttpOnly and SameSite=Strict, exactly as it was set then.
 */
export async function startCookieSignIn(token: string): Promise<{ url: string; close(): Promise<void> }> {
  let port = 0;
  const server = createServer((_req, res) => {
    res.setHeader('Set-Cookie', `wharf_token_${port}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
    res.setHeader('Content-Type', 'text/plain');
    res.end('Signed in.');
  });
  const url = await listen(server);
  port = Number(new URL(url).port);
  return { url, close: () => close(server) };
}

export interface SocketResult {
  /** The close code, once closed (or null when it stayed open). */
  code: number | null;
  /** Every message the server sent, as parsed JSON. */
  received: unknown[];
}

/**
 * Opens /api from Wharf's own origin (Host and Origin pass), sends `messages`
 * in order and reports what came back within `waitMs` and how it closed.
 */
export function trySocket(wharf: WharfServer, messages: readonly unknown[], waitMs = 7_000): Promise<SocketResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${wharf.port}/api`, { origin: wharf.origin });
    const received: unknown[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ code: null, received });
    }, waitMs);
    ws.on('open', () => {
      for (const m of messages) ws.send(typeof m === 'string' ? m : JSON.stringify(m));
    });
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as unknown));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, received });
    });
    ws.on('error', reject);
  });
}

/** Asks Wharf one request over a signed-in socket (the token first) and answers its data. */
export async function askWharf(wharf: WharfServer, method: string, input: unknown): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${wharf.port}/api`, { origin: wharf.origin });
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<{ t: string; ok?: boolean; data?: unknown; error?: unknown }>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { t: string };
        if (message.t === 'res') resolve(message);
      }),
    );
    ws.send(JSON.stringify({ t: 'auth', token: wharf.token }));
    ws.send(JSON.stringify({ t: 'req', id: 1, method, input }));
    const answer = await reply;
    if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.data;
  } finally {
    ws.close();
  }
}

/** A plain GET with Node's HTTP client (no browser headers unless given); the body is read and dropped. */
export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
