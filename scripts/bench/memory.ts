// Memory and the Logs tab's speed. Chromium is driven over the bare DevTools
// pipe (./cdp.ts), not Playwright: Playwright's Network domain copies every
// WebSocket frame of the log flood out of the page, a cost no user pays.
//
// Memory: the page's own renderer process (found by the process it brought;
// Chromium's spare renderer is turned off so there is only one), beside an
// empty page's renderer in the same Chromium, measured the same way. RSS
// counts Chromium's own code and fonts, shared by every renderer, whole; PSS
// divides shared pages among their processes; USS is what only that process
// holds. Wharf's share is its renderer above the empty page's.
//
// Logs: 200,000 lines printed by a container, from the moment it starts
// printing to the Logs tab counting the last one; beside the same printing
// read by a plain client on the engine's own `GET /logs?follow=1` (the limit,
// measured before and after the page in the same run), and the finished log
// read in one `GET /logs`.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { writeFileSync } from 'node:fs';
import { type Bench, epoch, wait } from './context';
import { type CdpPage, launchCdp } from './cdp';
import { chromiumProcesses, cpuMs, memoryMB, type MemoryMB, processesMatching, rssMB } from './proc';
import { ms, round } from './report';
import { SLEEPER } from './seed';
import { serverPid } from './idle';

const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
const LOG_LINE = 'line NR of the benchmark log, some text so that it looks like what a service prints';
/** The Logs tab keeps this many lines by default. */
const KEPT = 100_000;

interface Snapshot {
  runtimeRssMB: number;
  renderer: MemoryMB;
  jsHeapMB: number;
  domNodes: number;
  listeners: number;
}

export async function measureMemory(b: Bench): Promise<void> {
  const tag = `--wharf-bench-memory=${b.browserTag.split('=')[1]}`;
  const browser = await launchCdp(CHROMIUM, [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    // Without it Chromium keeps a spare renderer ready: one more process nobody's page lives in.
    '--disable-features=SpareRendererForSitePerProcess',
    tag,
  ]);
  const root = processesMatching(tag).find((pid) => pid === browser.pid) ?? browser.pid;
  const renderers = () =>
    chromiumProcesses(root!)
      .filter((p) => p.type === 'renderer')
      .map((p) => p.pid);
  /** The renderer a navigation brought: the new one holding the most. */
  const opened = async (url: string, ready: string): Promise<{ page: CdpPage; pid: number }> => {
    const before = renderers();
    const page = await browser.newPage({ width: 1360, height: 860 });
    await page.send('Page.navigate', { url });
    await page.waitFor(ready, 120_000);
    const fresh = renderers().filter((pid) => !before.includes(pid));
    // Another page's renderer would make every figure wrong: better none.
    if (fresh.length === 0) throw new Error(`no renderer process of its own for ${url.slice(0, 40)}`);
    return { page, pid: fresh.reduce((a, p) => (memoryMB(p).uss > memoryMB(a).uss ? p : a)) };
  };
  try {
    const rows = `document.querySelectorAll('tr[data-testid="container-row"]').length > 0`;
    const { page, pid: wharfPid } = await opened(b.server.linkTo('/containers'), rows);
    await page.send('Performance.enable');
    await wait(1000);
    const now = async (): Promise<Snapshot> => {
      await page.send('HeapProfiler.collectGarbage');
      const { metrics } = await page.send<{ metrics: Array<{ name: string; value: number }> }>(
        'Performance.getMetrics',
      );
      const dom = await page.send<{ nodes: number; jsEventListeners: number }>('Memory.getDOMCounters');
      return {
        runtimeRssMB: rssMB(serverPid(b)),
        renderer: memoryMB(wharfPid),
        jsHeapMB: round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1048576),
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
      };
    };
    const listed = await now();

    // An empty page in the same Chromium, its own renderer, measured the same way.
    const { page: blankPage, pid: blankPid } = await opened(
      'data:text/html,<title>blank</title>',
      'document.title === "blank"',
    );
    await wait(1000);
    await blankPage.send('HeapProfiler.collectGarbage');
    const blank = memoryMB(blankPid);

    const lines = Number(process.env.WHARF_BENCH_LOG_LINES ?? b.sizes.logLines);
    const rawBefore = await rawFollow(b, lines);
    const cpuNow = () => ({ runtimeMs: cpuMs(serverPid(b)), rendererMs: cpuMs(wharfPid) });
    // Memory is measured while the tab still shows the lines (removing its container takes the tab away).
    const logs = await logsInTab(b, page, lines, cpuNow, now);
    const streamed = logs.shown;
    const cpu = logs.cpu;
    const rawAfter = await rawFollow(b, lines);

    await page.send('Page.navigate', { url: b.server.linkTo('/containers') });
    await page.waitFor(rows, 60_000);
    await wait(1000);
    const back = await now();
    const limitMs = (rawBefore + rawAfter) / 2;
    const ratio = logs.uiMs / limitMs;
    b.result.memory = {
      emptyPage: blank,
      listed,
      afterLogs: streamed,
      backOnList: back,
      logLines: lines,
      logLinesShown: logs.seen,
      logsSeconds: round(logs.uiMs / 1000, 2),
      rawFollowSeconds: [round(rawBefore / 1000, 2), round(rawAfter / 1000, 2)],
      rawReadSeconds: round(logs.rawReadMs / 1000, 2),
      logsRatio: round(ratio, 2),
      logsCpu: cpu,
    };
    const share = (s: Snapshot) => round(s.renderer.rss - blank.rss);
    const row = (figure: string, s: Snapshot) =>
      b.rows.push({
        section: 'Memory',
        figure: `${figure}: Wharf's share of the renderer (RSS above the empty page's)`,
        wharf:
          `${share(s)} MB (renderer RSS ${s.renderer.rss}, PSS ${s.renderer.pss}, USS ${s.renderer.uss} MB; ` +
          `JS heap ${s.jsHeapMB} MB, ${s.domNodes.toLocaleString('en')} DOM nodes); runtime RSS ${s.runtimeRssMB} MB`,
        engine: `empty page's renderer RSS ${blank.rss}, PSS ${blank.pss}, USS ${blank.uss} MB`,
        goal: '< 100 MB',
        met: share(s) < 100,
      });
    row('list loaded', listed);
    row(`after ${lines.toLocaleString('en')} log lines (${Math.min(lines, KEPT).toLocaleString('en')} kept)`, streamed);
    row('back on the list (after GC)', back);
    b.rows.push({
      section: 'Logs',
      figure: `${lines.toLocaleString('en')} lines: printed → counted in the Logs tab`,
      wharf: `${round(logs.uiMs / 1000, 2)} s (${Math.round(logs.seen / (logs.uiMs / 1000)).toLocaleString('en')} lines/s): ${round(ratio, 2)}× the raw read; CPU: runtime ${ms(cpu.runtimeMs)}, renderer ${ms(cpu.rendererMs)}`,
      engine: `printed → read on GET /logs?follow=1: ${ms(rawBefore)} before, ${ms(rawAfter)} after; the finished log in one GET /logs: ${ms(logs.rawReadMs)}`,
      goal: '≤ 2× the raw read',
      met: ratio <= 2,
    });
  } finally {
    await browser.close();
  }
}

