// What /proc says about processes: CPU time used, resident memory, and the
// Chromium processes under a browser (renderers, GPU, utility).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticks: number | undefined;
/** Clock ticks per second (utime and stime are counted in them). */
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** User plus system CPU time of one process so far, in ms; 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / clockTicks();
  } catch {
    return 0;
  }
}

/** Resident memory of one process, in MB; 0 when it is gone. */
export function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
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
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  } catch {
    return '';
  }
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
