// What the terminal benchmark sees in the app's page: a probe that notes each
// output subscription and each acknowledgement the page sends (xterm drew that
// much), and the keydown it times from.
import type { CdpPage } from './cdp';

/**
 * Runs in the page (as a string: scripts/ compiles without the DOM library).
 * Sees what the page sends: the output subscription names a session, and
 * each acknowledgement says xterm drew that much of it. Keydown times are
 * taken in the same clock.
 */
export const PAGE_PROBE = `
  const probe = (window.__wharfBench = { opened: [], acked: {}, key: 0, wait: null });
  document.addEventListener('keydown', () => { probe.key = performance.now(); }, true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.length < 4096 && (data.includes('terminal.ack') || data.includes('terminal.output'))) {
      const m = JSON.parse(data);
      if (m.t === 'sub' && m.topic === 'terminal.output') {
        probe.opened.push(m.input.id);
        window.__wharfBenchOpened(m.input.id);
      }
      if (m.t === 'req' && m.method === 'terminal.ack') {
        const id = m.input.id;
        probe.acked[id] = (probe.acked[id] || 0) + m.input.bytes;
        const w = probe.wait;
        if (w && w.id === id && w.at === undefined && probe.acked[id] >= w.bytes) {
          w.at = performance.now() - w.from;
          window.__wharfBenchDone(String(w.at));
        }
      }
    }
    return send.call(this, data);
  };
`;

/** What the page probe reports, through bindings (the app's CSP forbids evaluating strings in the page). */
export async function listen(page: CdpPage) {
  const opened: string[] = [];
  let openedWaiter: (() => void) | undefined;
  let doneWaiter: ((ms: number) => void) | undefined;
  await page.send('Runtime.addBinding', { name: '__wharfBenchOpened' });
  await page.send('Runtime.addBinding', { name: '__wharfBenchDone' });
  page.on('Runtime.bindingCalled', ({ name, payload }) => {
    if (name === '__wharfBenchOpened') {
      opened.push(String(payload));
      openedWaiter?.();
    } else if (name === '__wharfBenchDone') {
      doneWaiter?.(Number(payload));
    }
  });
  return {
    async opened(n: number): Promise<string> {
      for (let i = 0; i < 600 && opened.length < n; i++) {
        await new Promise<void>((done) => {
          openedWaiter = done;
          setTimeout(done, 50);
        });
      }
      const id = opened[n - 1];
      if (!id) throw new Error('the terminal did not open');
      return id;
    },
    /** Milliseconds from the next keydown until `id` has acknowledged `more` bytes beyond now. */
    async timeFromNextKey(id: string, more: number, press: () => Promise<void>, timeoutMs: number): Promise<number> {
      const done = new Promise<number>((resolveDone, fail) => {
        const timer = setTimeout(() => fail(new Error(`no output drawn within ${timeoutMs} ms`)), timeoutMs);
        doneWaiter = (ms) => {
          clearTimeout(timer);
          resolveDone(ms);
        };
      });
      await page.evaluate(
        `(() => { const p = window.__wharfBench; p.wait = { id: ${JSON.stringify(id)}, bytes: (p.acked[${JSON.stringify(id)}] || 0) + ${more}, from: 0 };
          document.addEventListener('keydown', () => { p.wait.from = performance.now(); }, { capture: true, once: true }); })()`,
      );
      await press();
      return done;
    },
  };
}

/** Waits for the button whose text is `text`, then clicks it. */
export async function clickButton(page: CdpPage, text: string) {
  const button = `[...document.querySelectorAll('button')].find((e) => e.textContent.trim() === ${JSON.stringify(text)})`;
  await page.waitFor(button);
  await page.evaluate(`${button}.click()`);
}
