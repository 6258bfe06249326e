// Benchmark (not a test): the first page of a folder holding 50,000 files in
// a volume, through Wharf's files service (cold: a new helper pool, so the
// helper image is checked and a helper container created and started, 5 times;
// warm: helper reused, the folder changed before each run so it is listed
// again; paging: the next page of an unchanged folder), beside a raw engine
// call after each of those runs (one `find -maxdepth 1` exec in a helper of
// its own), so the figure and its limit see the same moments of the machine.
// measureFiles() returns the figures (the combined runner can call it); run
// alone, this prints a table and writes bench/results/files.json.
//
//   WHARF_BENCH_ENGINE=unix:///tmp/wharf-dev/docker.sock npx tsx scripts/bench/files.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHelperPool } from '../../runtime/domains/files/helper';
import { execCollect } from '../../runtime/domains/files/exec';
import { createFilesService } from '../../runtime/domains/files/service';
import { TEST_IMAGE, createTestEngine, dockerCli, uniqueName } from '../../runtime/test-support/test-engine';

const endpoint = process.env.WHARF_BENCH_ENGINE ?? process.env.WHARF_TEST_DOCKER ?? 'unix:///tmp/wharf-dev/docker.sock';
export const FILES = Number(process.env.WHARF_BENCH_FILES ?? 50_000);
const RUNS = 5;
/** The cold first page within this many times one raw `find` exec in the same run. */
const GOAL_RATIO = 2;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export interface FilesFigures {
  engine: unknown;
  files: number;
  total: number;
  pageSize: number;
  /** First page, a helper container started for it (median of RUNS, each from a new pool). Goal: within GOAL_RATIO × the raw find exec. */
  firstPageColdMs: number;
  firstPageColdRunsMs: number[];
  /** Every raw find: one after each cold run, one after each warm run. */
  rawFindRunsMs: number[];
  /** First page with the helper running, after the folder changed (listed again): median. */
  firstPageWarmMedianMs: number;
  /** A later page of the unchanged folder (the names kept, one stat exec): median. */
  nextPageMedianMs: number;
  rawFindExecMedianMs: number;
  /** Cold over the raw find exec of the same run. Goal: ≤ 2. */
  coldOverFind: number;
  goalRatio: number;
  met: boolean;
  at: string;
}

/** Makes the volume with `count` empty files and one folder (the listing reads no content: sizes do not matter to it). */
export async function fillVolume(endpoint: string, volume: string, count: number): Promise<void> {
  await dockerCli(endpoint, ['volume', 'create', volume]);
  await dockerCli(endpoint, [
    'run',
    '--rm',
    '-v',
    `${volume}:/d`,
    TEST_IMAGE,
    'sh',
    '-c',
    `cd /d && seq -w 1 ${count} | xargs touch && mkdir sub`,
  ]);
}

/** Measures on the engine at `endpoint` with a throwaway volume, and removes it after. */
export async function measureFiles(endpoint: string, count = FILES): Promise<FilesFigures> {
  const engine = await createTestEngine(endpoint);
  const pool = createHelperPool();
  const files = createFilesService(engine, pool);
  // The raw find runs in a helper of its own, kept for the whole run.
  const rawPool = createHelperPool();
  const volume = uniqueName('wharf-bench');
  try {
    await fillVolume(endpoint, volume, count);
    const target = { kind: 'volume' as const, name: volume };
    const listWith = (service: typeof files) =>
      service.requests['files.list']({ target, path: '/', offset: 0, limit: 200, showHidden: true });
    const list = () => listWith(files);
    const rawHelper = await rawPool.forVolume(engine.docker(), volume);
    const find = async () => {
      const start = process.hrtime.bigint();
      await execCollect(engine.docker(), rawHelper, ['find', '/v', '-mindepth', '1', '-maxdepth', '1']);
      return ms(start);
    };

    // Cold, each time from nothing: a new helper pool (the helper image checked again, a new
    // helper created and started, no names kept), each run followed by a raw find, so both
    // see the machine's load of the same moment.
    const cold: number[] = [];
    const raw: number[] = [];
    let first: Awaited<ReturnType<typeof list>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      const coldPool = createHelperPool();
      const coldFiles = createFilesService(engine, coldPool);
      try {
        const start = process.hrtime.bigint();
        first = await listWith(coldFiles);
        cold.push(ms(start));
      } finally {
        await coldPool.dispose();
      }
      raw.push(await find());
    }
    let start: bigint;
    const helper = await pool.forVolume(engine.docker(), volume);
    await list();
    const warm: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A first page is always listed afresh; the folder changes too, as it would between visits.
      await execCollect(engine.docker(), helper, ['touch', `/v/sub/changed-${i}`, '/v']);
      start = process.hrtime.bigint();
      await list();
      warm.push(ms(start));
      start = process.hrtime.bigint();
      await files.requests['files.list']({ target, path: '/', offset: 200 * (i + 1), limit: 200, showHidden: true });
      next.push(ms(start));
      raw.push(await find());
    }
    const coldMs = median(cold);
    if (first === undefined) throw new Error('no cold run');
    return {
      engine: engine.info(),
      files: count,
      total: first.total,
      pageSize: first.entries.length,
      firstPageColdMs: Math.round(coldMs),
      firstPageColdRunsMs: cold.map(Math.round),
      rawFindRunsMs: raw.map(Math.round),
      firstPageWarmMedianMs: Math.round(median(warm)),
      nextPageMedianMs: Math.round(median(next)),
      rawFindExecMedianMs: Math.round(median(raw)),
      coldOverFind: Math.round((coldMs / median(raw)) * 100) / 100,
      goalRatio: GOAL_RATIO,
      met: coldMs <= GOAL_RATIO * median(raw),
      at: new Date().toISOString(),
    };
  } finally {
    await pool.dispose();
    await rawPool.dispose();
    await dockerCli(endpoint, ['volume', 'rm', '-f', volume]).catch(() => {});
    await engine.dispose();
  }
}

async function main(): Promise<void> {
  const result = await measureFiles(endpoint);
  console.table([
    {
      what: `files.list first page, cold (starts the helper; median): ${result.coldOverFind}× the find exec`,
      ms: result.firstPageColdMs,
      goal: `≤ ${result.goalRatio}× find = ${result.goalRatio * result.rawFindExecMedianMs}: ${result.met ? 'met' : 'missed'}`,
    },
    {
      what: 'files.list first page, helper running, folder changed (median)',
      ms: result.firstPageWarmMedianMs,
      goal: '',
    },
    { what: 'files.list a later page, folder unchanged (median)', ms: result.nextPageMedianMs, goal: '' },
    { what: 'raw exec: find -maxdepth 1 (median)', ms: result.rawFindExecMedianMs, goal: '' },
  ]);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'files.json'), `${JSON.stringify(result, null, 2)}\n`);
}

// Run alone (the combined runner imports measureFiles, or runs this file as a child).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
