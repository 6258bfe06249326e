// Events: a container stopped with the docker CLI, and the time until its row
// shows the new state, beside when the engine announced it; a burst of events
// and what it cost (list requests to the engine, requests from the page).
import { execFile } from 'node:child_process';
import type { Page } from '@playwright/test';
import { openWharf } from '../../e2e/support/wharf-server';
import { type Bench, epoch, snapshot, wait, waitFirstRow, waitForTotal } from './context';
import type { ProbeSnapshot } from './page-probe';
import { isContainerList, isFullContainerList, type SeenRequest } from './proxy';
import { ms, spread } from './report';
import { createContainers, startContainers } from './seed';
import { mapLimit } from '../../runtime/domains/containers/map-limit';

interface EngineEvent {
  id: string;
  action: string;
  /** When the engine says it happened (its timeNano). */
  at: number;
  /** When the benchmark received it. */
  receivedAt: number;
}

/** The engine's own event stream, read by the benchmark directly. */
async function listen(b: Bench): Promise<{
  events: EngineEvent[];
  /** When the engine let go of `id` after its next `die`: an inspect sent on the event answers then. */
  released(id: string): Promise<number>;
  stop(): void;
}> {
  const events: EngineEvent[] = [];
  const awaited = new Map<string, (at: number) => void>();
  const stream = (await b.docker.getEvents({ filters: { type: ['container'] } })) as NodeJS.ReadableStream & {
    destroy(): void;
  };
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const receivedAt = epoch();
    rest += chunk.toString('utf8');
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line) as { Action?: string; Actor?: { ID?: string }; timeNano?: number };
      events.push({ id: e.Actor?.ID ?? '', action: e.Action ?? '', at: (e.timeNano ?? 0) / 1e6, receivedAt });
      const done = e.Action === 'die' ? awaited.get(e.Actor?.ID ?? '') : undefined;
      if (done !== undefined) {
        awaited.delete(e.Actor?.ID ?? '');
        // Docker answers an inspect only once it has cleaned up after the exit; its list shows the stop from then on.
        void b.docker
          .getContainer(e.Actor?.ID ?? '')
          .inspect()
          .then(() => done(epoch()));
      }
    }
  });
  stream.on('error', () => {});
  return {
    events,
    released: (id) => new Promise((resolve) => awaited.set(id, resolve)),
    stop: () => stream.destroy(),
  };
}

function dockerCli(endpoint: string, args: string[]): Promise<void> {
  return new Promise((done, fail) =>
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- execFile's error is an Error; its type just omits Error's fields
    execFile('docker', ['-H', endpoint, ...args], (error) => (error ? fail(error) : done())),
  );
}

/**
 * A running container whose row is on screen now, not one used before. The table draws only the rows in
 * view (and a few past it): once those are used, it scrolls down a screen and looks again.
 */
async function visibleRunningRow(page: Page, skip: readonly string[]): Promise<{ id: string; name: string }> {
  for (let screens = 0; screens < 50; screens++) {
    const found = await page.evaluate<{ id: string; name: string } | null>(`(() => {
      const skip = new Set(${JSON.stringify(skip)});
      const rows = [...document.querySelectorAll('tr[data-testid="container-row"][data-state="running"]')];
      const row = rows.find((r) => {
        const box = r.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && !skip.has(r.getAttribute('data-id'));
      }) || rows.find((r) => !skip.has(r.getAttribute('data-id')));
      return row ? { id: row.getAttribute('data-id'), name: row.getAttribute('data-name') } : null;
    })()`);
    if (found) return found;
    const moved = await page.evaluate<boolean>(`(() => {
      const el = document.querySelector('.table-scroll');
      if (!el || el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return false;
      el.scrollTop += el.clientHeight;
      return true;
    })()`);
    if (!moved) break;
    await wait(200);
  }
  throw new Error('no running container row is on screen');
}

/**
 * Waits in the page (not by polling from here: this process also relays
 * Wharf's engine traffic through the proxy, and must stay free for it) until
 * the row of `id` was painted in a state that is (`running`) or is not running.
 */
async function rowState(page: Page, id: string, running: boolean, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    ({ id, running }) => {
      const s = (globalThis as unknown as { __bench: ProbeSnapshot }).__bench.states[id];
      return s !== undefined && (s.state === 'running') === running && Number.isFinite(s.at) ? s.at : false;
    },
    { id, running },
    // The probe stamps the paint itself; looking now and then is enough, and costs the page little.
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

async function until<T>(get: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = get();
    if (v !== undefined) return v;
    await wait(10);
  }
  throw new Error('the engine did not send the expected event');
}

