// List and startup: the time from Wharf's list request to container rows on
// screen, beside the raw `GET /containers/json?all=1` on the socket Wharf
// uses; scrolling the long list; and the time from launching `wharf serve` to
// the first rows.
import { join } from 'node:path';
import { openWharf, startWharf } from '../../e2e/support/wharf-server';
import { type Bench, epoch, rawGet, shownTotal, snapshot, wait, waitFirstRow, waitForTotal } from './context';
import { PAGE_PROBE, SCROLL_PROBE } from './page-probe';
import { isFullContainerList } from './proxy';
import { median, ms, round } from './report';

/** What Wharf may add to the engine's own reply, request → rows on screen. */
const LIST_OVER_ENGINE_MS = 50;

const LOADS = 5;
const STARTS = 3;
/** Launch → first rows of the long list. */
const STARTUP_GOAL_MS = 700;
/** Times the containers page is drawn again from what the page holds, for its main-thread time. */
const REDRAWS = 9;

async function rawList(b: Bench): Promise<{ medianMs: number; items: number; bytes: number }> {
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await rawGet(b.proxy.socketPath, '/containers/json?all=1'));
  return { medianMs: median(runs.map((r) => r.ms)), items: runs[0]!.items, bytes: runs[0]!.bytes };
}

/**
 * Medians: request → rows on screen, reply → rows on screen (the renderer's own part), and the
 * renderer's main-thread time to draw the page again from the list it holds (`drawCpuMs`).
 */
export interface ListTimes {
  rowsMs: number;
  renderMs: number;
  drawCpuMs: number;
  /** Main-thread time of a whole first load in a new tab: boot, the request, the reply, grouping, the rows. */
  loadCpuMs: number;
}

/**
 * The main thread's own time (thread ticks, so time the machine gives to other processes is not
 * counted) to draw the containers page from the list the page already holds: from Volumes to
 * Containers and every row shown, REDRAWS times, median. What the grouping and the rows cost,
 * without the engine, the transport or the machine's load.
 */
async function drawCpu(b: Bench, total: number): Promise<number> {
  const cdp = await b.page.context().newCDPSession(b.page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const taskMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    };
    const runs: number[] = [];
    for (let i = 0; i < REDRAWS; i++) {
      await b.page.evaluate('location.hash = "#/volumes"');
      await b.page.locator('[data-testid="container-row"]').first().waitFor({ state: 'detached' });
      await wait(300);
      const before = await taskMs();
      await b.page.evaluate('location.hash = "#/containers"');
      await waitForTotal(b.page, total);
      await wait(300);
      runs.push((await taskMs()) - before);
    }
    return median(runs);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The main thread's own time (thread ticks) for a whole first load of the containers page in a new
 * tab, nothing cached: from the new page to every row shown and settled, REDRAWS times, median.
 */
async function firstLoadCpu(b: Bench, total: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < REDRAWS; i++) {
    const context = await b.browser.newContext({ viewport: { width: 1360, height: 860 } });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const taskMs = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
      };
      const before = await taskMs();
      await openWharf(page, b.server, '/containers');
      await waitForTotal(page, total);
      await wait(300);
      runs.push((await taskMs()) - before);
    } finally {
      await context.close();
    }
  }
  return median(runs);
}

/**
 * Loads the containers page LOADS times; per load, request sent → reply → first rows painted.
 * `projects`: how many compose projects the containers form (the grouped list).
 */
