// Real HTTP and WebSocket traffic against the server on 127.0.0.1. It needs
// no engine: the handlers are small objects built here; the router is real.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../api/protocol';
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

async function signIn(): Promise<string> {
  const res = await get(`/?token=${TOKEN}`);
  const cookie = res.headers['set-cookie']?.[0];
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0] ?? '';
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

async function connect(): Promise<{ ws: WebSocket; next: () => Promise<ServerMessage> }> {
  const cookie = await signIn();
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { Cookie: cookie }, origin: origin() });
  const queue: ServerMessage[] = [];
  const waiting: ((m: ServerMessage) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = () =>
    new Promise<ServerMessage>((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  return { ws, next };
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
  server = await startServer({ port: 0, token: TOKEN, handlers, staticDir });
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

  it('refuses a request without the token and shows nothing of the app', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).not.toContain('<');
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('refuses a wrong token, also as a cookie', async () => {
    const res = await get('/?token=wrong');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await get('/', { Cookie: `wharf_token_${server.port}=wrong` })).status).toBe(401);
    expect((await get('/', { Cookie: `wharf_token_${server.port}=${TOKEN}x` })).status).toBe(401);
  });

  it('trades the right token for a strict cookie and a redirect without the token', async () => {
    const res = await get(`/?token=${TOKEN}&lang=ko`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?lang=ko');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`wharf_token_${server.port}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // Never a protocol-relative redirect to another site.
    expect((await get(`//evil.example/?token=${TOKEN}`)).headers.location).toMatch(/^\/(?!\/)/);
  });

  it('serves the renderer and its assets with the cookie', async () => {
    const cookie = await signIn();
    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    const js = await get('/assets/app.js', { Cookie: cookie, Origin: origin() });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/app.css', { Cookie: cookie })).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/index.html', { Cookie: cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('puts the strict headers on every response', async () => {
    const cookie = await signIn();
    for (const res of [await get('/', { Cookie: cookie }), await get('/'), await get('/', { Host: 'evil.example' })]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    const page = await get('/', { Cookie: cookie });
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://${host()}`);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    const cookie = await signIn();
    const res = await get('/', { Cookie: cookie, Host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Wharf');
    expect((await get('/', { Cookie: cookie, Host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/', { Cookie: cookie, Host: `[::1]:${server.port}` })).status).toBe(200);
    expect((await get('/', { Cookie: cookie, Host: '127.0.0.1:1' })).status).toBe(403);
  });

  it('refuses requests that carry a foreign Origin', async () => {
    const cookie = await signIn();
    expect((await get('/assets/app.js', { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/assets/app.js', { Cookie: cookie, Origin: 'null' })).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { Origin: 'http://evil.example' })).headers['set-cookie']).toBeUndefined();
  });

  it('answers only GET and HEAD', async () => {
    const cookie = await signIn();
    expect((await get('/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('never serves the engine API', async () => {
    const cookie = await signIn();
    for (const path of ['/v1.41/containers/json', '/containers/json', '/_ping', '/version', '/events']) {
      expect((await get(path, { Cookie: cookie })).status, path).toBe(404);
    }
  });

  it('refuses paths outside the renderer and lists no directories', async () => {
    const cookie = await signIn();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/assets', '/assets/', '/%E0%A4%A']) {
      const res = await get(path, { Cookie: cookie });
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('not for the browser');
      expect(res.body, path).not.toContain('app.js');
    }
  });

  it('refuses a WebSocket upgrade without the cookie, or with a wrong one', async () => {
    expect(await upgrade({}, origin())).toBe(401);
    expect(await upgrade({ Cookie: `wharf_token_${server.port}=nope` }, origin())).toBe(401);
  });

  it('refuses a WebSocket upgrade from a foreign or missing Origin, or to a foreign Host', async () => {
    const cookie = await signIn();
    expect(await upgrade({ Cookie: cookie }, 'http://evil.example')).toBe(403);
    expect(await upgrade({ Cookie: cookie }, `http://evil.example:${server.port}`)).toBe(403);
    expect(await upgrade({ Cookie: cookie })).toBe(403);
    expect(await upgrade({ Cookie: cookie, Host: `evil.example:${server.port}` }, origin())).toBe(403);
    expect(await upgrade({ Cookie: cookie }, origin(), '/v1.41/containers/json')).toBe(404);
    expect(await upgrade({ Cookie: cookie }, origin())).toBe(101);
  });

  it('routes requests over the WebSocket', async () => {
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
    expect(await next()).toEqual({ t: 'res', id: 1, ok: true, data: [] });
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
    const { ws } = await connect();
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });

  it('stops a client’s subscriptions when its socket closes', async () => {
    let stop!: () => void;
    const stoppedOnce = new Promise<void>((resolve) => (stop = resolve));
    const stopped = vi.fn(() => stop());
    let opened!: () => void;
    const subscribed = new Promise<void>((resolve) => (opened = resolve));
    const local = await startServer({
      port: 0,
      token: TOKEN,
      staticDir,
      handlers: {
        requests: {},
        subscriptions: {
          'engine.watch': () => {
            opened();
            return stopped;
          },
        },
      } as unknown as Handlers,
    });
    const signedIn = await new Promise<string>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: local.port, path: `/?token=${TOKEN}` }, (res) => {
        res.resume();
        resolve(res.headers['set-cookie']?.[0]?.split(';')[0] ?? '');
      }).end();
    });
    const ws = new WebSocket(`ws://127.0.0.1:${local.port}/api`, {
      headers: { Cookie: signedIn },
      origin: `http://127.0.0.1:${local.port}`,
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ t: 'sub', id: 1, topic: 'engine.watch', input: {} }));
    await subscribed;
    expect(stopped).not.toHaveBeenCalled();
    ws.close();
    await stoppedOnce;
    await local.close();
    expect(stopped).toHaveBeenCalledTimes(1);
  });
});
