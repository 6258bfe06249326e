// Browser mode: a small local HTTP server that serves the built renderer and
// the contract over one WebSocket at /api. It never proxies the engine API.
// Every request needs a Host header that is ours and, when present, an Origin
// that is ours (DNS rebinding, other sites). The page itself is not secret;
// the per-run token is: the page sends it as the WebSocket's first message
// (socket-auth.ts). It never travels in a cookie, which browsers would also
// send to every other server on the same host, whatever its port.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ApiError } from '../api/errors';
import { encodeBytesFrame, isBytesEvent, type ServerMessage } from '../api/protocol';
import type { DownloadsService } from '../domains/downloads/service';
import type { Handlers } from '../transport/handlers';
import { createSession } from '../transport/router';
import { toApiError } from '../transport/to-api-error';
import { allowedHosts, allowedOrigins, hostForUrl, isWildcardHost, securityHeaders } from './security';
import { authenticate, rawToString } from './socket-auth';
import { contentType, resolveStaticPath } from './static-files';

export interface ServerOptions {
  /** Address to bind; loopback unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The contract's handlers; while they are a promise (the runtime still loading), a signed-in socket's messages wait. */
  handlers: Handlers | Promise<Handlers>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** One-time downloads served at GET /download/<id> (registered by 'downloads.create'). */
  downloads?: Pick<DownloadsService, 'claim' | 'isDragOut'> | Promise<Pick<DownloadsService, 'claim' | 'isDragOut'>>;
  /** How long a new WebSocket has to send the token (tests shorten it). */
  authTimeoutMs?: number;
  log?: (message: string) => void;
  /**
   * Something came for the page: one of its scripts was sent in full, or a socket connected.
   * cli.ts loads the runtime then, so its loading does not hold up the page's own files.
   */
  onClient?: () => void;
}

export interface RunningServer {
  /** Where a browser on this machine reaches it, without the token (cli.ts adds it as the fragment). */
  url: string;
  /** The address actually bound. */
  address: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A client that reads slower than this much queued output is dropped rather than buffered forever. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
const KEEPALIVE_MS = 30_000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const { token, handlers, staticDir } = options;
  // A runtime that failed to load is said to each socket (serveClient); not an unhandled rejection meanwhile.
  for (const loading of [handlers, options.downloads]) if (loading instanceof Promise) loading.catch(() => {});

