// What each action means for a container in a given state, and how a row
// presents its ports.
import type {
  ContainerAction,
  ContainerState,
  ContainerSummary,
  PortSummary,
} from '../../../../runtime/domains/containers/types';

export function canRun(action: ContainerAction, state: ContainerState): boolean {
  switch (action) {
    case 'start':
      return state === 'created' || state === 'exited' || state === 'dead';
    case 'stop':
      return state === 'running' || state === 'paused' || state === 'restarting';
    case 'restart':
      return state === 'running';
    case 'pause':
      return state === 'running';
    case 'unpause':
      return state === 'paused';
    case 'remove':
      return state !== 'removing';
    default:
      return false;
  }
}

export function matchesFilter(c: ContainerSummary, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return c.name.toLowerCase().includes(f) || c.image.toLowerCase().includes(f) || c.id.startsWith(f);
}

/** One line per published or exposed port; IPv4 and IPv6 twins shown once. */
export function formatPorts(ports: readonly PortSummary[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  const sorted = [...ports].sort((a, b) => Number(a.ip?.includes(':') ?? false) - Number(b.ip?.includes(':') ?? false));
  for (const p of sorted) {
    const key = `${p.publicPort ?? ''}/${p.privatePort}/${p.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const target = `${p.privatePort}/${p.type}`;
    if (p.publicPort === undefined) lines.push(target);
    else {
      const ip = p.ip && p.ip.includes(':') ? `[${p.ip}]` : (p.ip ?? '0.0.0.0');
      lines.push(`${ip}:${p.publicPort} → ${target}`);
    }
  }
  return lines;
}