export async function measureEvents(b: Bench): Promise<void> {
  const listener = await listen(b);
  try {
    await openWharf(b.page, b.server, '/containers');
    await waitFirstRow(b.page);
    const eventToRow: number[] = [];
    const commandToRow: number[] = [];
    const commandToEvent: number[] = [];
    const startEventToRow: number[] = [];
    const eventToPage: number[] = [];
    const eventDelivery: number[] = [];
    const pageToRow: number[] = [];
    const used: string[] = [];
    const upsertsBeforeRow: number[] = [];
    const eventToReleased: number[] = [];
    /** Per round, the engine requests Wharf made from the command to the row (ms from the `die` event). */
    const requests: string[][] = [];
    for (let i = 0; i < b.sizes.eventRepeats; i++) {
      const row = await visibleRunningRow(b.page, used);
      used.push(row.id);
      const mark = b.proxy.mark();
      const t0 = epoch();
      const released = listener.released(row.id);
      await dockerCli(b.engineEndpoint, ['stop', row.name]);
      const shownAt = await rowState(b.page, row.id, false);
      const die = await until(() =>
        listener.events.find((e) => e.id === row.id && e.action === 'die' && e.receivedAt >= t0),
      );
      eventToRow.push(shownAt - die.at);
      eventToReleased.push((await released) - die.at);
      const rel = (t: number) => Math.round(t + performance.timeOrigin - die.at);
      requests.push(
        b.proxy
          .since(mark)
          .filter((r) => r.at + performance.timeOrigin <= shownAt)
          .map((r) => `${rel(r.at)}→${r.endAt !== undefined ? rel(r.endAt) : '?'} ${r.method} ${r.path.slice(0, 60)}`),
      );
      // Where the time went: engine event → the upsert reaching the page (runtime, WebSocket) → row painted (page).
      const arrivals = (
        await b.page.evaluate<number[]>(`window.__bench.upserts[${JSON.stringify(row.id)}] || []`)
      ).filter((a) => a >= die.at && a <= shownAt);
      upsertsBeforeRow.push(arrivals.length);
      if (arrivals.length > 0) {
        eventToPage.push(arrivals[0]! - die.at);
        pageToRow.push(shownAt - arrivals.at(-1)!);
      } else {
        eventToPage.push(NaN);
        pageToRow.push(NaN);
      }
      commandToRow.push(shownAt - t0);
      commandToEvent.push(die.at - t0);
      // The engine stamps its event before it sends it: how long it took to reach a listener of its own.
      eventDelivery.push(die.receivedAt - die.at);
      // Back to running for the next rounds (and the idle section).
      await b.docker.getContainer(row.id).start();
      const runningAt = await rowState(b.page, row.id, true);
      const start = await until(() =>
        listener.events.find((e) => e.id === row.id && e.action === 'start' && e.receivedAt >= t0),
      );
      startEventToRow.push(runningAt - start.at);
    }
    const stop = spread(eventToRow);
    const own = spread(eventToRow.map((t, i) => t - (eventToReleased[i] ?? NaN)));
    b.result.events = {
      stopEventToRow: stop,
      stopCommandToRow: spread(commandToRow),
      stopCommandToEngineEvent: spread(commandToEvent),
      stopEventToUpsertAtPage: spread(eventToPage),
      stopEventStampToDelivery: spread(eventDelivery),
      stopEventToEngineReleased: spread(eventToReleased),
      stopEngineReleasedToRow: own,
      stopUpsertAtPageToRow: spread(pageToRow),
      startEventToRow: spread(startEventToRow),
      // Each round, in order: where a slow one lost its time.
      rounds: eventToRow.map((total, i) => ({
        eventToRowMs: Math.round(total * 10) / 10,
        eventToPageMs: Math.round((eventToPage[i] ?? NaN) * 10) / 10,
        pageToRowMs: Math.round((pageToRow[i] ?? NaN) * 10) / 10,
        upserts: upsertsBeforeRow[i],
        eventToEngineReleasedMs: Math.round((eventToReleased[i] ?? NaN) * 10) / 10,
        requests: requests[i],
      })),
    };
    b.rows.push({
      section: 'Events',
      figure: `docker stop: engine's event → row shows it (${stop.samples} runs)`,
      wharf: `p95 ${ms(stop.p95Ms)} (median ${ms(stop.medianMs)})`,
      engine: `event → delivered to a plain listener: p95 ${ms(spread(eventDelivery).p95Ms)} (median ${ms(spread(eventDelivery).medianMs)}); → the engine lists it stopped: p95 ${ms(spread(eventToReleased).p95Ms)} (median ${ms(spread(eventToReleased).medianMs)})`,
      goal: 'p95 < 100 ms',
      met: stop.p95Ms < 100,
    });
    b.rows.push({
      section: 'Events',
      figure: '… of which: event → change at the page, change → row painted',
      wharf: `p95 ${ms(spread(eventToPage).p95Ms)} (median ${ms(spread(eventToPage).medianMs)}); p95 ${ms(spread(pageToRow).p95Ms)} (median ${ms(spread(pageToRow).medianMs)})`,
      engine: '',
      goal: '',
    });
    b.rows.push({
      section: 'Events',
      figure: "… Wharf's own part: after the engine lists it stopped → row painted",
      wharf: `p95 ${ms(own.p95Ms)} (median ${ms(own.medianMs)})`,
      engine: '',
      goal: '',
    });
    b.rows.push({
      section: 'Events',
      figure: 'docker stop: command → row shows it',
      wharf: `p95 ${ms(spread(commandToRow).p95Ms)} (median ${ms(spread(commandToRow).medianMs)})`,
      engine: '(includes the container stopping)',
      goal: '',
    });
    b.rows.push({
      section: 'Events',
      figure: "start (API): engine's event → row shows it",
      wharf: `p95 ${ms(spread(startEventToRow).p95Ms)} (median ${ms(spread(startEventToRow).medianMs)})`,
      engine: '—',
      goal: '',
    });
    await measureBurst(b, listener.events);
  } finally {
    listener.stop();
  }
}

