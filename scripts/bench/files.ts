// Benchmark (not a test): the first page of a folder holding 50,000 files in
// a volume, through Wharf's files service (cold: helper container started;
// warm: helper reused), beside a raw engine call in the same run (one
// `find -maxdepth 1` exec in the same helper). Prints a table and writes
// bench/results/files.json.
//
//   WHARF_BENCH_ENGINE=unix:///tmp/wharf-dev/docker.sock npx tsx scripts/bench/files.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHelperPool } from '../../runtime/services/files/helper';
import { execCollect } from '../../runtime/services/files/exec';
import { createFilesService } from '../../runtime/services/files/service';
import { TEST_IMAGE, createTestEngine, dockerCli, uniqueName } from '../../runtime/services/test-engine';

const endpoint = process.env.WHARF_BENCH_ENGINE ?? process.env.WHARF_TEST_DOCKER ?? 'unix:///tmp/wharf-dev/docker.sock';
const FILES = Number(process.env.WHARF_BENCH_FILES ?? 50_000);
const RUNS = 5;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const engine = await createTestEngine(endpoint);
  const pool = createHelperPool({ preferredImage: () => process.env.WHARF_HELPER_IMAGE ?? TEST_IMAGE });
  const files = createFilesService(engine, pool);
  const volume = uniqueName('wharf-bench');
  try {
    await dockerCli(endpoint, ['volume', 'create', volume]);
    // 50,000 files of 40 KB each would be 2 GB; the listing reads no content, so sizes do not matter to it: small files.
    await dockerCli(endpoint, ['run', '--rm', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', `cd /d && seq -w 1 ${FILES} | xargs touch && mkdir sub`]);
    const target = { kind: 'volume' as const, name: volume };
    const list = () => files.requests['files.list']({ target, path: '/', offset: 0, limit: 200, showHidden: true });

    let start = process.hrtime.bigint();
    const first = await list();
    const cold = ms(start);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      start = process.hrtime.bigint();
      await list();
      warm.push(ms(start));
    }
    const helper = await pool.forVolume(engine.docker(), volume);
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      start = process.hrtime.bigint();
      await execCollect(engine.docker(), helper, ['find', '/v', '-mindepth', '1', '-maxdepth', '1']);
      raw.push(ms(start));
    }
    const result = {
      engine: engine.info(),
      files: FILES,
      total: first.total,
      pageSize: first.entries.length,
      firstPageColdMs: Math.round(cold),
      firstPageWarmMedianMs: Math.round(median(warm)),
      rawFindExecMedianMs: Math.round(median(raw)),
      at: new Date().toISOString(),
    };
    console.table([
      { what: 'files.list first page, cold (starts the helper)', ms: result.firstPageColdMs },
      { what: 'files.list first page, warm (median)', ms: result.firstPageWarmMedianMs },
      { what: 'raw exec: find -maxdepth 1 (median)', ms: result.rawFindExecMedianMs },
    ]);
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'files.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await pool.dispose();
    await dockerCli(endpoint, ['volume', 'rm', '-f', volume]).catch(() => {});
    await engine.dispose();
  }
}

await main();
