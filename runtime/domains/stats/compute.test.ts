import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockBytes, cpuPercent, limitsOf, memoryUsage, type RawStats, toSample } from './compute';

const fixture = <T = RawStats>(name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as T;

const limits64 = { cpus: 1, memory: 64 * 1024 * 1024 };

describe('the docker stats formulas on real engine messages', () => {
  it('Docker on cgroup v1: CPU from precpu, memory without total_inactive_file', () => {
    const raw = fixture('docker-cgroup1.json');
    const s = toSample('abc', raw, undefined, limits64, 0);
    // (1508902472 − 1023860949) / (21736680000000 − 21734680000000) × 2 × 100
    expect(s.cpuPercent).toBeCloseTo(48.5, 1);
    expect(s.cpuOfMachine).toBeCloseTo(24.25, 1);
    expect(s.cpuOfLimit).toBeCloseTo(48.5, 1);
    expect(s.onlineCpus).toBe(2);
    expect(s.memUsage).toBe(327680); // total_inactive_file is 0
    expect(s.memLimit).toBe(67108864);
    expect(s.memPercent).toBeCloseTo(0.49, 2);
    expect(s.memLimited).toBe(true);
    expect(s.netRx).toBe(516);
    expect(s.pids).toBe(1);
    expect(s.t).toBe(Date.parse('2026-12-07T03:34:45.304807316Z'));
  });

  it('Docker on cgroup v2: inactive_file is left out, block I/O ops are lower case, networks summed', () => {
    const raw = fixture('docker-cgroup2.json');
    const s = toSample('abc', raw, undefined, { cpus: null, memory: 64 * 1024 * 1024 }, 0);
    // (60914238000 − 59911897000) / (1563772120000000 − 1563768110000000) × 4 × 100
    expect(s.cpuPercent).toBeCloseTo(99.99, 1);
    expect(s.cpuOfMachine).toBeCloseTo(25, 1);
    expect(s.cpuOfLimit).toBeNull();
    expect(s.memUsage).toBe(58347520 - 6844416);
    expect(s.blockRead).toBe(12918784);
    expect(s.blockWrite).toBe(4194304);
    expect(s.netRx).toBe(1286);
    expect(s.netTx).toBe(300);
    expect(s.pids).toBe(3);
  });

  it('Podman one-shot: no previous reading, so no CPU figure; usage taken as is', () => {
    const raw = fixture('podman-oneshot.json');
    const s = toSample('abc', raw, undefined, limits64, 0);
    expect(s.cpuPercent).toBeNull();
    expect(s.cpuOfMachine).toBeNull();
    expect(s.memUsage).toBe(253952);
    expect(s.memLimit).toBe(67108864);
    expect(s.netRx).toBe(516);
  });

  it('Podman stream: its own precpu gives the interval', () => {
    const [, second] = fixture<RawStats[]>('podman-stream.json');
    const s = toSample('abc', second!, undefined, limits64, 0);
    const cpu = second!.cpu_stats!;
    const pre = second!.precpu_stats!;
    const expected =
      ((cpu.cpu_usage!.total_usage! - pre.cpu_usage!.total_usage!) / (cpu.system_cpu_usage! - pre.system_cpu_usage!)) *
      2 *
      100;
    expect(s.cpuPercent).toBeCloseTo(expected, 1);
    // Podman computes the figure itself too (cpu_stats.cpu): the same.
    expect(s.cpuPercent).toBeCloseTo((cpu as { cpu: number }).cpu, 0);
    expect(s.cpuPercent).toBeGreaterThan(0);
  });

  it("Podman stream's first message: its precpu, read milliseconds before, is too short an interval to count", () => {
    const [first] = fixture<RawStats[]>('podman-stream.json');
    // Read 2 ms apart: /proc/stat's 10 ms ticks make such an interval worthless.
    expect(Date.parse(first!.read!) - Date.parse(first!.preread!)).toBeLessThan(10);
    expect(toSample('abc', first!, undefined, limits64, 0).cpuPercent).toBeNull();
    // A busy loop over 9.6 ms while the machine's counter moved one tick (10 ms over two CPUs) would read
    // 193 % of one core: no figure is shown instead.
    const cpu = { cpu_usage: { total_usage: 1_000_000_000 + 9_650_000 }, system_cpu_usage: 5e12 + 1e7, online_cpus: 2 };
    const pre = { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 5e12, online_cpus: 2 };
    expect(cpuPercent(cpu, pre)).toBeNull();
    // Over a second the same counters give the real figure.
    const second = { ...cpu, cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 5e12 + 2e9 };
    expect(cpuPercent(second, pre)).toBeCloseTo(100, 5);
  });

  it('without precpu, the previous message on the stream gives the interval', () => {
    const [first, second] = fixture<RawStats[]>('podman-stream.json');
    const withoutPre = { ...second!, precpu_stats: { cpu_usage: { total_usage: 0 } } };
    const s = toSample('abc', withoutPre, first, limits64, 0);
    const wallNs = (Date.parse(second!.read!) - Date.parse(first!.read!)) * 1e6;
    const expected =
      ((second!.cpu_stats!.cpu_usage!.total_usage! - first!.cpu_stats!.cpu_usage!.total_usage!) / wallNs) * 100;
    expect(s.cpuPercent).toBeCloseTo(expected, 1);
  });

  it("Podman on an idle machine: a busy loop is one core, though Podman's system usage counts only what cgroups used", () => {
    // Podman sums the usage of every cgroup as system_cpu_usage (cgroup v2): with only the loop busy, it grows
    // by about what the loop used, and the CLI's formula would say 200 % on two CPUs.
    const pre = { cpu_usage: { total_usage: 10e9 }, system_cpu_usage: 50e9, online_cpus: 2 };
    const cpu = { cpu_usage: { total_usage: 15e9 }, system_cpu_usage: 55.1e9, online_cpus: 2, cpu: 100 };
    const raw: RawStats = {
      read: '2026-12-07T06:00:05.000000000Z',
      preread: '2026-12-07T06:00:00.000000000Z',
      cpu_stats: cpu,
      precpu_stats: pre,
    };
    expect(cpuPercent(cpu, pre)).toBeGreaterThan(180);
    const s = toSample('abc', raw, undefined, { cpus: 1, memory: null }, 0);
    expect(s.cpuPercent).toBeCloseTo(100, 5);
    expect(s.cpuOfLimit).toBeCloseTo(100, 5);
    expect(s.cpuOfMachine).toBeCloseTo(50, 5);
  });
});

describe('each formula', () => {
  it('CPU is 0, not negative, when the counters went back (a restart)', () => {
    expect(
      cpuPercent(
        { cpu_usage: { total_usage: 5 }, system_cpu_usage: 100 + 2e9, online_cpus: 2 },
        { cpu_usage: { total_usage: 10 }, system_cpu_usage: 100 },
      ),
    ).toBe(0);
  });

  it('CPU counts the per-CPU list when online_cpus is missing', () => {
    expect(
      cpuPercent(
        { cpu_usage: { total_usage: 50 + 4e9, percpu_usage: [1, 1, 1, 1] }, system_cpu_usage: 100 + 4e9 },
        { cpu_usage: { total_usage: 50 }, system_cpu_usage: 100 },
      ),
    ).toBe(400);
  });

  it('memory: cgroup v1 total_inactive_file first, then v2 inactive_file, never below zero', () => {
    expect(memoryUsage({ usage: 100, stats: { total_inactive_file: 1, inactive_file: 50 } })).toBe(99);
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 2 } })).toBe(98);
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 200 } })).toBe(100);
    expect(memoryUsage({ usage: 100 })).toBe(100);
  });

  it('block I/O reads Read/Write and read/write and leaves Sync, Async and Total out', () => {
    const entries = ['Read', 'Write', 'Sync', 'Async', 'Total', 'read', 'write', 'discard'].map((op) => ({
      op,
      value: 10,
    }));
    expect(blockBytes({ io_service_bytes_recursive: entries })).toEqual({ read: 20, write: 20 });
    expect(blockBytes({ io_service_bytes_recursive: null })).toEqual({ read: 0, write: 0 });
  });

  it('limits: --cpus (NanoCpus), else quota over period; --memory', () => {
    expect(limitsOf({ NanoCpus: 1_500_000_000, Memory: 67108864 })).toEqual({ cpus: 1.5, memory: 67108864 });
    expect(limitsOf({ CpuQuota: 50_000, CpuPeriod: 100_000 })).toEqual({ cpus: 0.5, memory: null });
    expect(limitsOf({ CpuQuota: 200_000, CpuPeriod: 0 })).toEqual({ cpus: 2, memory: null });
    expect(limitsOf({ NanoCpus: 0, CpuQuota: -1, Memory: 0 })).toEqual({ cpus: null, memory: null });
  });

  it('a never-read time falls back to now', () => {
    const s = toSample('x', { read: '0001-01-01T00:00:00Z' }, undefined, { cpus: null, memory: null }, 2, 1234);
    expect(s.t).toBe(1234);
    expect(s.oomKills).toBe(2);
    expect(s.memPercent).toBe(0);
  });
});
