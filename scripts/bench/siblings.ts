// The terminal and files benchmarks live in their own scripts; they run here
// as child processes against the same engine, and their results (the JSON
// each writes under bench/results/) join this run's table.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ms } from './report';
import type { Row } from './report';

type Json = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Json)[k] : undefined), o);

function run(script: string, endpoint: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: 'inherit',
      env: { ...process.env, WHARF_BENCH_ENGINE: endpoint },
    });
    child.on('exit', (code) => done(code ?? 1));
    child.on('error', () => done(127));
  });
}

export async function runSibling(section: 'terminal' | 'files', endpoint: string, rows: Row[], result: Json): Promise<void> {
  const script = resolve('scripts/bench', `${section}.ts`);
  const output = resolve('bench/results', `${section}.json`);
  const started = Date.now();
  const code = await run(script, endpoint);
  if (!existsSync(output) || statSync(output).mtimeMs < started) {
    rows.push({ section: title(section), figure: `scripts/bench/${section}.ts wrote no result (exit ${code})`, wharf: '—', engine: '—', goal: '' });
    return;
  }
  const json = JSON.parse(readFileSync(output, 'utf8')) as Json;
  result[section] = json;
  if (section === 'terminal') terminalRows(json, rows);
  else filesRows(json, rows);
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
    figure: `cat ${Number.isFinite(mb) ? Math.round(mb) : '?'} MB into xterm (${String(at(r, 'ui', 'renderer') ?? '?')})`,
    wharf: `${ui} MB/s`,
    engine: `${raw} MB/s`,
    goal: '≥ 20 MB/s',
    ...(Number.isFinite(ui) ? { met: ui >= 20 } : {}),
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
    figure: `first page of a folder of ${String(r.files ?? '?')} files, cold / warm`,
    wharf: `${ms(num(r.firstPageColdMs))} / ${ms(num(r.firstPageWarmMedianMs))}`,
    engine: `${ms(num(r.rawFindExecMedianMs))} find exec`,
    goal: 'cold < 1 s',
    ...(Number.isFinite(num(r.firstPageColdMs)) ? { met: num(r.firstPageColdMs) < 1000 } : {}),
  });
  if (Number.isFinite(num(r.nextPageMedianMs))) {
    rows.push({ section: 'Files', figure: 'a later page of the same folder (median)', wharf: ms(num(r.nextPageMedianMs)), engine: '', goal: '' });
  }
}
