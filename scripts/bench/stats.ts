// What watching resource use costs: 50 running containers of the test
// image, the containers list open in browser mode (its CPU and memory
// columns stream every running row), Wharf's own CPU (wharf serve and the
// page's renderer) over a window, beside `docker stats` (the CLI, streaming
// every container) over a window of the same length, and the engine's own
// CPU in each. Reported as ratios to the CLI.
//
//   WHARF_BENCH_ENGINE=unix:///… npx tsx scripts/bench/stats.ts [--seconds 30] [--containers 50]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { startWharf } from '../../e2e/support/wharf-server';
import { buildBusyboxImage, dockerFor, TEST_IMAGE } from '../test-support/busybox-image';
import { launchCdp } from './cdp';
import { chromiumProcesses, cpuMs, processesMatching } from './proc';
import { round } from './report';
import type { Row } from './report';
import { createContainers, SLEEPER, startContainers } from './seed';

const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StatsBenchResult {
  seconds: number;
  runningContainers: number;
  /** Rows showing a CPU figure when the window began. */
  rowsWithStats: number;
  wharf: { runtimeCpuPct: number; rendererCpuPct: number; totalCpuPct: number; engineCpuPct: number };
  cli: { cliCpuPct: number; engineCpuPct: number };
  /** Wharf's CPU over the CLI's (below 1: Wharf costs less). */
  ratio: number;
  /** The engine's CPU while Wharf watched over while the CLI watched. */
  engineRatio: number;
}

/** CPU of these processes over `seconds`, in percent of one core. */
async function cpuOver(groups: Record<string, () => number[]>, seconds: number): Promise<Record<string, number>> {
  const pids = Object.fromEntries(Object.entries(groups).map(([k, f]) => [k, f()]));
  const sum = (list: number[]) => list.reduce((t, p) => t + cpuMs(p), 0);
  const before = Object.fromEntries(Object.entries(pids).map(([k, list]) => [k, sum(list)]));
  const t0 = performance.now();
  await wait(seconds * 1000);
  const wallMs = performance.now() - t0;
  return Object.fromEntries(
    Object.entries(pids).map(([k, list]) => [k, round(((sum(list) - before[k]!) / wallMs) * 100, 2)]),
  );
}

