// The VM process's CPU and memory on the host: /proc on Linux, ps elsewhere.
import { readFileSync } from 'node:fs';
import { run } from './support';

export interface ProcessSample {
  cpuPercent: number;
  memoryMiB: number;
}

/** Returns a sampler: each call gives CPU since the previous call, in percent of one core. */
export function processUsage(
  pid: number,
  platform: NodeJS.Platform = process.platform,
): () => Promise<ProcessSample | undefined> {
  if (platform === 'linux') {
    const ticks = 100; // USER_HZ on every Linux Wharf runs on
    let last: { cpu: number; at: number } | undefined;
    return async () => {
      try {
        const cpu = cpuTicksFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
        const rssKiB = rssFromStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
        const now = Date.now();
        const percent = last ? (((cpu - last.cpu) / ticks) * 1000 * 100) / Math.max(1, now - last.at) : 0;
        last = { cpu, at: now };
        return { cpuPercent: Math.round(percent * 10) / 10, memoryMiB: Math.round(rssKiB / 1024) };
      } catch {
        return undefined;
      }
    };
  }
  if (platform === 'win32') return () => Promise.resolve(undefined);
  return async () => {
    const r = await run('ps', ['-o', '%cpu=,rss=', '-p', String(pid)], 5000);
    const [cpu, rss] = r.stdout.trim().split(/\s+/).map(Number);
    if (r.code !== 0 || cpu === undefined || rss === undefined || !Number.isFinite(cpu)) return undefined;
    return { cpuPercent: cpu, memoryMiB: Math.round(rss / 1024) };
  };
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
export function cpuTicksFromStat(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

export function rssFromStatus(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}
