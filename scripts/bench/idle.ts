// Idle and memory. Idle: CPU time of Wharf's processes (the runtime, the
// page's renderer) over a quiet window with many containers running, beside
// the engine's own processes; requests made and timers that ran meanwhile.
// Memory: resident memory of the runtime and the renderer, and the page's JS
// heap, with the long list loaded and after streaming many log lines.
import type { CDPSession } from '@playwright/test';
import { openWharf } from '../../e2e/support/wharf-server';
import { type Bench, epoch, snapshot, wait, waitFirstRow } from './context';
import { chromiumProcesses, cpuMs, processesMatching, rssMB } from './proc';
import { ms, round } from './report';
import { SLEEPER } from './seed';

export function serverPid(b: Bench): number {
  const pid = processesMatching(b.server.dataDir).find((p) => p > 0);
  if (pid === undefined) throw new Error('the wharf serve process was not found');
  return pid;
}

function browserPid(b: Bench): number {
  const pid = processesMatching(b.browserTag)[0];
  if (pid === undefined) throw new Error('the Chromium process was not found');
  return pid;
}

const renderers = (b: Bench) =>
  chromiumProcesses(browserPid(b))
    .filter((p) => p.type === 'renderer')
    .map((p) => p.pid);
const sum = (pids: number[], f: (pid: number) => number) => pids.reduce((t, p) => t + f(p), 0);

/** CPU and traffic over one quiet window, the page as it is now. */
async function idleWindow(b: Bench, seconds: number) {
  const server = serverPid(b);
  const rendererPids = renderers(b);
  // Beside it, an empty page in its own renderer: what Chromium costs when nothing is shown.
  const blankContext = await b.browser.newContext();
  await (await blankContext.newPage()).goto('data:text/html,<title>blank</title>');
  const blankPids = renderers(b).filter((p) => !rendererPids.includes(p));
  const chromium = chromiumProcesses(browserPid(b));
  const otherChromium = chromium.filter((p) => p.type !== 'renderer').map((p) => p.pid);
  const engine = b.engineDir !== undefined ? processesMatching(b.engineDir) : [];
  const running = (await b.docker.listContainers()).length;
  const rowsWithStats = await b.page.evaluate<number>(`document.querySelectorAll('[data-testid="cell-cpu"]').length`);

  const before = {
    server: cpuMs(server),
    renderer: sum(rendererPids, cpuMs),
    blank: sum(blankPids, cpuMs),
    chromium: sum(otherChromium, cpuMs),
    engine: sum(engine, cpuMs),
    page: await snapshot(b.page),
    mark: b.proxy.mark(),
  };
  const t0 = performance.now();
  await wait(seconds * 1000);
  const wallMs = performance.now() - t0;
  const page = await snapshot(b.page);
  const pct = (used: number) => round((used / wallMs) * 100, 2);
  const result = {
    seconds: round(wallMs / 1000),
    runningContainers: running,
    rowsWithStats,
    runtimeCpuPct: pct(cpuMs(server) - before.server),
    rendererCpuPct: pct(sum(rendererPids, cpuMs) - before.renderer),
    blankPageRendererCpuPct: pct(sum(blankPids, cpuMs) - before.blank),
    otherChromiumCpuPct: pct(sum(otherChromium, cpuMs) - before.chromium),
    engineCpuPct: pct(sum(engine, cpuMs) - before.engine),
    engineProcesses: engine.length,
    engineRequests: b.proxy.since(before.mark).map((r) => `${r.method} ${r.path}`),
    pageTimeouts: page.timers.timeouts - before.page.timers.timeouts,
    pageIntervals: page.timers.intervals - before.page.timers.intervals,
    pageFrames: page.timers.frames - before.page.timers.frames,
    pageMessagesSent: page.sends.length - before.page.sends.length,
    pageMessagesReceived: page.received - before.page.received,
  };
  await blankContext.close();
  return result;
}

