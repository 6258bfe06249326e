// Which containers (running or not) mount each volume, by volume name.
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { VolumeUser } from '../../../../runtime/domains/volumes/types';

export function volumeUsers(containers: readonly ContainerSummary[] | undefined): Map<string, VolumeUser[]> {
  const map = new Map<string, VolumeUser[]>();
  for (const c of containers ?? []) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || !m.name) continue;
      const users = map.get(m.name) ?? [];
      users.push({ id: c.id, name: c.name, state: c.state, destination: m.destination, readOnly: m.readOnly });
      map.set(m.name, users);
    }
  }
  return map;
}
