// Stats against the real engines: a busy loop shows about one core, a
// container filling memory shows it against its --memory limit and agrees
// with `docker stats --no-stream`, an OOM kill is reported, and the engine
// streams follow the set of watched containers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngine,
  dockerCli,
  TEST_IMAGE,
  type TestEngine,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { createStatsService, type StatsService } from './service';
import type { StatsEvent, StatsSample } from './types';

const MiB = 1024 * 1024;

function watch(stats: StatsService, ids: string[], options: { view?: 'list'; everyMs?: number } = {}) {
  const events: StatsEvent[] = [];
  /** When each event arrived (ms). */
  const arrivals: number[] = [];
  const stop = stats.subscriptions['stats.watch'](
    { ids, ...options },
    {
      emit: (e) => {
        events.push(e);
        arrivals.push(Date.now());
      },
      fail: (e) => {
        throw e;
      },
    },
  );
  const samples = (id: string): StatsSample[] =>
    events.flatMap((e) => (e.type === 'samples' ? e.samples.filter((s) => s.id === id) : []));
  async function until(what: string, pred: () => boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events.slice(-3))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { events, arrivals, samples, until, stop };
}

/** "40.12MiB / 64MiB" (docker stats' MEM USAGE / LIMIT) in bytes. */
function parseSize(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const unit =
    { B: 1, KiB: 1024, MiB: MiB, GiB: 1024 * MiB, kB: 1000, KB: 1000, MB: 1e6, GB: 1e9, TiB: 1024 ** 4 }[m[2]!] ?? NaN;
  return Number(m[1]) * unit;
}

