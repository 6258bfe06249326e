// Browser mode's gatekeeping, tried the way an attacker would: another server
// on the same host opened in the same browser, no token, a wrong token,
// another site's page, a rebound Host name, a socket that skips the token, a
// download address fetched from elsewhere.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { screenshot } from './support/screenshots';
import { askWharf, httpGet, startCookieSignIn, startRecorder, trySocket } from './support/security-probes';
import { openWharf } from './support/wharf-server';
import { expect, test } from './fixtures';

const TOKEN_KEY = 'wharf.token';
const storedToken = (page: Page) => page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY);
/** Resolves once the recorder's page made all its requests. */
const probed = (page: Page) => page.evaluate(() => (window as unknown as { probed: Promise<boolean> }).probed);

test.describe('Browser mode security', () => {
  test('another server on 127.0.0.1 opened in the same browser receives nothing of the token', async ({
    browser,
    wharf,
  }) => {
    const recorder = await startRecorder();
    try {
      await test.step('as it was: the token cookie of one port is sent to every other port of the host', async () => {
        const signIn = await startCookieSignIn(wharf.token);
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(signIn.url);
          await page.goto(recorder.url);
          await probed(page);
          const leaked = recorder.carrying(wharf.token);
          expect(leaked.length, 'the other server got the token').toBeGreaterThan(0);
          expect(leaked.map((r) => r.url)).toEqual(expect.arrayContaining(['/', '/script.js', '/fetched']));
        } finally {
          await context.close();
          await signIn.close();
        }
      });
      recorder.requests.length = 0;

      await test.step('now: after Wharf was opened with its link, the other server gets nothing of it', async () => {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await openWharf(page, wharf);
          await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
          await page.getByRole('link', { name: 'Images', exact: true }).click();
          await expect(page).toHaveURL(/#\/images$/);
          expect(await storedToken(page)).toBe(wharf.token);
          expect(await context.cookies()).toEqual([]);

          await page.goto(recorder.url);
          await probed(page);
          // In the same tab and in a new one, as a user opening the container's page would.
          const other = await context.newPage();
          await other.goto(recorder.url);
          await probed(other);
          expect(recorder.requests.map((r) => r.url)).toEqual(
            expect.arrayContaining(['/', '/script.js', '/pixel.png', '/fetched', '/socket']),
          );
          expect(recorder.carrying(wharf.token), 'requests that carry the token').toEqual([]);
          const headerNames = recorder.requests.flatMap((r) =>
            r.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase()),
          );
          expect(headerNames).not.toContain('cookie');
        } finally {
          await context.close();
        }
      });
    } finally {
      await recorder.close();
    }
  });

  test('without a token the page says to open the printed link (English and Korean) and opens no socket', async ({
    browser,
    wharf,
  }) => {
    const titles = { en: 'Open the link that wharf serve printed', ko: 'wharf serve가 출력한 링크를 여세요' };
    for (const language of ['en', 'ko'] as const) {
      const context = await browser.newContext({ locale: language === 'en' ? 'en-US' : 'ko-KR' });
      try {
        const page = await context.newPage();
        const sockets: string[] = [];
        page.on('websocket', (ws) => sockets.push(ws.url()));
        const response = await page.goto(`${wharf.origin}/`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['set-cookie']).toBeUndefined();
        await expect(page.getByRole('heading', { name: titles[language] })).toBeVisible();
        await expect(page.getByTestId('token-page')).toHaveAttribute('data-problem', 'missing');
        await expect(page.getByRole('navigation')).toHaveCount(0);
        await page.waitForLoadState('networkidle');
        expect(sockets, 'no WebSocket without a token').toEqual([]);
        await screenshot(page, `browser-no-token-${language}`);
      } finally {
        await context.close();
      }
    }
  });

  test('a wrong token is refused and the page asks again; pasting the printed link opens Wharf', async ({
    page,
    wharf,
    shell,
  }) => {
    const wrong = 'w'.repeat(wharf.token.length);
    await page.goto(`${wharf.origin}/#token=${wrong}`);
    await expect(page.getByTestId('token-page')).toHaveAttribute('data-problem', 'refused');
    await expect(page.getByRole('alert')).toContainText('Wharf did not accept this token');
    await expect(shell.nav).toHaveCount(0);
    expect(page.url(), 'the token is taken out of the address bar').toBe(`${wharf.origin}/`);
    expect(await storedToken(page), 'the refused token is forgotten').toBeNull();
    await screenshot(page, 'browser-wrong-token-en');

    const field = page.getByLabel('The link, or the token alone');
    const open = page.getByRole('button', { name: 'Open Wharf' });
    await field.fill('not a token');
    await open.click();
    await expect(page.getByText('This is neither the link nor a token.')).toBeVisible();
    await field.fill(wharf.url);
    await open.click();
    await expect(shell.nav).toBeVisible();
    expect(await storedToken(page)).toBe(wharf.token);
  });

  test('an old ?token= link still opens Wharf, leaving no token in the address and no cookie', async ({
    page,
    wharf,
    shell,
  }) => {
    const response = await page.goto(`${wharf.origin}/?token=${wharf.token}#/volumes`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['set-cookie']).toBeUndefined();
    await expect(shell.nav).toBeVisible();
    await expect(page).toHaveURL(`${wharf.origin}/#/volumes`);
    expect(await page.context().cookies()).toEqual([]);
  });

  test('the signed-in page has a CSP and no Node in the renderer', async ({ page, wharf, shell }) => {
    const response = await openWharf(page, wharf);
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
    // The browser has Wharf open with its token, as a user's would.
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
    const ours = await httpGet(wharf.port, '/', { Host: `127.0.0.1:${wharf.port}` });
    expect(ours.status, 'our own Host gets the page (it holds no secret)').toBe(200);
    expect(ours.headers['set-cookie']).toBeUndefined();
    expect((await httpGet(wharf.port, '/', { Host: `evil.example:${wharf.port}` })).status).toBe(403);
    expect((await httpGet(wharf.port, '/', { Host: 'evil.example' })).status).toBe(403);
  });

  test('a WebSocket that does not send the token first is closed and answered nothing', async ({ wharf }) => {
    const list = { t: 'req', id: 1, method: 'containers.list', input: {} };
    await test.step('a request first, the token after it', async () => {
      expect(await trySocket(wharf, [list, { t: 'auth', token: wharf.token }])).toEqual({ code: 4401, received: [] });
    });
    await test.step('a wrong token', async () => {
      expect(await trySocket(wharf, [{ t: 'auth', token: `${wharf.token}x` }, list])).toEqual({
        code: 4401,
        received: [],
      });
      expect(await trySocket(wharf, [{ t: 'auth', token: wharf.token.slice(1) }, list])).toEqual({
        code: 4401,
        received: [],
      });
    });
    await test.step('nothing at all: closed after a few seconds', async () => {
      expect(await trySocket(wharf, [])).toEqual({ code: 4408, received: [] });
    });
    await test.step('the token first: ready, then the answer', async () => {
      const { received } = await trySocket(wharf, [{ t: 'auth', token: wharf.token }, list], 2_000);
      expect(received[0]).toEqual({ t: 'ready' });
      expect(received[1]).toMatchObject({ t: 'res', id: 1, ok: true });
    });
  });

  test('a download address is refused unless the browser says Wharf’s own page followed it', async ({
    wharf,
    docker,
  }) => {
    const volume = docker.volumeName('sfs');
    await docker.run(['volume', 'create', volume]);
    const { url } = (await askWharf(wharf, 'downloads.create', { kind: 'volume-export', name: volume })) as {
      url: string;
    };
    expect(url).toMatch(/^\/download\/[0-9a-f]{64}$/);
    const host = { Host: `127.0.0.1:${wharf.port}` };
    for (const site of [undefined, 'cross-site', 'same-site', 'none']) {
      const res = await httpGet(wharf.port, url, site === undefined ? host : { ...host, 'Sec-Fetch-Site': site });
      expect(res.status, `Sec-Fetch-Site: ${site ?? '(none)'}`).toBe(403);
    }
    // Refusals do not use the address up: Wharf's own page still gets it.
    const ours = await httpGet(wharf.port, url, { ...host, 'Sec-Fetch-Site': 'same-origin' });
    expect(ours.status).toBe(200);
    expect(ours.bytes).toBeGreaterThan(0);
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
