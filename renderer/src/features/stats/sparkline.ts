// The list's sparklines: the line a cell draws, and what a cell shows as one
// string, so a reading that changes nothing on screen re-renders nothing.
import type { ListSample } from '../../../../runtime/domains/stats/types';
import { formatMemory, formatPercent } from './format';

export const W = 48;
export const H = 16;

/**
 * The corners of the line through the values, scaled to `max` (or the
 * largest value), to a tenth of a pixel: the inner points of a level run
 * are left out, so a flat line is the same two points however many
 * readings it has.
 */
export function linePoints(values: ReadonlyArray<number | null>, max: number): Array<[number, number]> {
  const nums = values.map((v) => v ?? 0);
  if (nums.length < 2) return [];
  const top = Math.max(max, ...nums) || 1;
  const step = W / (nums.length - 1);
  const tenth = (n: number) => Math.round(n * 10) / 10;
  const ys = nums.map((v) => tenth(H - 1 - (v / top) * (H - 2)));
  const points: Array<[number, number]> = [];
  ys.forEach((y, i) => {
    const level = i > 0 && i < ys.length - 1 && ys[i - 1] === y && ys[i + 1] === y;
    if (!level) points.push([tenth(i * step), y]);
  });
  return points;
}

/**
 * Everything the CPU and memory cells of a row show for these samples (the
 * numbers as written, the limit, both lines): two readings that give the same
 * string look the same on screen.
 */
export function cellsView(samples: readonly ListSample[]): string {
  const last = samples.at(-1);
  if (!last) return '';
  const cpu = linePoints(
    samples.map((s) => s.cpuPercent),
    100,
  );
  const mem = linePoints(
    samples.map((s) => s.memUsage),
    last.memLimited ? last.memLimit : 0,
  );
  return [
    formatPercent(last.cpuPercent),
    formatMemory(last.memUsage),
    last.memLimited ? formatMemory(last.memLimit) : '',
    cpu.join(' '),
    mem.join(' '),
  ].join('|');
}
