// What a lesson left on the engine, as the reset dialog lists it: by kind,
// each object by the name a learner knows it by. Pure.
import type { LessonLeftovers } from '../../../../runtime/domains/learn/types';
import { shortId } from '../../lib/format';

/** Each kind of object with the names shown for it; kinds with nothing are left out. */
export function leftoverGroups(l: LessonLeftovers): { kind: keyof LessonLeftovers; names: string[] }[] {
  const groups: { kind: keyof LessonLeftovers; names: string[] }[] = [
    { kind: 'containers', names: l.containers.map((c) => c.name) },
    { kind: 'images', names: l.images.map((i) => (i.tags.length > 0 ? i.tags.join(', ') : shortId(i.id))) },
    { kind: 'volumes', names: l.volumes },
    { kind: 'networks', names: l.networks },
    { kind: 'pods', names: l.pods },
  ];
  return groups.filter((g) => g.names.length > 0);
}
