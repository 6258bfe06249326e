import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../runtime/domains/containers/types';
import { applyChanges } from './apply-changes';
import { containerKeys } from '../features/containers/queries';
import { imageKeys } from '../features/images/queries';
import { volumeKeys } from '../features/volumes/queries';

const container = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  status: state,
  created: 1,
  ports: [],
  labels: {},
  mounts: [],
});

describe('applyChanges', () => {
  it('replaces, inserts and removes single container rows', () => {
    const qc = new QueryClient();
    qc.setQueryData(containerKeys.list(), [container('a'), container('b')]);
    applyChanges(qc, [
      { kind: 'container.upsert', container: container('a', 'exited') },
      { kind: 'container.upsert', container: container('c') },
      { kind: 'container.remove', id: 'b' },
    ]);
    const rows = qc.getQueryData<ContainerSummary[]>(containerKeys.list());
    expect(rows?.map((c) => [c.id, c.state])).toEqual([
      ['a', 'exited'],
      ['c', 'running'],
    ]);
  });

  it('applies a burst in the order it came, keeping unchanged rows as they were', () => {
    const qc = new QueryClient();
    const rows = Array.from({ length: 1000 }, (_, i) => container(`c${i}`));
    qc.setQueryData(containerKeys.list(), rows);
    applyChanges(qc, [
      { kind: 'container.upsert', container: container('new') },
      { kind: 'container.remove', id: 'new' },
      { kind: 'container.upsert', container: container('c5', 'exited') },
      { kind: 'container.upsert', container: container('c5', 'running') },
      { kind: 'container.remove', id: 'c7' },
    ]);
    const next = qc.getQueryData<ContainerSummary[]>(containerKeys.list())!;
    expect(next).toHaveLength(999);
    expect(next.find((c) => c.id === 'new')).toBeUndefined();
    expect(next.find((c) => c.id === 'c7')).toBeUndefined();
    expect(next[5]).toEqual(container('c5', 'running'));
    expect(next[4]).toBe(rows[4]);
  });

  it('leaves a list alone that was never loaded', () => {
    const qc = new QueryClient();
    applyChanges(qc, [{ kind: 'container.upsert', container: container('a') }]);
    expect(qc.getQueryData(containerKeys.list())).toBeUndefined();
  });

  it('replaces images and upserts volumes', () => {
    const qc = new QueryClient();
    qc.setQueryData(volumeKeys.list(), [{ name: 'v1', driver: 'local', mountpoint: '/a', labels: {}, scope: 'local' }]);
    applyChanges(qc, [
      { kind: 'images.replace', images: [] },
      { kind: 'volume.upsert', volume: { name: 'v2', driver: 'local', mountpoint: '/b', labels: {}, scope: 'local' } },
      { kind: 'volume.remove', name: 'v1' },
    ]);
    expect(qc.getQueryData(imageKeys.list())).toEqual([]);
    expect(qc.getQueryData<{ name: string }[]>(volumeKeys.list())?.map((v) => v.name)).toEqual(['v2']);
  });

  it('marks every list stale on resync', () => {
    const qc = new QueryClient();
    qc.setQueryData(containerKeys.list(), [container('a')]);
    applyChanges(qc, [{ kind: 'resync' }]);
    expect(qc.getQueryState(containerKeys.list())?.isInvalidated).toBe(true);
  });
});