/** Creates and starts a batch of short-lived containers, then counts what Wharf asked for. */
async function measureBurst(b: Bench, events: EngineEvent[]): Promise<void> {
  const count = b.sizes.burstContainers;
  const before = await snapshot(b.page);
  const total = (await b.docker.listContainers({ all: true })).length;
  const mark = b.proxy.mark();
  const firstEvent = events.length;
  const t0 = epoch();
  const stamp = Date.now().toString(36);
  const ids = await createContainers(
    b.docker,
    b.image,
    Array.from({ length: count }, (_, i) => ({ name: `wharf-bench-burst-${stamp}-${i}`, cmd: ['true'] })),
  );
  await startContainers(b.docker, ids);
  await waitForTotal(b.page, total + count);
  await settle(b);
  const burstEvents = events.slice(firstEvent).filter((e) => e.at >= t0 - 1);
  const seconds = burstEvents.length > 1 ? (burstEvents.at(-1)!.at - burstEvents[0]!.at) / 1000 : 0;
  const requests = b.proxy.since(mark);
  const after = await snapshot(b.page);
  const pageLists = after.sends.filter((s) => s.at >= t0 && s.t === 'req' && s.name === 'containers.list').length;
  const result = {
    containers: count,
    engineEvents: burstEvents.length,
    eventsOverSeconds: Math.round(seconds * 10) / 10,
    fullContainerLists: requests.filter(isFullContainerList).length,
    containerFetches: requests.filter(isContainerList).length,
    otherEngineRequests: requests.filter((r) => !isContainerList(r)).length,
    idsPerFetch: requests.filter(isContainerList).map(idsIn),
    pageListRequests: pageLists,
    messagesToPage: after.received - before.received,
  };
  b.result.burst = result;
  b.rows.push({
    section: 'Events',
    figure: `burst: create+start ${count} containers (${result.engineEvents} events over ${result.eventsOverSeconds} s)`,
    wharf: `${result.containerFetches} container fetches (${result.fullContainerLists} full lists), ${result.pageListRequests} page re-lists`,
    engine: `${result.messagesToPage} change messages`,
    goal: `coalesced, not ${result.engineEvents} refetches`,
    // At most one fetch per 200 ms burst window (and a few retries), whatever the number of events.
    met:
      result.fullContainerLists === 0 &&
      result.pageListRequests === 0 &&
      result.containerFetches <= seconds * 5 + 5 &&
      result.containerFetches < result.engineEvents / 2,
  });
  await mapLimit(ids, 8, (id) => b.docker.getContainer(id).remove({ force: true }));
  await waitForTotal(b.page, total);
  await settle(b);
}

/** How many container ids one filtered list asked for (0: a full list). */
function idsIn(r: SeenRequest): number {
  const filters = new URL(r.path, 'http://engine').searchParams.get('filters');
  if (filters === null) return 0;
  return ((JSON.parse(filters) as { id?: string[] }).id ?? []).length;
}

/** Waits until neither the engine nor the page has heard anything for a second. */
async function settle(b: Bench): Promise<void> {
  let last = -1;
  let received = -1;
  for (let quiet = 0; quiet < 10;) {
    const now = b.proxy.mark();
    const got = (await snapshot(b.page)).received;
    quiet = now === last && got === received ? quiet + 1 : 0;
    last = now;
    received = got;
    await wait(100);
  }
}
