// A bare DevTools-protocol driver for Chromium, for measurements Playwright
// would skew: Playwright enables the Network domain on every page, so
// Chromium copies every WebSocket frame into DevTools events and sends them
// to the test process (for the terminal's 100 MB, seconds of CPU in the page,
// the browser and the test process that a user never pays). This driver
// enables only what it is asked to: Page, Runtime, and the input it sends.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
type EventListener = (params: Params, sessionId: string | undefined) => void;

export interface CdpPage {
  /** A command to the page's session. */
  send<T = Params>(method: string, params?: Params): Promise<T>;
  on(event: string, listener: (params: Params) => void): void;
  /** Evaluates an expression in the page and returns its value (JSON). */
  evaluate<T>(expression: string): Promise<T>;
  /** Waits until `expression` is truthy in the page. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** Clicks the middle of the first element `selector` matches, as a mouse would. */
  click(selector: string): Promise<void>;
  /** Types text key by key (keyDown with text, keyUp). */
  type(text: string): Promise<void>;
  /** One key: 'Enter', a character, or 'Control+<letter>'. */
  press(key: string): Promise<void>;
}

export interface CdpBrowser {
  readonly pid: number | undefined;
  newPage(viewport: { width: number; height: number }): Promise<CdpPage>;
  close(): Promise<void>;
}

export async function launchCdp(executable: string, args: string[]): Promise<CdpBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'wharf-cdp-'));
  const child: ChildProcess = spawn(
    executable,
    [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      ...args,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: Params): void; reject(e: Error): void; method: string }>();
  const listeners = new Map<string, Set<EventListener>>();
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end)) as {
        id?: number;
        result?: Params;
        error?: { message: string };
        method?: string;
        params?: Params;
        sessionId?: string;
      };
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error('Chromium exited'));
    pending.clear();
  });

  const send = <T = Params>(method: string, params: Params = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: Params) => void, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const on = (event: string, listener: EventListener) => {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(listener);
  };
  await send('Browser.getVersion');

  return {
    pid: child.pid,
    async newPage(viewport) {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      const page: CdpPage = {
        send: (method, params) => send(method, params, sessionId),
        on: (event, listener) => on(event, (params, from) => from === sessionId && listener(params)),
        async evaluate<T>(expression: string) {
          const r = await send<{
            result: { value?: unknown };
            exceptionDetails?: { text: string; exception?: { description?: string } };
          }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
          if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
          return r.result.value as T;
        },
        async waitFor(expression, timeoutMs = 30_000) {
          const until = Date.now() + timeoutMs;
          while (!(await page.evaluate<boolean>(`!!(${expression})`))) {
            if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
        async click(selector) {
          const box = await page.evaluate<{ x: number; y: number } | null>(
            `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
          );
          if (!box) throw new Error(`nothing matches ${selector}`);
          for (const type of ['mousePressed', 'mouseReleased']) {
            await send(
              'Input.dispatchMouseEvent',
              { type, x: box.x, y: box.y, button: 'left', clickCount: 1 },
              sessionId,
            );
          }
        },
        async type(text) {
          for (const ch of text) await page.press(ch);
        },
        async press(key) {
          const ctrl = key.startsWith('Control+');
          const k = ctrl ? key.slice('Control+'.length) : key;
          const event =
            k === 'Enter'
              ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
              : {
                  key: k,
                  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : '',
                  windowsVirtualKeyCode: k.toUpperCase().charCodeAt(0),
                  ...(ctrl ? {} : { text: k }),
                };
          const modifiers = ctrl ? 2 : 0;
          await send(
            'Input.dispatchKeyEvent',
            { type: event.text ? 'keyDown' : 'rawKeyDown', modifiers, ...event },
            sessionId,
          );
          await send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers, ...event, text: undefined }, sessionId);
        },
      };
      await page.send('Page.enable');
      await page.send('Runtime.enable');
      // Headless pages are never focused; without this, focus() and keys go nowhere.
      await page.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      await page.send('Page.bringToFront');
      await page.send('Emulation.setDeviceMetricsOverride', {
        width: viewport.width,
        height: viewport.height,
        deviceScaleFactor: 1,
        mobile: false,
      });
      return page;
    },
    async close() {
      await send('Browser.close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
