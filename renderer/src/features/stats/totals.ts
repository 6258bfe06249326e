// The dashboard's sums: every running container's latest reading, added up
// by compose project, and the top consumers. Pure.
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { composeMembership } from '../../../../runtime/domains/compose/labels';
import type { StatsSample } from '../../../../runtime/domains/stats/types';

export interface UsageRow {
  key: string;
  name: string;
  /** CPU % as docker stats (100 = one core); null before the first interval. */
  cpu: number | null;
  memory: number;
  containers: number;
}

export interface Totals {
  running: number;
  cpu: number;
  memory: number;
  /** The engine machine's CPUs and memory, from the readings (the memory of a container without --memory limit). */
  machineCpus: number | undefined;
  machineMemory: number | undefined;
  byContainer: UsageRow[];
  /** Compose projects, then one row for containers in none (key ''). */
  byProject: UsageRow[];
}

const addCpu = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

export function totals(containers: readonly ContainerSummary[], latest: ReadonlyMap<string, StatsSample>): Totals {
  const running = containers.filter((c) => c.state === 'running');
  const byContainer: UsageRow[] = [];
  const projects = new Map<string, UsageRow>();
  let machineCpus: number | undefined;
  let machineMemory: number | undefined;
  for (const c of running) {
    const s = latest.get(c.id);
    const row: UsageRow = {
      key: c.id,
      name: c.name,
      cpu: s?.cpuPercent ?? null,
      memory: s?.memUsage ?? 0,
      containers: 1,
    };
    byContainer.push(row);
    if (s) {
      machineCpus = s.onlineCpus;
      if (!s.memLimited) machineMemory = s.memLimit;
    }
    const project = composeMembership(c.labels)?.project ?? '';
    const p = projects.get(project) ?? { key: project, name: project, cpu: null, memory: 0, containers: 0 };
    p.cpu = addCpu(p.cpu, row.cpu);
    p.memory += row.memory;
    p.containers += 1;
    projects.set(project, p);
  }
  const byProject = [...projects.values()].sort((a, b) =>
    a.key === '' ? 1 : b.key === '' ? -1 : a.name.localeCompare(b.name),
  );
  return {
    running: running.length,
    cpu: byContainer.reduce((sum, r) => sum + (r.cpu ?? 0), 0),
    memory: byContainer.reduce((sum, r) => sum + r.memory, 0),
    machineCpus,
    machineMemory,
    byContainer,
    byProject,
  };
}

export function top(rows: readonly UsageRow[], by: 'cpu' | 'memory', n = 5): UsageRow[] {
  return [...rows].sort((a, b) => (b[by] ?? 0) - (a[by] ?? 0)).slice(0, n);
}