/** From the first reading until a row's sparklines hold all the readings they keep (renderer/src/features/stats/list-stats.ts). */
const SPARKLINES_FULL_MS = 35_000;

/** Scrolls the containers list to its end: only stopped containers in view, so no stats stream runs. */
const SCROLL_TO_END = `(() => {
  const el = document.querySelector('.table-scroll');
  if (el) el.scrollTop = el.scrollHeight;
})()`;

/**
 * Two windows: the containers list at its top, where the running rows are
 * and their CPU and memory columns stream (the list as a user leaves it),
 * then the same list scrolled to its stopped containers (nothing streams:
 * the cost of a quiet page).
 */
export async function measureIdle(b: Bench): Promise<void> {
  await openWharf(b.page, b.server, '/containers');
  await waitFirstRow(b.page);
  await b.page.locator('[data-testid="cell-cpu"]').first().waitFor({ timeout: 30_000 });
  // At rest: the sparklines hold their last 30 readings (a reading a second, two to a batch), so a
  // new reading only slides them; before that, every reading lengthens every line.
  await wait(SPARKLINES_FULL_MS);
  const stats = await idleWindow(b, b.sizes.idleSeconds);
  await b.page.evaluate(SCROLL_TO_END);
  // The streams of the rows that left the view close a few seconds later (the runtime lingers 3 s).
  await wait(6000);
  const quiet = await idleWindow(b, b.sizes.idleSeconds);
  b.result.idle = { ...quiet, withStats: stats };
  const withStats = round(stats.runtimeCpuPct + stats.rendererCpuPct, 2);
  b.rows.push({
    section: 'Idle',
    figure: `${stats.seconds} s, ${stats.runningContainers} running, list at the top at rest (${stats.rowsWithStats} rows streaming CPU and memory, sparklines full): CPU of runtime + renderer`,
    wharf: `${withStats}% (runtime ${stats.runtimeCpuPct}%, renderer ${stats.rendererCpuPct}%); ${stats.pageMessagesReceived} messages`,
    engine: `${stats.engineCpuPct}% (dockerd, containerd, shims); empty page's renderer ${stats.blankPageRendererCpuPct}%`,
    goal: '< 0.5% of one core',
    met: withStats < 0.5,
  });
  const wharf = round(quiet.runtimeCpuPct + quiet.rendererCpuPct, 2);
  b.rows.push({
    section: 'Idle',
    figure: `${quiet.seconds} s, ${quiet.runningContainers} running, list scrolled to stopped rows (${quiet.rowsWithStats} streaming): CPU`,
    wharf: `${wharf}% (runtime ${quiet.runtimeCpuPct}%, renderer ${quiet.rendererCpuPct}%)`,
    engine: `${quiet.engineCpuPct}% (dockerd, containerd, shims); empty page's renderer ${quiet.blankPageRendererCpuPct}%`,
    goal: '< 1% of one core',
    met: wharf < 1,
  });
  const result = quiet;
  b.rows.push({
    section: 'Idle',
    figure: 'meanwhile: engine requests, messages, frames, page timers',
    wharf: `${result.engineRequests.length} requests, ${result.pageMessagesSent + result.pageMessagesReceived} messages, ${result.pageFrames} frames, ${result.pageTimeouts + result.pageIntervals} timers`,
    engine: '(the timers: the 30 s clock of "3 minutes ago")',
    goal: 'no polling',
    // The one timer allowed is the clock that keeps relative times true; it asks nothing of anyone.
    met:
      result.engineRequests.length === 0 &&
      result.pageMessagesSent === 0 &&
      result.pageTimeouts + result.pageIntervals <= Math.ceil(result.seconds / 30),
  });
}

async function heapMB(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1048576);
}

async function memoryNow(b: Bench, cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  return {
    runtimeRssMB: rssMB(serverPid(b)),
    rendererRssMB: round(sum(renderers(b), rssMB)),
    jsHeapMB: await heapMB(cdp),
  };
}

const LOG_LINE = 'line NR of the benchmark log, some text so that it looks like what a service prints';