describe.each(testEndpoints())('stats on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let stats: StatsService;
  const names: string[] = [];
  const image = kind === 'podman' ? `localhost/${TEST_IMAGE}` : TEST_IMAGE;
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  // Podman's compat API sends a reading every five seconds, Docker every second.
  const interval = kind === 'podman' ? 5000 : 1000;

  async function run(options: string[], script: string): Promise<string> {
    const name = uniqueName('wharf-stats');
    names.push(name);
    return (await cli('run', '-d', '--name', name, ...options, image, 'sh', '-c', script)).trim();
  }

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    stats = createStatsService(engine, { lingerMs: 300, batchMs: 100 });
  });

  afterAll(async () => {
    stats.dispose();
    if (names.length > 0) await cli('rm', '-f', ...names).catch(() => {});
    await engine.dispose();
  });

  it('a busy loop shows about one core, against its --cpus 1 limit; an idle container next to nothing', async () => {
    const busy = await run(['--cpus', '1'], 'while :; do :; done');
    const idle = await run([], 'sleep 600');
    const w = watch(stats, [busy, idle]);
    const cpuOf = (id: string) => w.samples(id).flatMap((s) => (s.cpuPercent === null ? [] : [s]));
    await w.until('four CPU readings of the busy loop', () => cpuOf(busy).length >= 4, 12 * interval + 10_000);
    await w.until('a CPU reading of the idle one', () => cpuOf(idle).length >= 2, 4 * interval + 10_000);
    // docker stats --no-stream reads the same counters over its own interval, now.
    const cliCpu = parseFloat(await cli('stats', '--no-stream', '--format', '{{.CPUPerc}}', busy));
    const ours = cpuOf(busy).at(-1)!.cpuPercent!;
    w.stop();
    await cli('rm', '-f', busy);
    const readings = cpuOf(busy).slice(1);
    // One core is 100 %. On an idle machine the loop takes a whole core (60-130 % with jitter); the
    // test machine is shared, so it may get much less (13 % was seen with two cores and ten busy
    // processes). It never gets more than its --cpus 1 limit: on Podman the CLI's formula said 193 %.
    const best = Math.max(...readings.map((s) => s.cpuPercent!));
    expect(best).toBeGreaterThanOrEqual(8);
    // A single reading may jitter past it when the two counters are read a moment apart on a busy machine.
    const sorted = readings.map((s) => s.cpuPercent!).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(130);
    // Against Podman the CLI's --no-stream CPU is meaningless: Podman answers stream=false with an
    // empty precpu_stats, so the CLI shows about 0 % for a busy loop (Wharf takes the interval from
    // the stream instead; the unit tests hold Podman's own figure against Wharf's).
    if (kind === 'docker') expect(Math.abs(ours - cliCpu)).toBeLessThan(30);
    else expect(cliCpu).toBeLessThan(5);
    const last = readings.at(-1)!;
    expect(last.cpuLimit).toBe(1);
    expect(last.cpuOfLimit).toBeCloseTo(last.cpuPercent!, 1);
    expect(last.cpuOfMachine).toBeCloseTo(last.cpuPercent! / last.onlineCpus, 1);
    expect(cpuOf(idle).at(-1)!.cpuPercent!).toBeLessThan(5);
    expect(cpuOf(idle).at(-1)!.cpuLimit).toBeNull();
  });

  it('memory filled into /dev/shm shows against the --memory limit, as docker stats shows it', async () => {
    const id = await run(['--memory', '64m'], 'head -c 40m /dev/zero > /dev/shm/fill; sleep 600');
    const w = watch(stats, [id]);
    const filled = () => (w.samples(id).at(-1)?.memUsage ?? 0) >= 40 * MiB;
    await w.until('40 MiB in use', filled, 4 * interval + 15_000);
    const cliLine = (await cli('stats', '--no-stream', '--format', '{{.MemUsage}}', id)).trim();
    const ours = w.samples(id).at(-1)!;
    w.stop();
    const [usage, limit] = cliLine.split('/').map(parseSize);
    expect(ours.memLimit).toBe(64 * MiB);
    expect(ours.memLimited).toBe(true);
    expect(limit).toBe(64 * MiB);
    expect(ours.memUsage).toBeLessThan(64 * MiB);
    // The same container, read a moment apart: within 2 MiB.
    expect(Math.abs(ours.memUsage - usage!)).toBeLessThan(2 * MiB);
    expect(ours.memPercent).toBeCloseTo((ours.memUsage / ours.memLimit) * 100, 1);
    expect(ours.pids).toBeGreaterThanOrEqual(1);
  });

  it('a container killed for using more than its memory limit is reported', async () => {
    const id = await run(
      ['--memory', '64m', '--memory-swap', '64m'],
      'sleep 2; x=$(head -c 200m /dev/zero | tr "\\0" a); echo $x',
    );
    const w = watch(stats, [id]);
    await w.until('the container to stop', () => w.events.some((e) => e.type === 'stopped' && e.id === id), 30_000);
    const exit = (await cli('inspect', '--format', '{{.State.ExitCode}}', id)).trim();
    expect(exit).toBe('137');
    const history = await stats.requests['stats.history']({ id });
    if (kind === 'docker') {
      // Docker sends an `oom` event and marks State.OOMKilled: one kill, told once.
      await w.until('the oom event', () => w.events.some((e) => e.type === 'oom' && e.id === id), 10_000);
      expect(w.events.filter((e) => e.type === 'oom' && e.id === id)).toHaveLength(1);
      expect((await stats.requests['stats.history']({ id })).ooms).toHaveLength(1);
    } else {
      // Podman 4.3 sends no oom event and leaves State.OOMKilled false: Wharf cannot tell it from a kill -9.
      expect(history.ooms).toHaveLength(0);
    }
    w.stop();
  });

  it('streams exactly the watched set: shared between watches, closed after the last leaves; history stays', async () => {
    const a = await run([], 'sleep 600');
    const b = await run([], 'sleep 600');
    const one = watch(stats, [a, b]);
    const two = watch(stats, [b]);
    await one.until(
      'a sample of each',
      () => one.samples(a).length > 0 && one.samples(b).length > 0,
      4 * interval + 10_000,
    );
    expect(
      stats
        .openStreams()
        .filter((id) => id === a || id === b)
        .sort(),
    ).toEqual([a, b].sort());
    one.stop();
    await new Promise((r) => setTimeout(r, 800));
    expect(stats.openStreams()).toContain(b);
    expect(stats.openStreams()).not.toContain(a);
    two.stop();
    await new Promise((r) => setTimeout(r, 800));
    expect(stats.openStreams()).not.toContain(b);
    const history = await stats.requests['stats.history']({ id: a });
    expect(history.samples.length).toBeGreaterThan(0);
    expect(history.samples.every((s) => s.id === a)).toBe(true);
  });

  it("the list's view carries only the numbers the list shows, one batch per everyMs", async () => {
    const id = await run(['--memory', '32m'], 'sleep 600');
    const other = await run([], 'sleep 600');
    const w = watch(stats, [id, other], { view: 'list', everyMs: 2000 });
    const list = () => w.events.flatMap((e) => (e.type === 'list' ? e.samples : []));
    await w.until('three readings of each', () => list().filter((s) => s.id === id).length >= 3, 6 * interval + 15_000);
    w.stop();
    expect(w.events.every((e) => e.type === 'list')).toBe(true);
    const mine = list().filter((s) => s.id === id);
    expect(Object.keys(mine[0]!).sort()).toEqual(['cpuPercent', 'id', 'memLimit', 'memLimited', 'memUsage', 't']);
    expect(mine.at(-1)!.memLimit).toBe(32 * MiB);
    expect(mine.at(-1)!.memLimited).toBe(true);
    expect(mine.at(-1)!.memUsage).toBeGreaterThan(0);
    expect(list().some((s) => s.id === other)).toBe(true);
    // Both containers' readings travel together: batches at least about two seconds apart.
    const gaps = w.arrivals.slice(1).map((t, i) => t - w.arrivals[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1900);
  });

  it('a one-shot snapshot reads memory without waiting for a CPU interval', async () => {
    const id = await run(['--memory', '32m'], 'sleep 600');
    const [sample] = await stats.requests['stats.snapshot']({ ids: [id], cpu: false });
    expect(sample!.id).toBe(id);
    expect(sample!.memLimit).toBe(32 * MiB);
    expect(sample!.memUsage).toBeGreaterThan(0);
  });
});
