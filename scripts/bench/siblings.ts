// The terminal and files benchmarks live in their own scripts, which export
// their measurement; they run here against the same engine, and their
// results join this run's table.
import { ms } from './report';
import type { Row } from './report';
import type { Sizes } from './context';
import { benchTerminal, type TerminalBenchResult } from './terminal';
import { terminalRows } from './terminal-report';
import { measureFiles } from './files';

type Json = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
/** A figure from a result file as text (objects as JSON rather than "[object Object]"). */
const text = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

export async function runSibling(
  section: 'terminal' | 'files',
  endpoint: string,
  rows: Row[],
  result: Json,
  sizes: Sizes,
): Promise<void> {
  try {
    // Wharf was built (or deliberately not) by the runner already.
    const json = (section === 'terminal'
      ? await benchTerminal({ endpoint, build: false, bytes: sizes.terminalBytes })
      : await measureFiles(endpoint)) as unknown as Json;
    result[section] = json;
    if (section === 'terminal') rows.push(...terminalRows(json as unknown as TerminalBenchResult));
    else filesRows(json, rows);
  } catch (error) {
    rows.push({
      section: title(section),
      figure: 'could not finish',
      wharf: String((error as Error).message ?? error).slice(0, 80),
      engine: '',
      goal: '',
    });
  }
}

const title = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

function filesRows(r: Json, rows: Row[]): void {
  rows.push({
    section: 'Files',
    figure: `first page of a folder of ${text(r.files ?? '?')} files, cold (each a new helper) / warm: medians of 5`,
    wharf: `${ms(num(r.firstPageColdMs))} / ${ms(num(r.firstPageWarmMedianMs))}`,
    engine: `${ms(num(r.rawFindExecMedianMs))} find exec; cold is ${text(r.coldOverFind ?? '?')}×`,
    goal: `cold ≤ 2× find = ${ms(2 * num(r.rawFindExecMedianMs))}`,
    ...(Number.isFinite(num(r.firstPageColdMs))
      ? { met: num(r.firstPageColdMs) <= 2 * num(r.rawFindExecMedianMs) }
      : {}),
  });
  if (Number.isFinite(num(r.nextPageMedianMs))) {
    rows.push({
      section: 'Files',
      figure: 'a later page of the same folder (median)',
      wharf: ms(num(r.nextPageMedianMs)),
      engine: '',
      goal: '',
    });
  }
}
