// Benchmark (not a test): `up -d` and `down` of a five-service project (from
// the test image, nothing pulled) through Wharf's compose service, beside the
// same commands typed into the compose tool, in one run, alternating. Wharf's
// overhead is the median of the pairs' ratios (each Wharf run over the tool
// run next to it, so both saw the same load; goal: ≤ 1.05), with the ratio of
// the medians and Wharf's own CPU time beside it. The services stop within
// 0.2 s of SIGTERM, so `down` measures compose, not stop timeouts.
//
//   WHARF_BENCH_ENGINE=unix:///tmp/wharf-dev/docker.sock npx tsx scripts/bench/compose.ts
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createComposeService } from '../../runtime/domains/compose/service';
import type { ComposeEvent } from '../../runtime/domains/compose/types';
import { createTestEngine } from '../../runtime/test-support/test-engine';
import type { Row } from './report';

const endpoint = process.env.WHARF_BENCH_ENGINE ?? process.env.WHARF_TEST_DOCKER ?? 'unix:///tmp/wharf-dev/docker.sock';
const RUNS = Number(process.env.WHARF_BENCH_COMPOSE_RUNS ?? 7);
const IMAGE = process.env.WHARF_BENCH_IMAGE ?? 'wharf-test/shell';

const SERVICE = (name: string, extra = '') => `  ${name}:
    image: ${IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]
${extra}`;

const COMPOSE = `services:
${SERVICE('web', '    ports: ["127.0.0.1::8080"]\n    depends_on: [api]\n')}${SERVICE('api', '    depends_on: [db, cache]\n')}${SERVICE('db', '    volumes: [data:/data]\n')}${SERVICE('cache')}${SERVICE('worker', '    depends_on: [db]\n')}volumes:
  data:
`;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface ComposeFigures {
  engine: unknown;
  tool: string;
  runs: number;
  wharfUpMedianMs: number;
  toolUpMedianMs: number;
  wharfDownMedianMs: number;
  toolDownMedianMs: number;
  /** Medians of the pairs' ratios (Wharf's run ÷ the tool's run beside it): the figures the goal is on. */
  upRatio: number;
  downRatio: number;
  /** Ratios of the medians. */
  upMedianRatio: number;
  downMedianRatio: number;
  /** The Wharf process's own CPU time (user + system) per run, over the tool's wall time beside it: medians. */
  wharfCpuUpShare: number;
  wharfCpuDownShare: number;
  goalRatio: number;
  met: boolean;
  samplesMs: { wharfUp: number[]; toolUp: number[]; wharfDown: number[]; toolDown: number[] };
  /** Wharf's own time before the tool starts (request to spawn): medians. */
  wharfOwnUpMedianMs: number;
  wharfOwnDownMedianMs: number;
  at: string;
}

