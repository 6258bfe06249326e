import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { StatsSample } from '../../../../runtime/domains/stats/types';
import { top, totals } from './totals';

const container = (id: string, project?: string, state: ContainerSummary['state'] = 'running') =>
  ({
    id,
    name: id,
    state,
    labels: project ? { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' } : {},
  }) as ContainerSummary;

const sample = (id: string, cpu: number | null, mem: number, limited = false) =>
  ({
    id,
    cpuPercent: cpu,
    memUsage: mem,
    memLimit: limited ? 64 : 8000,
    memLimited: limited,
    onlineCpus: 2,
  }) as StatsSample;

describe('dashboard totals', () => {
  it('adds up running containers by project, leaving stopped ones out', () => {
    const list = [container('a', 'shop'), container('b', 'shop'), container('c'), container('d', 'shop', 'exited')];
    const latest = new Map([
      ['a', sample('a', 50, 100)],
      ['b', sample('b', 25, 200, true)],
      ['c', sample('c', null, 10)],
    ]);
    const t = totals(list, latest);
    expect(t.running).toBe(3);
    expect(t.cpu).toBe(75);
    expect(t.memory).toBe(310);
    expect(t.machineCpus).toBe(2);
    expect(t.machineMemory).toBe(8000);
    expect(t.byProject).toEqual([
      { key: 'shop', name: 'shop', cpu: 75, memory: 300, containers: 2 },
      { key: '', name: '', cpu: null, memory: 10, containers: 1 },
    ]);
    expect(top(t.byContainer, 'memory', 2).map((r) => r.key)).toEqual(['b', 'a']);
    expect(top(t.byContainer, 'cpu', 1).map((r) => r.key)).toEqual(['a']);
  });
});