function awkLines(lines: number): string {
  return `awk 'BEGIN { for (NR = 1; NR <= ${lines}; NR++) print "${LOG_LINE.replace('NR', '" NR "')}" }'`;
}

/** A container that prints `lines` lines once /go exists, then sleeps. */
async function logger(b: Bench, lines: number): Promise<Docker.Container> {
  const c = await b.docker.createContainer({
    name: `wharf-bench-logs-${Date.now().toString(36)}`,
    Image: b.image,
    Cmd: ['sh', '-c', `while [ ! -e /go ]; do sleep 0.1; done; ${awkLines(lines)}; ${SLEEPER[2]}`],
    Labels: { 'io.wharf.bench': '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  await c.start();
  return c;
}

async function go(c: Docker.Container): Promise<number> {
  const exec = await c.exec({ Cmd: ['touch', '/go'] });
  const t0 = epoch();
  await exec.start({ Detach: true });
  return t0;
}

/** The same printing read by a plain client on the engine's follow stream (with timestamps, as Wharf asks): ms until the last line. */
async function rawFollow(b: Bench, lines: number): Promise<number> {
  const c = await logger(b, lines);
  try {
    const stream = (await c.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
    })) as unknown as Readable;
    let seen = 0;
    const last = new Promise<number>((done, fail) => {
      stream.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) seen++;
        if (seen >= lines) done(epoch());
      });
      stream.on('error', fail);
    });
    const t0 = await go(c);
    const t1 = await Promise.race([last, wait(300_000).then(() => NaN)]);
    stream.destroy();
    return t1 - t0;
  } finally {
    await c.remove({ force: true }).catch(() => {});
  }
}

async function logsInTab<T>(
  b: Bench,
  page: CdpPage,
  lines: number,
  cpuNow: () => { runtimeMs: number; rendererMs: number },
  measure: () => Promise<T>,
) {
  const c = await logger(b, lines);
  try {
    await page.send('Page.navigate', { url: b.server.linkTo(`/containers/${c.id}/logs`) });
    await page.waitFor(`document.querySelector('[data-testid="logs-state"][data-state="following"]')`, 30_000);
    const profile = process.env.WHARF_BENCH_LOGS_PROFILE;
    if (profile) {
      await page.send('Profiler.enable');
      await page.send('Profiler.start');
    }
    // Shown plus trimmed off the front: every line the tab counted.
    const counted = `[...(document.querySelector('[data-testid="logs-count"]')?.textContent ?? '').matchAll(/\\d[\\d,]*/g)].reduce((t, m) => t + Number(m[0].replaceAll(',', '')), 0)`;
    const cpu0 = cpuNow();
    const t0 = await go(c);
    const end = Date.now() + 300_000;
    let seen = 0;
    while (seen < lines && Date.now() < end) {
      seen = await page.evaluate<number>(counted);
      if (seen < lines) await wait(50);
    }
    const uiMs = epoch() - t0;
    const cpu1 = cpuNow();
    const cpu = {
      runtimeMs: Math.round(cpu1.runtimeMs - cpu0.runtimeMs),
      rendererMs: Math.round(cpu1.rendererMs - cpu0.rendererMs),
    };
    if (profile) {
      const { profile: p } = await page.send<{ profile: unknown }>('Profiler.stop');
      writeFileSync(profile, JSON.stringify(p));
    }
    const shown = await measure();
    const r0 = performance.now();
    await c.logs({ stdout: true, stderr: true, follow: false });
    return { uiMs, seen, shown, cpu, rawReadMs: performance.now() - r0 };
  } finally {
    await c.remove({ force: true }).catch(() => {});
  }
}