export async function measureList(
  b: Bench,
  count: number,
  projects = 0,
  /** Also the whole first load's main-thread time (the grouped list and the flat one it is compared with). */
  firstLoad = projects > 0,
): Promise<ListTimes> {
  const raw = await rawList(b);
  const toRows: number[] = [];
  const toReply: number[] = [];
  const toRender: number[] = [];
  // The engine's own time for Wharf's list in that load: request line → last byte back, at the proxy.
  const engineMs: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const mark = b.proxy.mark();
    await openWharf(b.page, b.server, '/containers');
    await waitFirstRow(b.page);
    const snap = await snapshot(b.page);
    const req = snap.sends.find((s) => s.t === 'req' && s.name === 'containers.list');
    if (!req || snap.firstRowAt === null) throw new Error('no containers.list request was seen');
    toRows.push(snap.firstRowAt - req.at);
    toReply.push((snap.replies[String(req.id)] ?? NaN) - req.at);
    toRender.push(toRows.at(-1)! - toReply.at(-1)!);
    const atEngine = b.proxy.since(mark).find(isFullContainerList);
    engineMs.push(atEngine?.endAt !== undefined ? atEngine.endAt - atEngine.at : NaN);
  }
  await waitForTotal(b.page, raw.items);
  const drawCpuMs = await drawCpu(b, raw.items);
  const loadCpuMs = firstLoad ? await firstLoadCpu(b, raw.items) : NaN;
  const ui = median(toRows);
  const engine = median(engineMs);
  // Per load, what Wharf added to its own engine reply; the goal is on their median.
  const over = median(toRows.map((t, i) => t - engineMs[i]!));
  b.result[projects > 0 ? `list${count}Grouped` : `list${count}`] = {
    containers: raw.items,
    projects,
    rawListMs: raw.medianMs,
    rawListBytes: raw.bytes,
    engineReplyMs: engine,
    engineReplySamplesMs: engineMs.map((t) => round(t)),
    requestToReplyMs: median(toReply),
    requestToRowsMs: ui,
    replyToRowsMs: median(toRender),
    overEngineMs: over,
    samplesMs: toRows.map((t) => round(t)),
    drawCpuMs: round(drawCpuMs),
    loadCpuMs: round(loadCpuMs),
    goalOverEngineMs: LIST_OVER_ENGINE_MS,
  };
  b.rows.push({
    section: 'List',
    figure: `${raw.items} containers${projects > 0 ? ` in ${projects} compose projects` : ''}: request → rows on screen (median of ${LOADS}), over the engine's reply to Wharf`,
    wharf: `${ms(ui)} (reply ${ms(median(toReply))}); engine + ${ms(over)}`,
    engine: `${ms(engine)} Wharf's list at the proxy; raw GET ${ms(raw.medianMs)}`,
    goal: `≤ engine + ${LIST_OVER_ENGINE_MS} ms = ${ms(engine + LIST_OVER_ENGINE_MS)}`,
    met: over <= LIST_OVER_ENGINE_MS,
  });
  return { rowsMs: ui, renderMs: median(toRender), drawCpuMs, loadCpuMs };
}

/**
 * The grouped list beside the flat one of as many containers: grouped ÷ flat, for request → rows
 * (what a user waits) and for reply → rows (the renderer alone: grouping and the table, without
 * the engine's and the transport's time, which the labels' extra bytes and the machine's load move).
 */
export function compareGrouped(b: Bench, count: number, projects: number, grouped: ListTimes, flat: ListTimes): void {
  const total = grouped.rowsMs / flat.rowsMs;
  const render = grouped.renderMs / flat.renderMs;
  const draw = grouped.drawCpuMs / flat.drawCpuMs;
  const load = grouped.loadCpuMs / flat.loadCpuMs;
  const two = (x: number) => Math.round(x * 100) / 100;
  b.result.groupedList = {
    containers: count,
    projects,
    grouped,
    flat,
    ratio: two(total),
    renderRatio: two(render),
    drawCpuRatio: two(draw),
    loadCpuRatio: two(load),
  };
  b.rows.push({
    section: 'List',
    figure: `${count} containers in ${projects} compose projects vs none, grouped ÷ flat: request → rows; reply → rows`,
    wharf: `${total.toFixed(2)} (${ms(grouped.rowsMs)} vs ${ms(flat.rowsMs)}); ${render.toFixed(2)} (${ms(grouped.renderMs)} vs ${ms(flat.renderMs)})`,
    engine: '—',
    goal: 'reported (the machine moves it)',
    met: true,
  });
  b.rows.push({
    section: 'List',
    figure: `the same, grouped ÷ flat: the page's main-thread time to draw the list it holds (median of ${REDRAWS})`,
    wharf: `${draw.toFixed(2)} (${ms(grouped.drawCpuMs)} vs ${ms(flat.drawCpuMs)})`,
    engine: '—',
    goal: '≤ 1.05',
    met: draw <= 1.05,
  });
  b.rows.push({
    section: 'List',
    figure: `the same, grouped ÷ flat: the page's main-thread time for a whole first load in a new tab (median of ${REDRAWS})`,
    wharf: `${load.toFixed(2)} (${ms(grouped.loadCpuMs)} vs ${ms(flat.loadCpuMs)})`,
    engine: '—',
    goal: '≤ 1.05',
    met: load <= 1.05,
  });
}

