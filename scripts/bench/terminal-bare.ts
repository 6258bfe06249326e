// The terminal's ceiling: the same xterm.js screen the app draws (Wharf's own
// createScreen: the same xterm package, options, addons and renderer choice,
// bundled by esbuild from renderer/src) alone in a bare page served by the
// benchmark, fed the same bytes over a local WebSocket in text frames of the
// size the runtime sends (FLOW_DEFAULTS.batchBytes), each handed to
// term.write as it arrives; the time runs from the page asking for the
// output to xterm's write callback for the last byte. No React, no app page
// around it, no runtime, no engine: what xterm itself costs in this Chromium,
// on this machine, in this minute.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import { FLOW_DEFAULTS } from '../../runtime/domains/terminal/flow';
import type { CdpBrowser, CdpPage } from './cdp';

/** What the page runs: Wharf's screen in a box of the app terminal's size, and a feed it times. */
const ENTRY = `
import { createScreen, loadWebgl } from './terminal-screen';
const host = document.getElementById('host');
const { term, fit } = createScreen();
let renderer = 'dom';
window.__bare = {
  open(width, height) {
    host.style.width = width + 'px';
    host.style.height = height + 'px';
    term.open(host);
    loadWebgl(term, (which) => { renderer = which; });
    fit.fit();
    return { cols: term.cols, rows: term.rows, renderer };
  },
  run(url, total) {
    term.reset();
    return new Promise((done, fail) => {
      const ws = new WebSocket(url);
      let got = 0;
      let t0 = 0;
      ws.onerror = () => fail(new Error('the feed failed'));
      ws.onopen = () => { t0 = performance.now(); ws.send('go'); };
      ws.onmessage = (event) => {
        const data = event.data;
        got += data.length;
        if (got < total) term.write(data);
        else term.write(data, () => { ws.close(); done(performance.now() - t0); });
      };
    });
  },
};
`;

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>bare xterm</title><link rel="stylesheet" href="/bare.css">
<style>html, body { margin: 0; background: #14161b; } #host { position: absolute; left: 10px; top: 6px; }
#host .xterm { height: 100%; } #host .xterm, #host .xterm .xterm-viewport { background-color: #14161b !important; }</style>
</head><body><div id="host"></div><script type="module" src="/bare.js"></script></body></html>`;

export interface BarePage {
  readonly url: string;
  close(): Promise<void>;
}

/** Bundles the bare page and serves it, with its feed (`/feed?bytes=N`) on a WebSocket. */
export async function startBarePage(): Promise<BarePage> {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bare-'));
  await build({
    stdin: { contents: ENTRY, resolveDir: resolve('renderer/src/features/terminal'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(dir, 'bare.js'),
    logLevel: 'error',
  });
  const files: Record<string, [string, Buffer]> = {
    '/': ['text/html', Buffer.from(PAGE)],
    '/bare.js': ['text/javascript', readFileSync(join(dir, 'bare.js'))],
    '/bare.css': ['text/css', readFileSync(join(dir, 'bare.css'))],
  };
  rmSync(dir, { recursive: true, force: true });
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  const wss = new WebSocketServer({ server, path: '/feed' });
  wss.on('connection', (ws, req) => {
    const bytes = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes'));
    const piece = FLOW_DEFAULTS.batchBytes;
    const frame = Buffer.alloc(piece, 'x');
    ws.once('message', () => {
      for (let sent = 0; sent < bytes; sent += piece) {
        const n = Math.min(piece, bytes - sent);
        ws.send(n === piece ? frame : frame.subarray(0, n), { binary: false });
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => done());
      }),
  };
}

export interface BareRun {
  /** MB/s of each `cat`, in order. */
  runsMBps: number[];
  cols: number;
  rows: number;
  renderer: string;
}

/**
 * `runs` feeds of `bytes` into the bare page, in its own tab of `browser`,
 * its screen `size` pixels (the app terminal's box, measured in the same run).
 */
export async function measureBare(
  browser: CdpBrowser,
  bare: BarePage,
  bytes: number,
  size: { width: number; height: number },
  runs: number,
): Promise<BareRun> {
  const page: CdpPage = await browser.newPage({ width: 1360, height: 860 });
  const forced = process.env.WHARF_BENCH_RENDERER;
  if (forced === 'dom' || forced === 'webgl') {
    await page.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `localStorage.setItem("wharf.terminal.renderer", "${forced}")`,
    });
  }
  await page.send('Page.navigate', { url: bare.url });
  await page.waitFor('window.__bare');
  const opened = await page.evaluate<{ cols: number; rows: number; renderer: string }>(
    `window.__bare.open(${Math.round(size.width)}, ${Math.round(size.height)})`,
  );
  const feed = `${bare.url.replace(/^http/, 'ws')}feed?bytes=${bytes}`;
  const runsMBps: number[] = [];
  // WHARF_BENCH_PROFILE: the first run's CPU profile beside the app's, in <path>.bare.cpuprofile.
  const profilePath = process.env.WHARF_BENCH_PROFILE;
  for (let i = 0; i < runs; i++) {
    const profile = profilePath !== undefined && i === 0 && !existsSync(`${profilePath}.bare.cpuprofile`);
    if (profile) {
      await page.send('Profiler.enable');
      await page.send('Profiler.setSamplingInterval', { interval: 200 });
      await page.send('Profiler.start');
    }
    const trace = process.env.WHARF_BENCH_TRACE;
    const ms = await traced(page, trace === undefined ? undefined : `${trace}.bare.json`, () =>
      page.evaluate<number>(`window.__bare.run(${JSON.stringify(feed)}, ${bytes})`),
    );
    if (profile) {
      const { profile: taken } = await page.send<{ profile: unknown }>('Profiler.stop');
      writeFileSync(`${profilePath}.bare.cpuprofile`, JSON.stringify(taken));
    }
    runsMBps.push(Math.round((bytes / 1e6 / (ms / 1000)) * 100) / 100);
    await new Promise((r) => setTimeout(r, 300));
  }
  await page.send('Page.close').catch(() => {});
  return { runsMBps, ...opened };
}

/**
 * WHARF_BENCH_TRACE=<path>: a Chromium trace (timeline categories) of `page` while `during` runs, written to
 * <path> (open it in DevTools' Performance panel). Where a CPU profile says only "(program)", the trace names
 * the style recalcs, layouts and paints.
 */
export async function traced<T>(page: CdpPage, path: string | undefined, during: () => Promise<T>): Promise<T> {
  if (path === undefined || existsSync(path)) return during();
  const events: unknown[] = [];
  page.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown[])));
  const complete = new Promise<void>((done) => page.on('Tracing.tracingComplete', () => done()));
  await page.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  try {
    return await during();
  } finally {
    await page.send('Tracing.end');
    await complete;
    writeFileSync(path, JSON.stringify({ traceEvents: events }));
  }
}
