// `docker top` answers as the engine sends them, turned into rows. Pure.
// Docker runs the host's ps with ps_args: PIDs are the host's. Podman takes
// ps descriptors and answers with both PID (inside) and HPID (on the host).
import type { ProcessRow } from './types';

export interface EngineTop {
  Titles?: string[] | null;
  Processes?: string[][] | null;
}

/** What Docker's top is asked for: host ps options. */
export const DOCKER_PS_ARGS = '-eo pid,ppid,user,pcpu,rss,args';
/** What Podman's top is asked for: its descriptors (pid is inside the container, hpid on the host). */
export const PODMAN_DESCRIPTORS = 'pid,hpid,ppid,user,pcpu,rss,args';

const num = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

/** Rows from a top answer, whichever columns it has (a title the engine left out leaves that field out). */
export function parseTop(top: EngineTop): ProcessRow[] {
  const titles = (top.Titles ?? []).map((t) => t.trim().toUpperCase());
  const at = (...names: string[]) => titles.findIndex((t) => names.includes(t));
  const pidAt = at('PID');
  const hpidAt = at('HPID');
  const ppidAt = at('PPID');
  const userAt = at('USER', 'UID');
  const cpuAt = at('%CPU', 'C');
  const rssAt = at('RSS');
  const cmdAt = at('COMMAND', 'CMD', 'ARGS');
  const rows: ProcessRow[] = [];
  for (const p of top.Processes ?? []) {
    const cell = (i: number): string | undefined => (i < 0 ? undefined : p[i]);
    const hostPid = num(cell(hpidAt >= 0 ? hpidAt : pidAt));
    if (hostPid === undefined) continue;
    const row: ProcessRow = { hostPid, user: cell(userAt) ?? '', command: cell(cmdAt) ?? '' };
    const inside = hpidAt >= 0 ? num(cell(pidAt)) : undefined;
    if (inside !== undefined) row.pid = inside;
    const ppid = num(cell(ppidAt));
    if (ppid !== undefined) row.ppid = ppid;
    const cpu = num(cell(cpuAt));
    if (cpu !== undefined) row.cpu = cpu;
    const rss = num(cell(rssAt));
    if (rss !== undefined) row.memoryKiB = rss;
    rows.push(row);
  }
  return rows;
}

/** `ps -o pid,args` run inside the container: PID and command of each process there. */
export function parseInsidePs(text: string): Array<{ pid: number; command: string }> {
  const out: Array<{ pid: number; command: string }> = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m) out.push({ pid: Number(m[1]), command: m[2]!.trim() });
  }
  return out;
}

/**
 * Gives each host row the PID inside whose command is the same. Only a
 * command that appears exactly once on each side is matched: two processes
 * running the same command cannot be told apart from outside, so they are
 * left without one rather than guessed. The ps run for the matching itself
 * (`ps -o pid,args`) is left out of the inside list.
 */
export function matchInside(
  rows: readonly ProcessRow[],
  inside: ReadonlyArray<{ pid: number; command: string }>,
): ProcessRow[] {
  const count = <T>(items: readonly T[], key: (t: T) => string) => {
    const m = new Map<string, number>();
    for (const item of items) m.set(key(item), (m.get(key(item)) ?? 0) + 1);
    return m;
  };
  const mine = inside.filter((p) => p.command !== INSIDE_PS.join(' '));
  const hostCounts = count(rows, (r) => r.command.trim());
  const insideCounts = count(mine, (p) => p.command);
  return rows.map((r) => {
    const key = r.command.trim();
    if (r.pid !== undefined || hostCounts.get(key) !== 1 || insideCounts.get(key) !== 1) return { ...r };
    const match = mine.find((p) => p.command === key)!;
    return { ...r, pid: match.pid };
  });
}

/** What is run inside the container to learn the PIDs there. */
export const INSIDE_PS = ['ps', '-o', 'pid,args'] as const;
