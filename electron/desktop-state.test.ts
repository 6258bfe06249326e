import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../runtime/domains/containers/types';
import { applyChange } from './desktop-state';

const row = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: id,
  image: 'busybox',
  imageId: 'sha256:x',
  command: 'sh',
  state,
  status: '',
  created: 0,
  ports: [],
  labels: {},
  mounts: [],
});

describe("the tray's container list", () => {
  it('takes each upsert and removal from the change feed', () => {
    let list: ReadonlyMap<string, ContainerSummary> = new Map();
    list = applyChange(list, { kind: 'container.upsert', container: row('a') }).containers;
    list = applyChange(list, { kind: 'container.upsert', container: row('b') }).containers;
    list = applyChange(list, { kind: 'container.upsert', container: row('a', 'exited') }).containers;
    expect([...list.values()].map((c) => [c.id, c.state])).toEqual([
      ['a', 'exited'],
      ['b', 'running'],
    ]);
    list = applyChange(list, { kind: 'container.remove', id: 'b' }).containers;
    expect([...list.keys()]).toEqual(['a']);
  });

  it('reads the list again on a resync; ignores what is not about containers', () => {
    const list = new Map([['a', row('a')]]);
    expect(applyChange(list, { kind: 'resync' })).toEqual({ containers: list, relist: true });
    expect(applyChange(list, { kind: 'networks.changed' })).toEqual({ containers: list, relist: false });
    expect(applyChange(list, { kind: 'container.remove', id: 'gone' }).containers).toBe(list);
  });
});
