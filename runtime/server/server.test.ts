// Real HTTP and WebSocket traffic against the server on 127.0.0.1. It needs
// no engine: the handlers are small objects built here; the router is real.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { decodeBytesFrame, type ServerMessage } from '../api/protocol';
import type { Handlers } from '../transport/handlers';
import { startServer, type RunningServer } from './server';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX = '<!doctype html><title>Wharf</title><script type="module" src="./assets/app.js"></script>';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: RunningServer;
let staticDir: string;
let outside: string;
const act = vi.fn(async () => ({ results: [] }));
const list = vi.fn(async () => []);

const handlers = {
  requests: { 'containers.act': act, 'containers.list': list },
  subscriptions: {},
} as unknown as Handlers;

const host = () => `127.0.0.1:${server.port}`;
const origin = () => `http://${host()}`;

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method, headers: { Host: host(), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it opened. */
function upgrade(headers: Record<string, string>, origin?: string, path = '/api'): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers, ...(origin ? { origin } : {}) });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => {});
  });
}

interface Socket {
  ws: WebSocket;
  /** Every message the server sent, as text. */
  received: string[];
  next: () => Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

/** An open socket to /api from our own origin, which has sent nothing yet. */
async function open(port = server.port, headers: Record<string, string> = {}): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers, origin: `http://127.0.0.1:${port}` });
  const received: string[] = [];
  const queue: ServerMessage[] = [];
  const waiting: ((m: ServerMessage) => void)[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    received.push(isBinary ? `binary ${data.length}` : String(data));
    // A binary frame: an event carrying bytes (protocol.ts).
    const bytes = isBinary ? new Uint8Array(data).buffer : undefined;
    const message = bytes ? decodeBytesFrame(bytes)! : (JSON.parse(String(data)) as ServerMessage);
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  ws.on('error', () => {});
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  const next = () =>
    new Promise<ServerMessage>((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  return { ws, received, next, closed };
}

/** A socket that sent the token and was answered "ready". */
async function connect(port = server.port): Promise<Socket> {
  const socket = await open(port);
  socket.ws.send(JSON.stringify({ t: 'auth', token: TOKEN }));
  expect(await socket.next()).toEqual({ t: 'ready' });
  return socket;
}

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'wharf-server-'));
  staticDir = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX);
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("wharf")');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(outside, 'not for the browser');
  server = await startServer({ port: 0, token: TOKEN, handlers, staticDir, authTimeoutMs: 500 });
});

