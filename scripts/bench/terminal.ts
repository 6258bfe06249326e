// Terminal benchmark: in browser mode with Chromium, `cat` of a 50 MB file
// into xterm (MB/s until xterm's write callback confirmed the last byte) and
// keystroke echo latency (idle, and during a flood in another terminal),
// beside the same exec read straight from the engine API (dockerode, no UI)
// in the same run. Prints a table and writes bench/results/terminal.json.
//
//   npm run bench                      starts a private Podman engine
//   WHARF_BENCH_ENGINE=unix:///… npm run bench   uses that engine instead
//
// Not a test: it reports numbers and exits 0.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { chromium, type Page } from '@playwright/test';
import { type EmbeddedEngineHandle, startEmbeddedEngine } from '../../runtime/engine/embedded';
import { buildBusyboxImage, dockerFor, TEST_IMAGE } from '../test-support/busybox-image';

const SIZE = 50_000_000;
const KEYSTROKES = 20;
const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';

interface Latency {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

const stats = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), samples: sorted.length };
};
const round = (n: number) => Math.round(n * 100) / 100;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
  let engine: EmbeddedEngineHandle | undefined;
  let server: ChildProcess | undefined;
  let container: Docker.Container | undefined;
  try {
    let endpoint = process.env.WHARF_BENCH_ENGINE;
    if (!endpoint) {
      console.log('Starting a private Podman engine…');
      engine = await startEmbeddedEngine({ kind: 'podman', dir: join(dir, 'engine') });
      endpoint = engine.endpoint;
    }
    await buildBusyboxImage(endpoint);
    const docker = dockerFor(endpoint);
    const name = `wharf-bench-${randomBytes(3).toString('hex')}`;
    const image = (await docker.listImages({ filters: JSON.stringify({ reference: [TEST_IMAGE] }) })).length
      ? TEST_IMAGE
      : `localhost/${TEST_IMAGE}`;
    container = await docker.createContainer({
      name,
      Image: image,
      Cmd: ['sh', '-c', `mkdir -p /tmp; head -c ${SIZE} /dev/zero | tr '\\0' x > /tmp/big; trap "exit 0" TERM; sleep 3600 & wait`],
    });
    await container.start();
    await waitForFile(container);

    const api = await engineApi(container);
    console.log('Building Wharf and starting browser mode…');
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
    const started = await serve(endpoint, join(dir, 'data'));
    server = started.child;
    const ui = await browser(started.url, name);

    const result = {
      date: new Date().toISOString(),
      engine: endpoint,
      bytes: SIZE,
      ui: ui,
      engineApi: api,
    };
    printTable(result);
    const out = resolve('bench/results/terminal.json');
    mkdirSync(resolve('bench/results'), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${out}`);
  } catch (error) {
    console.error('The benchmark could not finish:', error instanceof Error ? error.message : error);
  } finally {
    server?.kill('SIGTERM');
    await container?.remove({ force: true }).catch(() => {});
    await engine?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForFile(container: Docker.Container) {
  for (let i = 0; i < 200; i++) {
    const exec = await container.exec({ Cmd: ['sh', '-c', `[ "$(wc -c < /tmp/big)" = ${SIZE} ]`] });
    await new Promise<void>((done) => {
      void exec.start({}).then((s: NodeJS.ReadableStream) => {
        s.on('end', done);
        s.resume();
      });
    });
    let info = await exec.inspect();
    for (let j = 0; j < 50 && info.Running; j++) {
      await wait(20);
      info = await exec.inspect();
    }
    if (info.ExitCode === 0) return;
    await wait(100);
  }
  throw new Error('the 50 MB file was not written');
}

/** The same exec, read straight from the engine: TTY, hijacked, no UI. */
async function engineApi(container: Docker.Container) {
  const open = async (cmd: string[]) => {
    const exec = await container.exec({ Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
    return (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  };
  const cat = await open(['cat', '/tmp/big']);
  const t0 = performance.now();
  let got = 0;
  await new Promise<void>((done) => {
    cat.on('data', (b: Buffer) => {
      got += b.length;
    });
    cat.on('end', done);
    cat.on('close', done);
  });
  const seconds = (performance.now() - t0) / 1000;
  const echo = async (): Promise<number[]> => {
    const tty = await open(['cat']);
    const samples: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      const t = performance.now();
      const echoed = new Promise<void>((done) => tty.once('data', () => done()));
      tty.write('a');
      await echoed;
      samples.push(performance.now() - t);
    }
    tty.destroy();
    return samples;
  };
  const idle = await echo();
  const flood = await open(['sh', '-c', 'while :; do cat /tmp/big; done']);
  flood.resume();
  await wait(300);
  const busy = await echo();
  flood.destroy();
  return {
    throughputMBps: round(got / 1e6 / seconds),
    received: got,
    echoIdle: stats(idle),
    echoDuringFlood: stats(busy),
  };
}

function serve(endpoint: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const token = randomBytes(16).toString('hex');
  const child = spawn(
    process.execPath,
    ['dist/runtime/cli.js', 'serve', '--port', '0', '--token', token, '--engine', endpoint, '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Wharf is serving at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) done({ child, url: m[1] });
    });
    child.once('exit', () => fail(new Error(`wharf serve exited: ${out}`)));
  });
}

/** Terminal sessions seen on the WebSocket: which id opened when, and what each acknowledged. */
function watchSocket(page: Page) {
  const opened: string[] = [];
  const acked = new Map<string, number>();
  const ackListeners = new Set<(id: string, total: number) => void>();
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => {
      const text = String(f.payload);
      if (!text.includes('"mode"') || !text.includes('"command"')) return;
      const m = /"id":"([0-9a-f]{32})"/.exec(text);
      if (m?.[1]) opened.push(m[1]);
    });
    ws.on('framesent', (f) => {
      const text = String(f.payload);
      if (!text.includes('terminal.ack')) return;
      const msg = JSON.parse(text) as { input: { id: string; bytes: number } };
      const total = (acked.get(msg.input.id) ?? 0) + msg.input.bytes;
      acked.set(msg.input.id, total);
      for (const l of ackListeners) l(msg.input.id, total);
    });
  });
  const nextAck = (id: string, atLeast = 0) =>
    new Promise<number>((done) => {
      const l = (ackId: string, total: number) => {
        if (ackId === id && total >= atLeast) {
          ackListeners.delete(l);
          done(performance.now());
        }
      };
      ackListeners.add(l);
    });
  return { opened, acked, nextAck };
}

async function browser(url: string, name: string) {
  const b = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await b.newPage({ viewport: { width: 1360, height: 860 } });
    const socket = watchSocket(page);
    if (process.env.WHARF_BENCH_RENDERER === 'dom') {
      // Runs in the page; scripts/ compiles without the DOM library.
      await page.addInitScript('localStorage.setItem("wharf.terminal.renderer", "dom")');
    }
    await page.goto(url);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${new URL(url).origin}/#/containers/${name}/terminal`);
    const waitOpened = async (n: number) => {
      for (let i = 0; i < 200 && socket.opened.length < n; i++) await wait(50);
      const id = socket.opened[n - 1];
      if (!id) throw new Error('the terminal did not open');
      return id;
    };
    const a = await waitOpened(1);
    const renderer = await page.getByTestId('terminal').getAttribute('data-renderer');
    await wait(1000);
    await page.getByRole('group', { name: `Terminal in ${name}` }).click();

    const before = socket.acked.get(a) ?? 0;
    const done = socket.nextAck(a, before + SIZE);
    await page.keyboard.type('cat /tmp/big');
    const t0 = performance.now();
    await page.keyboard.press('Enter');
    const t1 = await done;
    const throughput = SIZE / 1e6 / ((t1 - t0) / 1000);

    const echo = async (id: string) => {
      const samples: number[] = [];
      for (let i = 0; i < KEYSTROKES; i++) {
        await wait(30);
        const next = socket.nextAck(id);
        const t = performance.now();
        await page.keyboard.press('a');
        samples.push((await next) - t);
      }
      await page.keyboard.press('Control+U');
      return samples;
    };
    await wait(500);
    const idle = await echo(a);

    await page.keyboard.type('while :; do cat /tmp/big; done');
    await page.keyboard.press('Enter');
    await page.goto(`${new URL(url).origin}/#/terminals`);
    await page.getByRole('button', { name: '+ New terminal' }).click();
    await page.getByRole('button', { name: 'Open terminal' }).click();
    const bId = await waitOpened(2);
    await wait(1500);
    await page.getByRole('group', { name: `Terminal in ${name}` }).click();
    const busy = await echo(bId);
    return {
      renderer,
      throughputMBps: round(throughput),
      echoIdle: stats(idle),
      echoDuringFlood: stats(busy),
    };
  } finally {
    await b.close();
  }
}

function printTable(r: {
  ui: { renderer: string | null; throughputMBps: number; echoIdle: Latency; echoDuringFlood: Latency };
  engineApi: { throughputMBps: number; echoIdle: Latency; echoDuringFlood: Latency };
}) {
  const rows = [
    ['', `Wharf UI (xterm.js, ${r.ui.renderer ?? '?'})`, 'engine API (dockerode)'],
    ['cat 50 MB, MB/s', String(r.ui.throughputMBps), String(r.engineApi.throughputMBps)],
    ['echo idle, median ms', String(r.ui.echoIdle.medianMs), String(r.engineApi.echoIdle.medianMs)],
    ['echo idle, p95 ms', String(r.ui.echoIdle.p95Ms), String(r.engineApi.echoIdle.p95Ms)],
    ['echo during flood, median ms', String(r.ui.echoDuringFlood.medianMs), String(r.engineApi.echoDuringFlood.medianMs)],
    ['echo during flood, p95 ms', String(r.ui.echoDuringFlood.p95Ms), String(r.engineApi.echoDuringFlood.p95Ms)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  │  '));
}

await main();
