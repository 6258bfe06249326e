// Browser mode's gatekeeping, tried the way an attacker would: no token, a
// wrong token, another site's page in the same browser, a rebound Host name.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test.describe('Browser mode security', () => {
  test('without the token, or with a wrong one, no app is served', async ({ page, wharf }) => {
    for (const [what, url] of [
      ['no token', `${wharf.origin}/`],
      ['a wrong token', `${wharf.origin}/?token=${'0'.repeat(wharf.token.length)}`],
    ] as const) {
      await test.step(what, async () => {
        const response = await page.goto(url);
        expect([401, 403]).toContain(response?.status());
        await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
        expect(await page.locator('script').count(), 'no script is served').toBe(0);
      });
    }
  });

  test('the signed-in page has a CSP and no Node in the renderer', async ({ page, wharf, shell }) => {
    const response = await page.goto(wharf.url);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    await expect(shell.nav).toBeVisible();
    expect(page.url(), 'the token is dropped from the address bar').not.toContain(wharf.token);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('a page from another origin cannot talk to Wharf', async ({ page, wharf, shell }) => {
    // The browser is signed in to Wharf (it holds the token cookie), as a user's would be.
    await shell.signIn();
    const evil = await serveEvilPage(wharf.port);
    try {
      await page.goto(evil.url);
      const result = await page.evaluate(() => (window as unknown as { attack: Promise<unknown> }).attack);
      expect(result).toEqual({
        socket: { opened: false, messages: 0, closed: true },
        fetch: { readBody: false, failed: true },
      });
    } finally {
      await new Promise((done) => evil.server.close(done));
    }
  });

  test('a request with a foreign Host header is refused', async ({ wharf }) => {
    const path = `/?token=${wharf.token}`;
    const ours = await get(wharf.port, path, `127.0.0.1:${wharf.port}`);
    expect(ours.status, 'our own Host is let in (the token is traded for a cookie)').toBe(303);
    const rebound = await get(wharf.port, path, `evil.example:${wharf.port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.headers['set-cookie']).toBeUndefined();
    const bare = await get(wharf.port, path, 'evil.example');
    expect(bare.status).toBe(403);
  });
});

interface Evil {
  url: string;
  server: Server;
}

/** Another site on another loopback port, whose script tries the socket and the app. */
async function serveEvilPage(wharfPort: number): Promise<Evil> {
  const script = `
    window.attack = (async () => {
      const socket = await new Promise((resolve) => {
        const state = { opened: false, messages: 0, closed: false };
        const ws = new WebSocket('ws://127.0.0.1:${wharfPort}/api');
        ws.onopen = () => {
          state.opened = true;
          ws.send(JSON.stringify({ t: 'req', id: 1, method: 'containers.list', input: {} }));
        };
        ws.onmessage = () => { state.messages += 1; };
        ws.onclose = () => { state.closed = true; resolve(state); };
        setTimeout(() => resolve(state), 5000);
      });
      const fetched = { readBody: false, failed: false };
      try {
        const response = await fetch('http://127.0.0.1:${wharfPort}/', { credentials: 'include' });
        await response.text();
        fetched.readBody = true;
      } catch {
        fetched.failed = true;
      }
      return { socket, fetch: fetched };
    })();`;
  const server = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Not Wharf</title><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

function get(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}