export async function measureCompose(at: string, runs = RUNS): Promise<ComposeFigures> {
  const engine = await createTestEngine(at);
  const dataDir = mkdtempSync(join(tmpdir(), 'wharf-bench-compose-data-'));
  const root = mkdtempSync(join(tmpdir(), 'wharf-bench-compose-'));
  const project = `wharfbench${Math.random().toString(36).slice(2, 8)}`;
  const dir = join(root, project);
  mkdirSync(dir);
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, COMPOSE);
  const compose = createComposeService(engine, { dataDir });
  try {
    const status = await compose.requests['compose.tool']({});
    const tool = status.tool;
    if (!tool) throw new Error(status.problem?.message ?? 'no compose tool');
    const fileId = (await compose.requests['compose.open']({ source: { kind: 'path', path: file } })).id;

    // Wharf's own share, which the machine's load does not blur: from the request to the tool's start
    // (the command event comes just before the spawn). After the tool exits, done follows at once; the
    // time between the tool's last line and its exit (Python shutting down) is the tool's, on both sides.
    const own: Record<'up' | 'down', number[]> = { up: [], down: [] };
    const viaWharf = (op: Parameters<(typeof compose.subscriptions)['compose.run']>[0]['op']) =>
      new Promise<void>((resolve, reject) => {
        const start = process.hrtime.bigint();
        let before = 0;
        compose.subscriptions['compose.run'](
          { project, fileId, op },
          {
            emit(e: ComposeEvent) {
              if (e.type === 'command') before = ms(start);
              if (e.type !== 'done') return;
              own[op.kind === 'down' ? 'down' : 'up'].push(before);
              if (e.ok) resolve();
              else reject(new Error(e.failure.error.message));
            },
            fail: reject,
          },
        );
      });
    const env = tool.kind === 'podman-compose' ? { CONTAINER_HOST: at } : { DOCKER_HOST: at };
    const words = tool.kind === 'compose-plugin' ? ['compose'] : [];
    const viaTool = (args: string[]) =>
      new Promise<void>((resolve, reject) => {
        execFile(
          tool.path,
          [...words, '-p', project, '-f', file, ...args],
          { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env } },
          (e, _o, stderr) => (e ? reject(new Error(stderr)) : resolve()),
        );
      });
    const up = {
      kind: 'up' as const,
      build: false,
      pull: 'missing' as const,
      forceRecreate: false,
      removeOrphans: false,
    };
    const down = { kind: 'down' as const, removeVolumes: true, removeImages: 'none' as const, removeOrphans: false };

    const wharfUp: number[] = [];
    const wharfDown: number[] = [];
    const toolUp: number[] = [];
    const toolDown: number[] = [];
    const cpu: Record<'up' | 'down', number[]> = { up: [], down: [] };
    const timed = async (into: number[], run: () => Promise<void>, cpuInto?: number[]) => {
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      await run();
      into.push(ms(start));
      const used = process.cpuUsage(cpuStart);
      cpuInto?.push((used.user + used.system) / 1000);
    };
    // One warm-up pair each, then alternate so both see the same engine state.
    await viaTool(['up', '-d']);
    await viaTool(['down', '-v']);
    for (let i = 0; i < runs; i++) {
      const wharfFirst = i % 2 === 0;
      for (const who of wharfFirst ? ['wharf', 'tool'] : ['tool', 'wharf']) {
        if (who === 'wharf') {
          await timed(wharfUp, () => viaWharf(up), cpu.up);
          await timed(wharfDown, () => viaWharf(down), cpu.down);
        } else {
          await timed(toolUp, () => viaTool(['up', '-d']));
          await timed(toolDown, () => viaTool(['down', '-v']));
        }
      }
    }
    const r = (n: number) => Math.round(n * 1000) / 1000;
    const pairs = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
    const figures = {
      engine: engine.info(),
      tool: `${tool.command} ${tool.version}`,
      runs,
      wharfUpMedianMs: Math.round(median(wharfUp)),
      toolUpMedianMs: Math.round(median(toolUp)),
      wharfDownMedianMs: Math.round(median(wharfDown)),
      toolDownMedianMs: Math.round(median(toolDown)),
      upRatio: r(pairs(wharfUp, toolUp)),
      downRatio: r(pairs(wharfDown, toolDown)),
      upMedianRatio: r(median(wharfUp) / median(toolUp)),
      downMedianRatio: r(median(wharfDown) / median(toolDown)),
      wharfCpuUpShare: r(pairs(cpu.up, toolUp)),
      wharfCpuDownShare: r(pairs(cpu.down, toolDown)),
      goalRatio: 1.05,
      met: false,
      wharfOwnUpMedianMs: r(median(own.up)),
      wharfOwnDownMedianMs: r(median(own.down)),
      samplesMs: {
        wharfUp: wharfUp.map(Math.round),
        toolUp: toolUp.map(Math.round),
        wharfDown: wharfDown.map(Math.round),
        toolDown: toolDown.map(Math.round),
      },
      at: new Date().toISOString(),
    };
    figures.met = figures.upRatio <= 1.05 && figures.downRatio <= 1.05;
    return figures;
  } finally {
    await new Promise<void>((resolve) => {
      compose.subscriptions['compose.run'](
        { project, op: { kind: 'down', removeVolumes: true, removeImages: 'none', removeOrphans: false } },
        {
          emit: (e) => e.type === 'done' && resolve(),
          fail: () => resolve(),
        },
      );
    });
    // podman-compose 1.0's down leaves the project's networks.
    const docker = engine.docker();
    const networks = await docker
      .listNetworks({ filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) })
      .catch(() => []);
    for (const n of networks)
      await docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => {});
    await engine.dispose();
    rmSync(root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section's lines in the combined table. */
export async function composeRows(at: string, rows: Row[], result: Record<string, unknown>): Promise<void> {
  try {
    const f = await measureCompose(at);
    result.compose = f;
    for (const [what, wharf, tool, ratio, medians, share] of [
      ['up -d', f.wharfUpMedianMs, f.toolUpMedianMs, f.upRatio, f.upMedianRatio, f.wharfCpuUpShare],
      ['down -v', f.wharfDownMedianMs, f.toolDownMedianMs, f.downRatio, f.downMedianRatio, f.wharfCpuDownShare],
    ] as const) {
      rows.push({
        section: 'Compose',
        figure: `${what}, five services (${f.tool}, ${f.runs} pairs): median of the pairs' ratios (ratio of medians; Wharf's CPU ÷ the tool's time)`,
        wharf: `${wharf} ms: ×${ratio} (×${medians}; ${(share * 100).toFixed(1)} %)`,
        engine: `${tool} ms`,
        goal: '≤ ×1.05',
        met: ratio <= 1.05,
      });
    }
    rows.push({
      section: 'Compose',
      figure: "Wharf's time before the tool starts (up / down)",
      wharf: `${f.wharfOwnUpMedianMs} / ${f.wharfOwnDownMedianMs} ms`,
      engine: '',
      goal: 'reported',
    });
  } catch (error) {
    rows.push({
      section: 'Compose',
      figure: 'could not finish',
      wharf: String((error as Error).message ?? error).slice(0, 80),
      engine: '',
      goal: '',
    });
  }
}

async function main(): Promise<void> {
  const result = await measureCompose(endpoint);
  console.table([
    {
      what: 'up -d (median ms; ratio: median of pairs, of medians; Wharf CPU share)',
      wharf: result.wharfUpMedianMs,
      tool: result.toolUpMedianMs,
      ratio: `${result.upRatio}, ${result.upMedianRatio}; ${result.wharfCpuUpShare}`,
    },
    {
      what: 'down -v (median ms)',
      wharf: result.wharfDownMedianMs,
      tool: result.toolDownMedianMs,
      ratio: `${result.downRatio}, ${result.downMedianRatio}; ${result.wharfCpuDownShare}`,
    },
    {
      what: "Wharf's ms before the tool starts, up / down",
      wharf: `${result.wharfOwnUpMedianMs} / ${result.wharfOwnDownMedianMs}`,
      tool: '',
      ratio: '',
    },
  ]);
  const out = join(process.cwd(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'compose.json'), `${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
