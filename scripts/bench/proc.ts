// What /proc says about processes: CPU time used, resident memory, and the
// Chromium processes under a browser (renderers, GPU, utility).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTicksFromStat, rssFromStatus } from '../../runtime/vm/usage';

let ticks: number | undefined;
/** Clock ticks per second (utime and stime are counted in them). */
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** /proc/<pid>/stat as text; '' when the process is gone. */
function statOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

/** User plus system CPU time of one process so far, in ms; 0 when it is gone. */
export function cpuMs(pid: number): number {
  const stat = statOf(pid);
  return stat === '' ? 0 : (cpuTicksFromStat(stat) * 1000) / clockTicks();
}

/** Resident memory of one process, in MB; 0 when it is gone. */
export function rssMB(pid: number): number {
  try {
    return Math.round(rssFromStatus(readFileSync(`/proc/${pid}/status`, 'utf8')) / 102.4) / 10;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  const stat = statOf(pid);
  // The command name may hold spaces: the fields after its closing parenthesis are space-separated.
  return stat === '' ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The process's command name (what `ps -o comm` shows); '' when it is gone. */
function commandName(pid: number): string {
  const stat = statOf(pid);
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}

/** Every process below `root`, with its Chromium --type (browser for the root). */
export function chromiumProcesses(root: number): Array<{ pid: number; type: string }> {
  const all = allPids();
  const below = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 10; p = parentOf(p), hops++) {
      if (p === root) return true;
    }
    return false;
  };
  return all
    .filter(below)
    .map((pid) => ({ pid, type: pid === root ? 'browser' : (/--type=(\S+)/.exec(cmdline(pid))?.[1] ?? 'other') }));
}

/** Processes whose command line contains `needle` (e.g. the engine's data folder). */
export function processesMatching(needle: string): number[] {
  return allPids().filter((pid) => pid !== process.pid && cmdline(pid).includes(needle));
}

/** Every container engine process on the machine, whoever started it: Docker's daemons and shims, Podman and conmon. */
export function engineProcesses(): number[] {
  return allPids().filter((pid) => /^(dockerd|containerd(-shim.*)?|podman|conmon)$/.test(commandName(pid)));
}

/** The machine's CPU ticks so far, all cores: busy (everything but idle and iowait) and idle. */
export function machineTicks(): { busy: number; idle: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: cpu.reduce((a, b) => a + b, 0) - idle, idle };
}

export interface MemoryMB {
  /** Resident: every page mapped in, the shared ones (Chromium's own code, fonts) counted whole. */
  rss: number;
  /** Proportional: shared pages divided among the processes sharing them. */
  pss: number;
  /** Unique: pages only this process holds (what closing it gives back). */
  uss: number;
}

/** RSS, PSS and USS of one process from /proc/<pid>/smaps_rollup, in MB; zeros when it is gone. */
export function memoryMB(pid: number): MemoryMB {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    const mb = (k: number) => Math.round(k / 102.4) / 10;
    return { rss: mb(kb('Rss')), pss: mb(kb('Pss')), uss: mb(kb('Private_Clean') + kb('Private_Dirty')) };
  } catch {
    return { rss: 0, pss: 0, uss: 0 };
  }
}
