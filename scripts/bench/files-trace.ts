// Not a test, not part of the bench: one cold first page of a 50,000-file
// folder with every engine request it makes timed (sent → answered), to see
// where the cold page's time goes.
//
//   WHARF_BENCH_ENGINE=unix:///tmp/wharf-dev/docker.sock npx tsx scripts/bench/files-trace.ts
import type Docker from 'dockerode';
import { createHelperPool } from '../../runtime/domains/files/helper';
import { execCollect } from '../../runtime/domains/files/exec';
import { createFilesService } from '../../runtime/domains/files/service';
import { createTestEngine, dockerCli, uniqueName } from '../../runtime/test-support/test-engine';
import { FILES, fillVolume } from './files';

const endpoint = process.env.WHARF_BENCH_ENGINE ?? 'unix:///tmp/wharf-dev/docker.sock';
const now = () => Number(process.hrtime.bigint()) / 1e6;

function trace(docker: Docker, t0: () => number, lines: string[]): void {
  const modem = docker.modem as unknown as {
    dial: (o: { method: string; path: string }, cb: (...a: unknown[]) => void) => unknown;
  };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, cb) => {
    const sent = now() - t0();
    return dial(options, (...args: unknown[]) => {
      lines.push(
        `${sent.toFixed(0).padStart(5)} → ${(now() - t0()).toFixed(0).padStart(5)}  ${options.method} ${options.path.split('?')[0]}`,
      );
      cb(...args);
    });
  };
}

const engine = await createTestEngine(endpoint);
const volume = uniqueName('wharf-trace');
await fillVolume(endpoint, volume, FILES);
try {
  for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
    const pool = createHelperPool();
    const files = createFilesService(engine, pool);
    const lines: string[] = [];
    let start = 0;
    trace(engine.docker(), () => start, lines);
    start = now();
    await files.requests['files.list']({
      target: { kind: 'volume', name: volume },
      path: '/',
      offset: 0,
      limit: 200,
      showHidden: true,
    });
    const cold = now() - start;
    const helper = await pool.forVolume(engine.docker(), volume);
    start = now();
    await execCollect(engine.docker(), helper, ['find', '/v', '-mindepth', '1', '-maxdepth', '1']);
    const find = now() - start;
    lines.push(`raw find exec: ${find.toFixed(0)} ms`);
    start = now();
    await execCollect(engine.docker(), helper, ['true']);
    lines.push(`exec true: ${(now() - start).toFixed(0)} ms`);
    console.log(
      `cold ${cold.toFixed(0)} ms  load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}\n${lines.join('\n')}\n`,
    );
    await pool.dispose();
  }
} finally {
  await dockerCli(endpoint, ['volume', 'rm', '-f', volume]).catch(() => {});
  await engine.dispose();
}
