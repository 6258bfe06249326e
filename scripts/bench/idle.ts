// Idle: CPU time of Wharf's processes (the runtime, the
// page's renderer) over a quiet window with many containers running, beside
// the engine's own processes; requests made and timers that ran meanwhile.
// Memory and the Logs tab: ./memory.ts.
import { openWharf } from '../../e2e/support/wharf-server';
import { type Bench, snapshot, wait, waitFirstRow } from './context';
import { chromiumProcesses, cpuMs, processesMatching } from './proc';
import { round } from './report';

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
