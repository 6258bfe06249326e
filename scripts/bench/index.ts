// `npm run bench`: Wharf's performance, each figure beside the engine's own
// cost measured in the same run. It starts a private Docker engine (the
// runtime's embedded launcher, in a temporary folder), builds the test image,
// creates its data (containers, images, volumes), starts `wharf serve` behind
// a request-counting proxy, drives Chromium, prints one table, writes
// bench/results/<date>.json and removes what it made.
//
//   npm run bench                       everything (about 10 minutes)
//   npm run bench -- --quick            fewer containers, shorter idle window
//   npm run bench -- --only list,idle   some sections: list, startup, events, idle, memory, terminal, files, vm, compose, stats
//   WHARF_BENCH_ENGINE=unix:///… npm run bench    uses that engine instead of starting one
//   WHARF_BENCH_NO_BUILD=1 npm run bench           measures the dist/ already built
//   WHARF_BENCH_IDLE_SECONDS=60                    the length of each idle window (--quick: 15 s)
//
// Not a test: it reports numbers and exits 0.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from '@playwright/test';
import { type EmbeddedEngineHandle, startEmbeddedEngine } from '../../runtime/engine/embedded';
import { mountsUnder } from '../../runtime/engine/embedded-process';
import { openWharf, startWharf, type WharfServer } from '../../e2e/support/wharf-server';
import { buildBusyboxImage, dockerFor, TEST_IMAGE } from '../test-support/busybox-image';
import { type Bench, FULL, QUICK, waitFirstRow, waitForTotal } from './context';
import { measureEvents } from './events';
import { measureIdle } from './idle';
import { measureMemory } from './memory';
import { compareGrouped, measureList, measureScroll, measureStartup } from './list';
import { PAGE_PROBE } from './page-probe';
import { startCountingProxy, type CountingProxy } from './proxy';
import { printTable, type Row } from './report';
import {
  BENCH_LABEL,
  composeSpecs,
  createContainers,
  createVolumes,
  importImages,
  removeContainers,
  SLEEPER,
  startContainers,
} from './seed';
import { runSibling } from './siblings';
import { measureVm } from './vm';
import { measureStats, statsRows } from './stats';
import { mapLimit } from '../../runtime/domains/containers/map-limit';

import { composeRows } from './compose';

const SECTIONS = [
  'list',
  'startup',
  'events',
  'idle',
  'memory',
  'terminal',
  'files',
  'vm',
  'compose',
  'stats',
] as const;
type Section = (typeof SECTIONS)[number];
const UI_SECTIONS: readonly Section[] = ['list', 'startup', 'events', 'idle', 'memory'];
const CHROMIUM = process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium';

