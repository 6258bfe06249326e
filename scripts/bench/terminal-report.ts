// The terminal benchmark's goals and its own table. The goals, each against
// a limit measured in the same run:
// - `cat` reaches at least 80 % of the same xterm screen in a bare page;
// - keystroke echo p95 within 10 ms of the engine's own, idle and during a flood.
import type { Row } from './report';
import type { TerminalBenchResult } from './terminal';

/** The share of the bare page's speed the app's `cat` should reach. */
export const CAT_GOAL_FRACTION = 0.8;
/** How far above the engine's own echo p95 the app's may be, in ms. */
export const ECHO_GOAL_MS = 10;

type Figures = Pick<TerminalBenchResult, 'bytes' | 'ui' | 'engineApi'> & Partial<Pick<TerminalBenchResult, 'bare'>>;

const pct = (n: number) => `${Math.round(n * 100)} %`;

/** Wharf's `cat` as a share of the bare page's (NaN without one). */
export function catFraction(r: Figures): number {
  const bare = r.bare?.throughputMBps;
  return bare && bare > 0 ? r.ui.throughputMBps / bare : NaN;
}

/** The terminal's rows of the benchmark table. */
export function terminalRows(r: Figures): Row[] {
  const fraction = catFraction(r);
  const cpu = r.ui.catCpuS;
  const echo = (which: 'echoIdle' | 'echoDuringFlood', label: string): Row => {
    const ui = r.ui[which].p95Ms;
    const raw = r.engineApi[which].p95Ms;
    return {
      section: 'Terminal',
      figure: `keystroke echo ${label}: p95 (median)`,
      wharf: `${ui} ms (${r.ui[which].medianMs} ms)`,
      engine: `${raw} ms (${r.engineApi[which].medianMs} ms) engine API`,
      goal: `≤ engine + ${ECHO_GOAL_MS} ms = ${Math.round((raw + ECHO_GOAL_MS) * 10) / 10} ms`,
      ...(Number.isFinite(ui) && Number.isFinite(raw) ? { met: ui <= raw + ECHO_GOAL_MS } : {}),
    };
  };
  return [
    {
      section: 'Terminal',
      figure: `cat ${Math.round(r.bytes / 1e6)} MB into xterm (${r.ui.renderer ?? '?'})`,
      wharf: `${r.ui.throughputMBps} MB/s${Number.isFinite(fraction) ? ` = ${pct(fraction)} of bare xterm` : ''}`,
      engine: r.bare
        ? `bare xterm ${r.bare.throughputMBps} MB/s (runs ${r.bare.runsMBps.join(', ')}); engine API ${r.engineApi.throughputMBps} MB/s`
        : `engine API ${r.engineApi.throughputMBps} MB/s`,
      goal: `≥ ${pct(CAT_GOAL_FRACTION)} of bare xterm`,
      ...(Number.isFinite(fraction) ? { met: fraction >= CAT_GOAL_FRACTION } : {}),
    },
    {
      section: 'Terminal',
      figure: 'CPU seconds during that cat',
      wharf: `page ${cpu.renderer}, other Chromium ${cpu.chromiumOther}, wharf serve ${cpu.runtime}`,
      engine: `engine ${cpu.engine}; cores ${cpu.machineBusyPercent} % busy`,
      goal: 'reported',
    },
    echo('echoIdle', 'idle'),
    echo('echoDuringFlood', 'during a flood in another terminal'),
  ];
}

/** Prints the terminal's rows alone (the script run directly). */
export function printTerminalTable(r: Figures): void {
  const rows = terminalRows(r).map((row) => [
    row.figure,
    row.wharf,
    row.engine,
    row.goal + (row.met === undefined ? '' : row.met ? ': met' : ': missed'),
  ]);
  rows.unshift(['', 'Wharf', 'limit (same run)', 'goal']);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  │  '));
}