/** Scrolls the list on screen for 3 s; `key`: where the JSON keeps it. */
export async function measureScroll(b: Bench, key: string): Promise<void> {
  const r = await b.page.evaluate<{
    frames: number;
    medianMs: number;
    p95Ms: number;
    maxMs: number;
    over50ms: number;
    maxRowsInDom: number;
  } | null>(`(${SCROLL_PROBE})(3000)`);
  if (!r) throw new Error('the containers table was not found');
  b.result[key] = r;
  const total = await shownTotal(b.page);
  b.rows.push({
    section: 'List',
    figure: `scroll ${total} rows 3 s: frame p95 (median), rows in DOM`,
    wharf: `${ms(r.p95Ms)} (${ms(r.medianMs)}), ${r.over50ms} frames > 50 ms, ≤ ${r.maxRowsInDom} rows`,
    engine: '—',
    goal: 'smooth, virtualized',
    met: r.maxRowsInDom < 200 && r.p95Ms <= 50,
  });
}

/** Each phase's median over the runs, in ms since `wharf serve` was launched. */
function medianPhases(runs: Array<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(runs[0] ?? {});
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]!))]));
}

/** Launches a second `wharf serve` STARTS times: process start → address printed → first rows painted. */
export async function measureStartup(b: Bench): Promise<void> {
  const toServing: number[] = [];
  const toRows: number[] = [];
  const phases: Array<Record<string, number>> = [];
  for (let i = 0; i < STARTS; i++) {
    // The browser is open already, as a user's is: the tab is made before the clock starts.
    const context = await b.browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.addInitScript(PAGE_PROBE);
    const t0 = epoch();
    const server = await startWharf({ engine: b.proxy.endpoint, dataDir: join(b.dir, `startup-${i}`) });
    toServing.push(epoch() - t0);
    try {
      await openWharf(page, server);
      await waitFirstRow(page);
      const snap = await snapshot(page);
      toRows.push(snap.firstRowAt! - t0);
      const nav = await page.evaluate<{ start: number; html: number; scripts: number }>(
        '(() => { const n = performance.getEntriesByType("navigation")[0]; return { start: performance.timeOrigin, html: performance.timeOrigin + n.responseEnd, scripts: performance.timeOrigin + n.domContentLoadedEventEnd }; })()',
      );
      const list = snap.sends.find((x) => x.t === 'req' && x.name === 'containers.list');
      phases.push({
        address: toServing.at(-1)!,
        navigationStart: nav.start - t0,
        htmlLoaded: nav.html - t0,
        scriptsRun: nav.scripts - t0,
        firstMessage: (snap.sends[0]?.at ?? NaN) - t0,
        listRequested: (list?.at ?? NaN) - t0,
        listReplied: (snap.replies[String(list?.id)] ?? NaN) - t0,
        rowsPainted: snap.firstRowAt! - t0,
      });
    } finally {
      await context.close();
      await server.stop();
    }
  }
  const raw = await rawList(b);
  const ui = median(toRows);
  b.result.startup = {
    containers: raw.items,
    serveToAddressMs: median(toServing),
    serveToRowsMs: ui,
    samplesMs: toRows.map((t) => round(t)),
    rawListMs: raw.medianMs,
    phases: medianPhases(phases),
  };
  b.rows.push({
    section: 'Startup',
    figure: `${raw.items} containers: launch wharf serve → first rows (median of ${STARTS})`,
    wharf: `${ms(ui)} (address printed at ${ms(median(toServing))})`,
    engine: `${ms(raw.medianMs)} GET /containers/json?all=1`,
    goal: `< ${STARTUP_GOAL_MS} ms`,
    met: ui < STARTUP_GOAL_MS,
  });
}
