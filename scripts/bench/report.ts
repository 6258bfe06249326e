// Figures: percentiles, and the one table the benchmark prints.

export interface Spread {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

export const round = (n: number, places = 1): number => {
  const f = 10 ** places;
  return Math.round(n * f) / f;
};

export function spread(samples: readonly number[]): Spread {
  const sorted = samples.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), samples: sorted.length };
}

export const median = (samples: readonly number[]): number => spread(samples).medianMs;

/** One line of the table: a figure of Wharf beside the engine's own cost, and the goal. */
export interface Row {
  section: string;
  figure: string;
  wharf: string;
  engine: string;
  goal: string;
  /** true: met, false: missed, undefined: reported only. */
  met?: boolean;
}

export function printTable(rows: readonly Row[]): void {
  const header = ['section', 'figure', 'Wharf', 'engine alone', 'goal', ''];
  const cells = rows.map((r) => [
    r.section,
    r.figure,
    r.wharf,
    r.engine,
    r.goal,
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const all = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join(' │ ')
      .trimEnd();
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  let section = '';
  for (const row of cells) {
    const shown = row[0] === section ? ['', ...row.slice(1)] : row;
    section = row[0]!;
    console.log(line(shown));
  }
}

export const ms = (n: number): string => (Number.isFinite(n) ? `${round(n, n < 10 ? 1 : 0)} ms` : '—');