export async function measureStats(options: {
  endpoint: string;
  engineDir: string | undefined;
  seconds?: number;
  containers?: number;
}): Promise<StatsBenchResult> {
  const seconds = options.seconds ?? 30;
  const count = options.containers ?? 50;
  const docker = dockerFor(options.endpoint);
  await buildBusyboxImage(options.endpoint);
  const stamp = randomBytes(3).toString('hex');
  const running = (await docker.listContainers()).length;
  const ids = await createContainers(
    docker,
    TEST_IMAGE,
    Array.from({ length: Math.max(0, count - running) }, (_, i) => ({
      name: `wharf-bench-${stamp}-stats-${i}`,
      cmd: SLEEPER,
    })),
  );
  await startContainers(docker, ids);
  const runningNow = (await docker.listContainers()).length;
  const listed = (await docker.listContainers({ all: true })).filter(
    (c) => c.Labels?.['io.wharf.helper'] === undefined,
  ).length;
  const engine = () => (options.engineDir !== undefined ? processesMatching(options.engineDir) : []);
  const dataDir = mkdtempSync(join(tmpdir(), 'wharf-bench-stats-'));
  const server = await startWharf({ engine: options.endpoint, dataDir });
  const tag = `--wharf-bench-stats=${stamp}`;
  const browser = await launchCdp(CHROMIUM, [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    tag,
  ]);
  try {
    const page = await browser.newPage({ width: 1360, height: 860 });
    await page.send('Page.navigate', { url: server.linkTo('/containers') });
    // Every container is listed (the header's total: past 50 rows the table renders only those in
    // view, so the rows in the DOM cannot tell); the rows on screen show their CPU (the list
    // streams only those). After the list section the engine holds thousands of containers.
    await page.waitFor(shownTotalIs(listed), 180_000);
    await page.waitFor(`document.querySelectorAll('[data-testid="cell-cpu"]').length > 0`, 60_000);
    // Every stream has its first interval and the page has settled.
    await wait(5000);
    const rowsWithStats = await page.evaluate<number>(`document.querySelectorAll('[data-testid="cell-cpu"]').length`);
    const serverPid = processesMatching(dataDir).find((p) => p > 0);
    const browserPid = processesMatching(tag)[0];
    if (serverPid === undefined || browserPid === undefined) throw new Error('wharf serve or Chromium was not found');
    const renderers = () =>
      chromiumProcesses(browserPid)
        .filter((p) => p.type === 'renderer')
        .map((p) => p.pid);
    const w = await cpuOver({ runtime: () => [serverPid], renderer: renderers, engine }, seconds);

    // Wharf stops watching (a blank page), the engine streams close; then the CLI alone.
    await page.send('Page.navigate', { url: 'about:blank' });
    await wait(6000);
    const cli = spawn('docker', ['-H', options.endpoint, 'stats'], { stdio: ['ignore', 'ignore', 'ignore'] });
    await wait(5000);
    const c = await cpuOver({ cli: () => (cli.pid !== undefined ? [cli.pid] : []), engine }, seconds);
    cli.kill('SIGINT');

    const total = round(w.runtime! + w.renderer!, 2);
    return {
      seconds,
      runningContainers: runningNow,
      rowsWithStats,
      wharf: { runtimeCpuPct: w.runtime!, rendererCpuPct: w.renderer!, totalCpuPct: total, engineCpuPct: w.engine! },
      cli: { cliCpuPct: c.cli!, engineCpuPct: c.engine! },
      ratio: round(total / Math.max(0.01, c.cli!), 2),
      engineRatio: round(w.engine! / Math.max(0.01, c.engine!), 2),
    };
  } finally {
    await browser.close().catch(() => {});
    await server.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    await Promise.all(
      ids.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => {}),
      ),
    );
  }
}

/** An expression true once the containers page's header shows `total` containers ("50 running · 5,050 in total"). */
function shownTotalIs(total: number): string {
  return `(() => {
    const text = document.querySelector('.page-count')?.textContent ?? '';
    const m = /([\\d,]+)\\D*$/.exec(text);
    return m !== null && Number(m[1].replaceAll(',', '')) === ${total};
  })()`;
}

export function statsRows(r: StatsBenchResult, rows: Row[]): void {
  rows.push({
    section: 'Stats',
    figure: `${r.seconds} s, ${r.runningContainers} running, list open (${r.rowsWithStats} rows in view streaming): CPU`,
    wharf: `${r.wharf.totalCpuPct}% (runtime ${r.wharf.runtimeCpuPct}%, renderer ${r.wharf.rendererCpuPct}%); engine ${r.wharf.engineCpuPct}%`,
    engine: `docker stats ${r.cli.cliCpuPct}%; engine ${r.cli.engineCpuPct}%`,
    goal: 'Wharf below the CLI',
    met: r.ratio < 1,
  });
  rows.push({
    section: 'Stats',
    figure: 'ratios: Wharf / CLI, engine (Wharf) / engine (CLI)',
    wharf: `${r.ratio}`,
    engine: `${r.engineRatio}`,
    goal: '< 1',
    met: r.ratio < 1,
  });
}

async function main(): Promise<void> {
  const endpoint = process.env.WHARF_BENCH_ENGINE;
  if (!endpoint) throw new Error('Set WHARF_BENCH_ENGINE to a Docker endpoint (unix:///…).');
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : undefined;
  };
  const socket = new URL(endpoint).pathname;
  const result = await measureStats({
    endpoint,
    engineDir: socket.slice(0, socket.lastIndexOf('/')),
    ...(arg('--seconds') !== undefined ? { seconds: arg('--seconds')! } : {}),
    ...(arg('--containers') !== undefined ? { containers: arg('--containers')! } : {}),
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
