// How the stats screens print numbers: memory in binary units as `docker
// stats` prints MEM USAGE (MiB), I/O in decimal units as it prints NET I/O
// and BLOCK I/O (kB, MB), CPU in percent of one core.
import { formatBytes } from '../../lib/format';

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 41.9MiB-style, as docker stats' MEM USAGE / LIMIT column. */
export function formatMemory(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${BINARY[unit]}`;
}

export const formatIo = formatBytes;

/** Bytes per second, decimal: 1.2 MB/s. */
export const formatRate = (bytesPerSecond: number) => `${formatBytes(Math.max(0, bytesPerSecond))}/s`;

/** 12.34 % (docker stats prints two decimals). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} %`;
}

/** Per-second rates between consecutive counters (network, block I/O); the first is null. */
export function rates(times: readonly number[], counters: readonly number[]): Array<number | null> {
  return counters.map((c, i) => {
    if (i === 0) return null;
    const dt = (times[i]! - times[i - 1]!) / 1000;
    const dv = c - counters[i - 1]!;
    // A restart resets the counters: no rate across it.
    return dt > 0 && dv >= 0 ? dv / dt : null;
  });
}