  // Known only once listening (port 0 picks one).
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const isOurs = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return hosts.has(req.headers.host ?? '') && (origin === undefined || origins.has(origin));
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log(`http: ${String(error)}`);
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = securityHeaders(hosts.has(req.headers.host ?? '') ? [`ws://${req.headers.host}`] : []);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);

    if (!isOurs(req)) return plain(res, 403, 'Forbidden.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method not allowed.');
    }

    const url = new URL(req.url ?? '/', 'http://wharf.invalid');
    if (url.pathname.startsWith('/download/')) return serveDownload(req, res, url.pathname.slice('/download/'.length));

    const file = resolveStaticPath(staticDir, url.pathname);
    if (file === null) return plain(res, 404, 'Not found.');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return plain(res, 404, 'Not found.');

    res.statusCode = 200;
    res.setHeader('Content-Type', contentType(file));
    res.setHeader('Content-Length', info.size);
    res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'no-cache');
    if (req.method === 'HEAD') return void res.end();
    if (file.endsWith('.js')) res.once('finish', () => options.onClient?.());
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /**
   * A registered download, once: the engine's stream piped into the response
   * (a slow disk slows the engine), with its Content-Length when the size is
   * known beforehand. Errors before the first byte get a status; after it,
   * the connection is cut so the browser marks the download failed (so does
   * Cancel in Wharf, and a file that changes size on the way). The id is the
   * secret (256 random bits, from 'downloads.create' over the signed-in
   * socket); the browser says the link was followed on Wharf's own page
   * (Sec-Fetch-Site: same-origin), which another site's page cannot fake.
   */
  async function serveDownload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    // HEAD would use up the id without serving it.
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return plain(res, 405, 'Method not allowed.');
    }
    const downloads = /^[0-9a-f]{64}$/.test(id) ? await options.downloads : undefined;
    // Checked before the id is claimed: a refused request does not use it up. A file dragged out of
    // the page is fetched by the browser itself, which says `none` (a page never can).
    const site = req.headers['sec-fetch-site'];
    if (site !== 'same-origin' && !(site === 'none' && downloads?.isDragOut(id) === true)) {
      return plain(res, 403, 'Downloads start from Wharf’s own page: start the download again in Wharf.');
    }
    const claimed = downloads?.claim(id);
    if (claimed === undefined)
      return plain(res, 404, 'This download link was used already or has expired. Start the download again in Wharf.');
    let opened;
    try {
      opened = await claimed.start();
    } catch (error) {
      const api = toApiError(error);
      return plain(res, downloadStatus(api), api.message);
    }
    const { stream, done } = opened;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      log(`download: ${String(error)}`);
      opened.finished({ phase: 'failed', error });
      stream.destroy();
      res.destroy();
    };
    done.catch(fail);
    // The user cancelled in the browser, or it went away: stop reading from the engine. A browser that
    // has every byte of the Content-Length may hang up before the response ends: then the source decides.
    res.on('close', () => {
      if (res.writableFinished) return;
      if (opened.size !== undefined && opened.sent() === opened.size && !failed) {
        void done.then(
          () => opened.finished({ phase: 'done' }),
          (error: unknown) => opened.finished({ phase: 'failed', error }),
        );
        return;
      }
      opened.finished({ phase: 'cancelled' });
      stream.destroy();
    });
    res.on('finish', () => opened.finished({ phase: 'done' }));
    stream.on('error', fail);
    res.statusCode = 200;
    res.setHeader('Content-Type', opened.contentType);
    res.setHeader('Content-Disposition', contentDisposition(opened.name));
    res.setHeader('Cache-Control', 'no-store');
    if (opened.size !== undefined) res.setHeader('Content-Length', opened.size);
    // The response ends once the source reported success, not merely when its stream ended.
    stream.once('end', () => {
      void done.then(() => {
        if (!failed) res.end();
      }, fail);
    });
    stream.pipe(res, { end: false });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://wharf.invalid').pathname;
    // A WebSocket is not bound by the same-origin policy: the Origin check is what keeps other sites out.
    if (!isOurs(req) || req.headers.origin === undefined) return refuseUpgrade(socket, 403, 'Forbidden');
    if (path !== '/api') return refuseUpgrade(socket, 404, 'Not Found');
    options.onClient?.();
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', (error) => log(`websocket: ${String(error)}`));
      authenticate(ws, token, () => serveClient(ws), options.authTimeoutMs);
    });
  });

  /** A socket that sent the token: the contract, until it closes. */
  function serveClient(ws: WebSocket): void {
    const send = (message: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate();
        return;
      }
      // A terminal's output: its bytes in a binary frame, not JSON (protocol.ts).
      if (message.t === 'evt' && isBytesEvent(message.data)) ws.send(encodeBytesFrame(message.id, message.data.data));
      else ws.send(JSON.stringify(message));
    };
    let session: ReturnType<typeof createSession> | undefined;
    let closed = false;
    // Messages that arrive while the runtime is still loading, in their order.
    const waiting: unknown[] = [];
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(1003, 'Text messages only');
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawToString(data));
      } catch {
        return ws.close(1007, 'Messages must be JSON');
      }
      if (session) session.receive(parsed);
      else waiting.push(parsed);
    });
    ws.on('close', () => {
      closed = true;
      session?.close();
    });
    void Promise.resolve(handlers).then(
      (ready) => {
        if (closed) return;
        session = createSession(ready, send, (error) => log(`api: ${describe(error)}`));
        for (const message of waiting.splice(0)) session.receive(message);
      },
      (error: unknown) => {
        log(`runtime: ${String(error)}`);
        ws.close(1011, 'Wharf could not start');
      },
    );
  }

  // One timer for all clients: a client that missed a ping is gone (laptop lid, dropped network).
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, KEEPALIVE_MS);
  keepalive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const port = bound.port;
  hosts = allowedHosts(host, port);
  origins = allowedOrigins(hosts);

  const shownHost = isWildcardHost(host) ? '127.0.0.1' : hostForUrl(host);
  return {
    url: `http://${shownHost}:${port}/`,
    address: bound.address,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepalive);
        // Sessions close on each socket's close event; wait for them so no subscription outlives the server.
        const sockets = [...wss.clients].map((ws) => new Promise((done) => ws.once('close', done)));
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => void Promise.all(sockets).then(() => resolve()));
        server.closeAllConnections();
      }),
  };
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}

function downloadStatus(error: ApiError): number {
  if (error.code === 'not-found') return 404;
  if (error.code === 'invalid-input') return 400;
  if (error.code === 'forbidden') return 403;
  if (error.code === 'conflict') return 409;
  if (error.code === 'unavailable') return 503;
  return 502;
}

/** attachment with an ASCII fallback name and the exact name as RFC 5987 UTF-8. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
