// The terminal and files benchmarks live in their own scripts, which export
// their measurement; they run here against the same engine, and their
// results join this run's table.
import { ms } from './report';
import type { Row } from './report';
import type { Sizes } from './context';
import { benchTerminal } from './terminal';
import { measureFiles } from './files';

type Json = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
/** A figure from a result file as text (objects as JSON rather than "[object Object]"). */
const text = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Json)[k] : undefined), o);

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
    if (section === 'terminal') terminalRows(json, rows);
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

function terminalRows(r: Json, rows: Row[]): void {
  const mb = num(r.bytes) / 1e6;
  const ui = num(at(r, 'ui', 'throughputMBps'));
  const raw = num(at(r, 'engineApi', 'throughputMBps'));
  const idle = num(at(r, 'ui', 'echoIdle', 'p95Ms'));
  const idleRaw = num(at(r, 'engineApi', 'echoIdle', 'p95Ms'));
  const flood = num(at(r, 'ui', 'echoDuringFlood', 'p95Ms'));
  const floodRaw = num(at(r, 'engineApi', 'echoDuringFlood', 'p95Ms'));
  rows.push({
    section: 'Terminal',
    figure: `cat ${Number.isFinite(mb) ? Math.round(mb) : '?'} MB into xterm (${text(at(r, 'ui', 'renderer') ?? '?')})`,
    wharf: `${ui} MB/s`,
    engine: `${raw} MB/s`,
    goal: '≥ 20 MB/s',
    ...(Number.isFinite(ui) ? { met: ui >= 20 } : {}),
  });
  const cpu = (k: string) => text(at(r, 'ui', 'catCpuS', k) ?? '?');
  rows.push({
    section: 'Terminal',
    figure: 'CPU seconds during that cat',
    wharf: `page ${cpu('renderer')}, other Chromium ${cpu('chromiumOther')}, wharf serve ${cpu('runtime')}`,
    engine: `engine ${cpu('engine')}; cores ${cpu('machineBusyPercent')} % busy`,
    goal: 'reported',
  });
  rows.push({
    section: 'Terminal',
    figure: 'keystroke echo, idle: p95',
    wharf: ms(idle),
    engine: ms(idleRaw),
    goal: 'within 10 ms of raw',
    ...(Number.isFinite(idle) ? { met: idle - idleRaw <= 10 } : {}),
  });
  rows.push({
    section: 'Terminal',
    figure: 'keystroke echo during the flood: p95',
    wharf: ms(flood),
    engine: ms(floodRaw),
    goal: '< 50 ms',
    ...(Number.isFinite(flood) ? { met: flood < 50 } : {}),
  });
}

function filesRows(r: Json, rows: Row[]): void {
  rows.push({
    section: 'Files',
    figure: `first page of a folder of ${text(r.files ?? '?')} files, cold / warm`,
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