export async function measureMemory(b: Bench): Promise<void> {
  const cdp = await b.page.context().newCDPSession(b.page);
  await cdp.send('Performance.enable');
  await openWharf(b.page, b.server, '/containers');
  await waitFirstRow(b.page);
  const listed = await memoryNow(b, cdp);

  const lines = b.sizes.logLines;
  const awk = `awk 'BEGIN { for (NR = 1; NR <= ${lines}; NR++) print "${LOG_LINE.replace('NR', '" NR "')}" }'`;
  const logger = await b.docker.createContainer({
    name: `wharf-bench-logs-${Date.now().toString(36)}`,
    Image: b.image,
    Cmd: ['sh', '-c', `while [ ! -e /go ]; do sleep 0.1; done; ${awk}; ${SLEEPER[2]}`],
    Labels: { 'io.wharf.bench': '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    await logger.start();
    await openWharf(b.page, b.server, `/containers/${logger.id}/logs`);
    await b.page.locator('[data-testid="logs-state"][data-state="following"]').waitFor({ timeout: 30_000 });
    const go = await logger.exec({ Cmd: ['touch', '/go'] });
    const t0 = epoch();
    await go.start({ Detach: true });
    const end = Date.now() + 300_000;
    let seen = 0;
    while (seen < lines && Date.now() < end) {
      const text = (await b.page.getByTestId('logs-count').textContent()) ?? '';
      seen = [...text.matchAll(/\d[\d,]*/g)].reduce((t, m) => t + Number(m[0].replaceAll(',', '')), 0);
      if (seen < lines) await wait(100);
    }
    const uiSeconds = (epoch() - t0) / 1000;
    const streamed = await memoryNow(b, cdp);
    const rawLogs = await rawLogRead(b, logger.id);

    await openWharf(b.page, b.server, '/containers');
    await b.page.locator('tr[data-testid="container-row"]').first().waitFor();
    await wait(1000);
    const back = await memoryNow(b, cdp);
    b.result.memory = {
      listed,
      afterLogs: streamed,
      backOnList: back,
      logLines: lines,
      logLinesShown: seen,
      logsSeconds: round(uiSeconds, 2),
      rawLogsSeconds: round(rawLogs / 1000, 2),
    };
    b.rows.push({
      section: 'Memory',
      figure: 'list loaded: runtime RSS, renderer RSS (JS heap)',
      wharf: `${listed.runtimeRssMB} MB, ${listed.rendererRssMB} MB (${listed.jsHeapMB} MB)`,
      engine: '—',
      goal: 'bounded, reported',
    });
    b.rows.push({
      section: 'Memory',
      figure: `after ${lines.toLocaleString('en')} log lines streamed to the Logs tab`,
      wharf: `${streamed.runtimeRssMB} MB, ${streamed.rendererRssMB} MB (${streamed.jsHeapMB} MB)`,
      engine: '—',
      goal: 'bounded, reported',
    });
    b.rows.push({
      section: 'Memory',
      figure: 'back on the list (after GC)',
      wharf: `${back.runtimeRssMB} MB, ${back.rendererRssMB} MB (${back.jsHeapMB} MB)`,
      engine: '—',
      goal: 'bounded, reported',
    });
    b.rows.push({
      section: 'Logs',
      figure: `${lines.toLocaleString('en')} lines: printed → counted in the Logs tab`,
      wharf: `${round(uiSeconds, 1)} s (${Math.round(seen / uiSeconds).toLocaleString('en')} lines/s)`,
      engine: `${ms(rawLogs)} GET /containers/…/logs`,
      goal: '',
    });
  } finally {
    await logger.remove({ force: true }).catch(() => {});
    await cdp.detach().catch(() => {});
  }
}

/** Reads the container's whole log straight from the engine (what those lines cost the engine alone). */
async function rawLogRead(b: Bench, id: string): Promise<number> {
  const t0 = performance.now();
  await b.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false });
  return performance.now() - t0;
}