afterAll(async () => {
  await server.close();
  await rm(join(staticDir, '..'), { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('binds to loopback by default', () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the renderer and its assets to our own Host, without a token (they are not secret)', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    const js = await get('/assets/app.js', { Origin: origin() });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never sets a cookie: not for the right token in an old ?token= link, not for a wrong one', async () => {
    for (const path of [`/?token=${TOKEN}`, '/?token=wrong', '/', '/assets/app.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.body, path).not.toContain(TOKEN);
    }
  });

  it('puts the strict headers on every response', async () => {
    for (const res of [await get('/'), await get('/nothing-here'), await get('/', { Host: 'evil.example' })]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await get('/')).headers['content-security-policy']).toContain(`connect-src 'self' ws://${host()}`);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get('/', { Host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Wharf');
    expect((await get('/', { Host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/', { Host: `[::1]:${server.port}` })).status).toBe(200);
    expect((await get('/', { Host: '127.0.0.1:1' })).status).toBe(403);
  });

  it('refuses requests that carry a foreign Origin', async () => {
    expect((await get('/assets/app.js', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/assets/app.js', { Origin: 'null' })).status).toBe(403);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('never serves the engine API', async () => {
    for (const path of ['/v1.41/containers/json', '/containers/json', '/_ping', '/version', '/events']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('refuses paths outside the renderer and lists no directories', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets',
      '/assets/',
      '/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('not for the browser');
      expect(res.body, path).not.toContain('app.js');
    }
  });

  it('refuses a WebSocket upgrade from a foreign or missing Origin, to a foreign Host or another path', async () => {
    expect(await upgrade({}, 'http://evil.example')).toBe(403);
    expect(await upgrade({}, `http://evil.example:${server.port}`)).toBe(403);
    expect(await upgrade({})).toBe(403);
    expect(await upgrade({ Host: `evil.example:${server.port}` }, origin())).toBe(403);
    expect(await upgrade({}, origin(), '/v1.41/containers/json')).toBe(404);
    expect(await upgrade({}, origin())).toBe(101);
  });

  it('closes a socket whose first message is a request, not the token, and answers nothing', async () => {
    list.mockClear();
    // An old-style cookie with the right token does not count either.
    const socket = await open(server.port, { Cookie: `wharf_token_${server.port}=${TOKEN}` });
    socket.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
    socket.ws.send(JSON.stringify({ t: 'auth', token: TOKEN }));
    expect(await socket.closed).toEqual({ code: 4401, reason: 'Wrong token' });
    expect(socket.received).toEqual([]);
    expect(list).not.toHaveBeenCalled();
  });

  it('closes a socket that sends a wrong token, or a token in the wrong shape, and answers nothing', async () => {
    for (const first of [
      JSON.stringify({ t: 'auth', token: `${TOKEN}x` }),
      JSON.stringify({ t: 'auth', token: TOKEN.slice(0, -1) }),
      JSON.stringify({ t: 'auth', token: '' }),
      JSON.stringify({ t: 'auth', token: TOKEN, extra: 1 }),
      JSON.stringify({ token: TOKEN }),
      TOKEN,
      'not json',
    ]) {
      const socket = await open();
      socket.ws.send(first);
      socket.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
      expect(await socket.closed, first).toEqual({ code: 4401, reason: 'Wrong token' });
      expect(socket.received, first).toEqual([]);
    }
    const binary = await open();
    binary.ws.send(Buffer.from(JSON.stringify({ t: 'auth', token: TOKEN })));
    expect((await binary.closed).code).toBe(4401);
  });

  it('closes a socket that sends no token in time', async () => {
    const socket = await open();
    expect(await socket.closed).toEqual({ code: 4408, reason: 'No token' });
    expect(socket.received).toEqual([]);
  });

  it('routes requests over the WebSocket', async () => {
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
    expect(await next()).toEqual({ t: 'res', id: 1, ok: true, data: [] });
    // A second auth message is not a request: it is ignored, and the socket stays open.
    ws.send(JSON.stringify({ t: 'auth', token: TOKEN }));
    ws.send(JSON.stringify({ t: 'req', id: 2, method: 'containers.list', input: {} }));
    expect(await next()).toEqual({ t: 'res', id: 2, ok: true, data: [] });
    ws.close();
  });

  it('answers invalid input with invalid-input and never calls the handler', async () => {
    act.mockClear();
    const { ws, next } = await connect();
    ws.send(
      JSON.stringify({
        t: 'req',
        id: 7,
        method: 'containers.act',
        input: { action: 'explode', targets: [{ id: '../etc', name: 'x' }] },
      }),
    );
    const reply = await next();
    expect(reply).toMatchObject({ t: 'res', id: 7, ok: false, error: { code: 'invalid-input' } });
    expect(act).not.toHaveBeenCalled();
    ws.close();
  });

  it('refuses an unknown method', async () => {
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ t: 'req', id: 2, method: 'containers.exec', input: { cmd: 'sh' } }));
    expect(await next()).toMatchObject({ t: 'res', id: 2, ok: false, error: { code: 'unknown-method' } });
    ws.send(JSON.stringify({ t: 'req', id: 3, method: 'toString', input: {} }));
    expect(await next()).toMatchObject({ t: 'res', id: 3, ok: false, error: { code: 'unknown-method' } });
    ws.close();
  });

  it('closes a connection that sends more than the message size limit', async () => {
    const { ws, closed } = await connect();
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect((await closed).code).toBe(1009);
  });

  /** A server of its own whose runtime has only these subscriptions. */
  const serverWith = (subscriptions: Record<string, (...args: never[]) => unknown>) =>
    startServer({ port: 0, token: TOKEN, staticDir, handlers: { requests: {}, subscriptions } as unknown as Handlers });

  it('stops a client’s subscriptions when its socket closes', async () => {
    let stop!: () => void;
    const stoppedOnce = new Promise<void>((resolve) => (stop = resolve));
    const stopped = vi.fn(() => stop());
    let opened!: () => void;
    const subscribed = new Promise<void>((resolve) => (opened = resolve));
    const local = await serverWith({
      'engine.watch': () => {
        opened();
        return stopped;
      },
    });
    const { ws } = await connect(local.port);
    ws.send(JSON.stringify({ t: 'sub', id: 1, topic: 'engine.watch', input: {} }));
    await subscribed;
    expect(stopped).not.toHaveBeenCalled();
    ws.close();
    await stoppedOnce;
    await local.close();
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('sends an event carrying bytes (a terminal’s output) as one binary frame, everything else as JSON', async () => {
    const output = Buffer.from('한글 and \x1b[1mbold\x1b[0m\r\n');
    const local = await serverWith({
      'terminal.output': (_input: unknown, sink: { emit(e: unknown): void }) => {
        sink.emit({ type: 'data', data: output });
        sink.emit({ type: 'exit', reason: 'process-exited', exitCode: 0 });
        return () => {};
      },
    });
    const socket = await connect(local.port);
    socket.ws.send(JSON.stringify({ t: 'sub', id: 7, topic: 'terminal.output', input: { id: 'a'.repeat(32) } }));
    const data = await socket.next();
    expect(data).toEqual({ t: 'evt', id: 7, data: { type: 'data', data: new Uint8Array(output) } });
    expect(await socket.next()).toEqual({
      t: 'evt',
      id: 7,
      data: { type: 'exit', reason: 'process-exited', exitCode: 0 },
    });
    // The id, then the bytes as they were: 8 + their length.
    expect(socket.received.slice(1)).toEqual([
      `binary ${8 + output.length}`,
      JSON.stringify({ t: 'evt', id: 7, data: { type: 'exit', reason: 'process-exited', exitCode: 0 } }),
    ]);
    socket.ws.close();
    await local.close();
  });

  it('listens before the runtime has loaded: requests sent meanwhile are answered in order once it has', async () => {
    let loaded!: (h: Handlers) => void;
    const loading = new Promise<Handlers>((resolve) => (loaded = resolve));
    const local = await startServer({ port: 0, token: TOKEN, staticDir, handlers: loading });
    const { ws, next, received } = await connect(local.port);
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
    ws.send(JSON.stringify({ t: 'req', id: 2, method: 'containers.list', input: {} }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['{"t":"ready"}']);
    loaded(handlers);
    expect(await next()).toEqual({ t: 'res', id: 1, ok: true, data: [] });
    expect(await next()).toEqual({ t: 'res', id: 2, ok: true, data: [] });
    ws.close();
    await local.close();
  });

  it('tells when the page came: once a script is sent in full, or a socket connects; not for the page itself', async () => {
    const fetchFrom = (port: number, path: string) =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) =>
          res.resume().on('end', resolve),
        );
        req.on('error', reject);
        req.end();
      });
    let calls = 0;
    const local = await startServer({ port: 0, token: TOKEN, staticDir, handlers, onClient: () => (calls += 1) });
    await fetchFrom(local.port, '/');
    await fetchFrom(local.port, '/assets/app.css');
    expect(calls).toBe(0);
    await fetchFrom(local.port, '/assets/app.js');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
    const { ws } = await connect(local.port);
    expect(calls).toBe(2);
    ws.close();
    await local.close();
  });

  it('closes a signed-in socket, saying so, when the runtime could not load', async () => {
    const local = await startServer({
      port: 0,
      token: TOKEN,
      staticDir,
      handlers: Promise.reject(new Error('broken install')),
      log: () => {},
    });
    const socket = await open(local.port);
    socket.ws.send(JSON.stringify({ t: 'auth', token: TOKEN }));
    expect(await socket.closed).toEqual({ code: 1011, reason: 'Wharf could not start' });
    await local.close();
  });
});