function parseArgs(argv: string[]): { sections: Set<Section>; quick: boolean } {
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [...SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`Unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
  return { sections: new Set(only as Section[]), quick: argv.includes('--quick') };
}

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const { sections, quick } = parseArgs(process.argv.slice(2));
  const idleSeconds = Number(process.env.WHARF_BENCH_IDLE_SECONDS);
  const sizes = { ...(quick ? QUICK : FULL), ...(idleSeconds > 0 ? { idleSeconds } : {}) };
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-'));
  const rows: Row[] = [];
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      loadAtStart: loadavg(),
    },
    quick,
    sizes,
  };
  let engine: EmbeddedEngineHandle | undefined;
  let proxy: CountingProxy | undefined;
  let server: WharfServer | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    await proxy?.close().catch(() => {});
    if (engine) await engine.stop().catch(() => {});
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  try {
    let endpoint = process.env.WHARF_BENCH_ENGINE;
    let engineDir: string | undefined;
    if (!endpoint) {
      log('Starting a private Docker engine…');
      engineDir = join(dir, 'engine');
      engine = await startEmbeddedEngine({ kind: 'docker', dir: engineDir });
      endpoint = engine.endpoint;
    }
    const socketPath = new URL(endpoint).pathname;
    engineDir ??= socketPath.slice(0, socketPath.lastIndexOf('/'));
    log(`Engine ${endpoint}; building the test image…`);
    await buildBusyboxImage(endpoint);
    const docker = dockerFor(endpoint);
    result.engine = { endpoint, version: ((await docker.version()) as { Version?: string }).Version };

    const ui = UI_SECTIONS.some((s) => sections.has(s));
    /** The larger list's running containers (the UI sections' sleepers). */
    let sleeping: string[] = [];
    if ((ui || sections.has('terminal')) && process.env.WHARF_BENCH_NO_BUILD === undefined) {
      log('Building Wharf…');
      execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
    }
    if (ui) {
      proxy = await startCountingProxy(socketPath, join(dir, 'proxy.sock'));
      const stamp = randomBytes(3).toString('hex');
      log(`Creating ${sizes.images} images and ${sizes.volumes} volumes…`);
      await importImages(docker, `wharf-bench/tiny-${stamp}`, sizes.images);
      await createVolumes(docker, `wharf-bench-${stamp}`, sizes.volumes);
      const plain = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => ({ name: `wharf-bench-${stamp}-${from + i}`, cmd: ['true'] }));
      const existing = (await docker.listContainers({ all: true })).length;
      const wantsSmall = sections.has('list');
      // The grouped list first: as many containers as the flat list, two per compose project.
      const projects = Math.floor(sizes.small / 2);
      let groupedIds: string[] = [];
      if (wantsSmall) {
        log(`Creating ${sizes.small} containers in ${projects} compose projects…`);
        groupedIds = await createContainers(docker, TEST_IMAGE, [
          ...composeSpecs(`wharf-bench-${stamp}`, projects, 2),
          ...plain(2 * projects, Math.max(2 * projects, sizes.small - existing)),
        ]);
      }

      log('Starting wharf serve and Chromium…');
      server = await startWharf({ engine: proxy.endpoint, dataDir: join(dir, 'data') });
      const browserTag = `--wharf-bench=${stamp}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          browserTag,
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
      const page = await context.newPage();
      await page.addInitScript(PAGE_PROBE);
      const b: Bench = {
        sizes,
        docker,
        engineEndpoint: endpoint,
        engineDir,
        proxy,
        image: TEST_IMAGE,
        dir,
        browser,
        browserTag,
        server,
        page,
        rows,
        result,
      };

      if (wantsSmall) {
        log(`List with ${sizes.small} containers in ${projects} compose projects…`);
        // One load first, so neither side of the comparison pays for the browser's cold start.
        await openWharf(page, server, '/containers');
        await waitFirstRow(page);
        const grouped = await measureList(b, sizes.small, projects);
        await removeContainers(docker, groupedIds);
        log(`Creating ${sizes.small} containers…`);
        await createContainers(docker, TEST_IMAGE, plain(0, Math.max(0, sizes.small - existing)));
        log(`List with ${sizes.small} containers…`);
        const flat = await measureList(b, sizes.small, 0, true);
        compareGrouped(b, sizes.small, projects, grouped, flat);
      }
      const now = (await docker.listContainers({ all: true })).length;
      const sleepers = Math.min(sizes.running, Math.max(0, sizes.large - now));
      log(`Creating containers up to ${sizes.large} (${sleepers} of them running)…`);
      await createContainers(docker, TEST_IMAGE, plain(now, now + Math.max(0, sizes.large - now - sleepers)));
      // The running ones come a second later, so they sort first (newest on top) and their rows are on screen.
      await new Promise((r) => setTimeout(r, 1100));
      const running = await createContainers(
        docker,
        TEST_IMAGE,
        Array.from({ length: sleepers }, (_, i) => ({ name: `wharf-bench-${stamp}-run-${i}`, cmd: SLEEPER })),
      );
      await startContainers(docker, running);
      sleeping = running;
      const total = (await docker.listContainers({ all: true })).filter(
        (c) => c.Labels?.['io.wharf.helper'] === undefined,
      ).length;
      await openWharf(page, server, '/containers');
      await waitForTotal(page, total, 120_000);

      const steps: Array<[Section, string, () => Promise<void>]> = [
        [
          'list',
          `List with ${total} containers`,
          async () => {
            await measureList(b, total);
            await measureScroll(b, 'scroll');
          },
        ],
        ['startup', 'Startup', () => measureStartup(b)],
        ['events', 'Events', () => measureEvents(b)],
        ['idle', `Idle for ${sizes.idleSeconds} s`, () => measureIdle(b)],
        ['memory', 'Memory', () => measureMemory(b)],
        // Last, since the sections above are measured on the larger list.
        [
          'list',
          `List with ${sizes.huge} containers`,
          async () => {
            const shown = (await docker.listContainers({ all: true })).filter(
              (c) => c.Labels?.['io.wharf.helper'] === undefined,
            ).length;
            log(`Creating containers up to ${sizes.huge}…`);
            await createContainers(docker, TEST_IMAGE, plain(shown, Math.max(shown, sizes.huge)));
            const huge = shown + Math.max(0, sizes.huge - shown);
            await openWharf(page, server!, '/containers');
            await waitForTotal(page, huge, 300_000);
            await measureList(b, huge);
            await measureScroll(b, `scroll${huge}`);
          },
        ],
      ];
      for (const [section, title, run] of steps) {
        if (!sections.has(section)) continue;
        log(`${title}…`);
        try {
          await run();
        } catch (error) {
          rows.push({
            section: title,
            figure: 'could not finish',
            wharf: String((error as Error).message ?? error).slice(0, 80),
            engine: '',
            goal: '',
          });
          log(`${title} could not finish: ${(error as Error).stack ?? String(error)}`);
        }
      }
      await browser.close();
      browser = undefined;
      await server.stop();
      server = undefined;
    }

    for (const section of ['terminal', 'files'] as const) {
      if (!sections.has(section)) continue;
      log(`${section[0]!.toUpperCase()}${section.slice(1)} (scripts/bench/${section}.ts)…`);
      await runSibling(section, endpoint, rows, result, sizes);
    }

    if (sections.has('stats')) {
      log('Stats: the list watching 50 running containers beside docker stats (scripts/bench/stats.ts)…');
      try {
        // Its own 50 running containers, newest, so at the top of a list that may still hold the
        // list section's 5,000: the sleepers stop first (they trap TERM, so at once), or the CLI
        // would stream 250 and the comparison would not be the section's.
        await mapLimit(sleeping, 8, (id) =>
          docker
            .getContainer(id)
            .stop({ t: 1 })
            .catch(() => {}),
        );
        if (process.env.WHARF_BENCH_NO_BUILD === undefined && !(ui || sections.has('terminal'))) {
          execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
        }
        const stats = await measureStats({ endpoint, engineDir, seconds: quick ? 15 : 30 });
        result.stats = stats;
        statsRows(stats, rows);
      } catch (error) {
        rows.push({
          section: 'Stats',
          figure: 'could not finish',
          wharf: String((error as Error).message ?? error).slice(0, 80),
          engine: '',
          goal: '',
        });
      }
    }

    if (sections.has('compose')) {
      log('Compose up and down (scripts/bench/compose.ts)…');
      await composeRows(endpoint, rows, result);
    }

    if (sections.has('vm')) {
      log('Engine VM (scripts/bench/vm.ts)…');
      const vm = await measureVm(quick ? { idleWindowS: 20 } : {});
      result.vm = vm;
      if (vm.skipped !== undefined) {
        rows.push({ section: 'Engine VM', figure: 'skipped', wharf: vm.skipped.slice(0, 80), engine: '', goal: '' });
      } else {
        const s = (ms?: number) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
        rows.push({
          section: 'Engine VM',
          figure: `cold start → engine ready (${vm.accel ?? '?'})`,
          wharf: s(vm.coldStartMs),
          engine: '',
          goal: 'reported',
        });
        rows.push({
          section: 'Engine VM',
          figure: 'warm start → engine ready',
          wharf: s(vm.warmStartMs),
          engine: '',
          goal: 'reported',
        });
        rows.push({
          section: 'Engine VM',
          figure: `idle CPU over ${vm.idleWindowS} s, memory`,
          wharf: `${vm.idleCpuPercent?.toFixed(2) ?? '—'} % of a core, ${vm.memoryMiB ?? '—'} MiB`,
          engine: '',
          goal: 'quiet',
        });
      }
    }
  } catch (error) {
    console.error('The benchmark could not finish:', error instanceof Error ? error.stack : error);
    result.error = String(error);
  } finally {
    log('Cleaning up…');
    await stopAll();
    if (process.env.WHARF_BENCH_ENGINE) await removeBenchData(process.env.WHARF_BENCH_ENGINE).catch(() => {});
    removeBenchFolder(dir);
  }
  (result.machine as Record<string, unknown>).loadAtEnd = loadavg();
  result.table = rows;
  printTable(rows);
  const out = resolve('bench/results', `${(result.date as string).replaceAll(':', '-').slice(0, 19)}Z.json`);
  mkdirSync(resolve('bench/results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${out}`);
}

/** On an engine the benchmark did not start, takes away what it made. */
async function removeBenchData(endpoint: string): Promise<void> {
  const docker = dockerFor(endpoint);
  const filters = JSON.stringify({ label: [BENCH_LABEL] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
  const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
  await Promise.all(
    volumes.map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => {}),
    ),
  );
  const images = await docker.listImages({ filters: JSON.stringify({ reference: ['wharf-bench/*'] }) });
  for (const image of images)
    await docker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => {});
}

await main();
process.exit(0);

/**
 * Removes the benchmark's folder. An engine stopped with containers running
 * can leave their mounts behind (overlay roots, network namespaces): those are
 * let go first, and a folder that still cannot go is named, never allowed to
 * lose the figures.
 */
function removeBenchFolder(dir: string): void {
  for (const mount of mountsUnder(dir).sort((a, b) => b.length - a.length))
    spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    console.warn(`[bench] could not remove ${dir}: ${(error as Error).message}`);
  }
}
