// The containers list, grouped by compose project: the containers one
// project's compose tool created sit together under one group entry, where
// the project's newest container would be; the others stay where they were.
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { composeMembership, type ComposeMembership } from '../../../../runtime/domains/compose/labels';

export interface ComposeGroup {
  project: string;
  /** Its containers, by service then replica number. */
  containers: ContainerSummary[];
  running: number;
  total: number;
  /** The compose files its containers' labels name (on the machine that ran the compose tool). */
  configFiles: string[];
}

export type ListEntry =
  | { kind: 'group'; group: ComposeGroup }
  | { kind: 'container'; container: ContainerSummary; membership?: ComposeMembership | undefined };

/** Visible rows: a group's members follow it unless it is collapsed. */
export type ListRow =
  | { kind: 'group'; group: ComposeGroup; expanded: boolean }
  | { kind: 'container'; container: ContainerSummary; membership?: ComposeMembership | undefined; project?: string };

const byServiceThenNumber = (
  a: { c: ContainerSummary; m: ComposeMembership },
  b: { c: ContainerSummary; m: ComposeMembership },
) =>
  a.m.service.localeCompare(b.m.service) || (a.m.number ?? 0) - (b.m.number ?? 0) || a.c.name.localeCompare(b.c.name);

/** The groups of an earlier grouping, by project. */
export type GroupCache = ReadonlyMap<string, ComposeGroup>;

const sameMembers = (a: readonly ContainerSummary[], b: readonly ContainerSummary[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * Groups an already sorted list; a group takes the place of its first container.
 * A group of `previous` whose members are the very same objects is kept as it was,
 * so its row need not render again.
 */
export function groupByProject(sorted: readonly ContainerSummary[], previous?: GroupCache): ListEntry[] {
  const members = new Map<string, { c: ContainerSummary; m: ComposeMembership }[]>();
  const entries: (ListEntry | { kind: 'slot'; project: string })[] = [];
  for (const c of sorted) {
    const m = composeMembership(c.labels);
    if (!m) {
      entries.push({ kind: 'container', container: c });
      continue;
    }
    let list = members.get(m.project);
    if (!list) {
      list = [];
      members.set(m.project, list);
      entries.push({ kind: 'slot', project: m.project });
    }
    list.push({ c, m });
  }
  return entries.map((e) => {
    if (e.kind !== 'slot') return e;
    const list = [...members.get(e.project)!].sort(byServiceThenNumber);
    const containers = list.map((x) => x.c);
    const before = previous?.get(e.project);
    if (before && sameMembers(before.containers, containers)) return { kind: 'group', group: before };
    return {
      kind: 'group',
      group: {
        project: e.project,
        containers,
        running: containers.filter((c) => c.state === 'running').length,
        total: containers.length,
        configFiles: list[0]!.m.configFiles,
      },
    };
  });
}

/** The groups of a grouping, for the next one. */
export function groupsOf(entries: readonly ListEntry[]): GroupCache {
  return new Map(entries.flatMap((e) => (e.kind === 'group' ? [[e.group.project, e.group] as const] : [])));
}

/** The rows shown: groups, and the members of those not collapsed. */
export function visibleRows(entries: readonly ListEntry[], collapsed: Readonly<Record<string, boolean>>): ListRow[] {
  const rows: ListRow[] = [];
  for (const e of entries) {
    if (e.kind === 'container') {
      rows.push(e);
      continue;
    }
    const expanded = collapsed[e.group.project] !== true;
    rows.push({ kind: 'group', group: e.group, expanded });
    if (!expanded) continue;
    for (const c of e.group.containers) {
      rows.push({ kind: 'container', container: c, membership: composeMembership(c.labels), project: e.group.project });
    }
  }
  return rows;
}

/** A container matches the filter by its name, image or id, or by its compose project or service. */
export function matchesComposeFilter(c: ContainerSummary, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return false;
  const m = composeMembership(c.labels);
  return m !== undefined && (m.project.toLowerCase().includes(f) || m.service.toLowerCase().includes(f));
}
