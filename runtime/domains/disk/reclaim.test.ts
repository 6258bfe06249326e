import { describe, expect, it } from 'vitest';
import { buildCacheTotals, containersReclaimable, imagesReclaimable, toDiskUsage, volumesReclaimable } from './reclaim';

describe('the docker CLI reclaimable formulas', () => {
  it('images: the total minus the unique bytes of images a container uses', () => {
    const images = [
      { size: 100, sharedSize: 60, containers: 2 },
      { size: 80, sharedSize: 60, containers: 0 },
      { size: 30, sharedSize: 0, containers: 0 },
    ];
    // On disk: 60 shared + 40 + 20 + 30 = 150; the used image holds 40 of its own.
    expect(imagesReclaimable(150, images)).toBe(110);
    expect(
      imagesReclaimable(
        150,
        images.map((i) => ({ ...i, containers: 0 })),
      ),
    ).toBe(150);
  });

  it('images: an image whose shared size is unknown is left out, as the CLI does', () => {
    expect(imagesReclaimable(100, [{ size: 100, sharedSize: null, containers: 1 }])).toBe(100);
  });

  it('containers: the writable layers of those not running, paused or restarting', () => {
    expect(
      containersReclaimable([
        { sizeRw: 5, active: true },
        { sizeRw: 7, active: false },
        { sizeRw: 11, active: false },
      ]),
    ).toBe(18);
  });

  it('volumes: sizes of volumes with no reference; unknown sizes count nothing', () => {
    expect(
      volumesReclaimable([
        { size: 10, refCount: 0 },
        { size: 20, refCount: 1 },
        { size: null, refCount: 0 },
      ]),
    ).toBe(10);
  });

  it('build cache: shared records are not counted, in-use ones are not reclaimable', () => {
    expect(
      buildCacheTotals([
        { size: 10, inUse: false, shared: false },
        { size: 20, inUse: true, shared: false },
        { size: 40, inUse: false, shared: true },
        { size: 80, inUse: true, shared: true },
      ]),
    ).toEqual({ size: 30, reclaimable: 10 });
  });
});

describe('toDiskUsage', () => {
  it('reads a Docker answer: totals, active counts, biggest first, dangling images', () => {
    const usage = toDiskUsage(
      {
        LayersSize: 300,
        Images: [
          { Id: 'sha256:a', RepoTags: ['app:1'], Size: 100, SharedSize: 50, Containers: 1 },
          { Id: 'sha256:b', RepoTags: [], Size: 250, SharedSize: 50, Containers: 0 },
        ],
        Containers: [
          { Id: 'c1', Names: ['/web'], Image: 'app:1', State: 'running', SizeRw: 3 },
          { Id: 'c2', Names: ['/old'], Image: 'app:1', State: 'exited', SizeRw: 9 },
        ],
        Volumes: [
          { Name: 'data', UsageData: { Size: 40, RefCount: 1 } },
          { Name: 'spare', UsageData: { Size: 60, RefCount: 0 } },
          { Name: 'nfs', UsageData: { Size: -1, RefCount: 0 } },
        ],
        BuildCache: null,
      },
      'docker',
      'docker system df -v',
    );
    expect(usage.images).toMatchObject({ count: 2, active: 1, size: 300, reclaimable: 250, sizeExact: true });
    expect(usage.images.items.map((i) => [i.id, i.uniqueSize, i.dangling])).toEqual([
      ['sha256:b', 200, true],
      ['sha256:a', 50, false],
    ]);
    expect(usage.containers).toMatchObject({ count: 2, active: 1, size: 12, reclaimable: 9 });
    expect(usage.containers.items[0]).toMatchObject({ name: 'old', active: false });
    expect(usage.volumes).toMatchObject({ count: 3, active: 1, size: 100, reclaimable: 60, unknownSizes: 1 });
    expect(usage.volumes.items.map((v) => v.name)).toEqual(['spare', 'data', 'nfs']);
    expect(usage.buildCache).toMatchObject({ count: 0, size: 0, supported: true });
  });

  it('reads a Podman answer: one image per id, real tags, an estimated total, no build cache', () => {
    const usage = toDiskUsage(
      {
        LayersSize: 0,
        Images: [
          { Id: 'base', RepoTags: ['<none>'], Size: 2000, SharedSize: 2000, Containers: 0 },
          { Id: 'top', RepoTags: ['latest'], Size: 2162, SharedSize: 2000, Containers: 0 },
          { Id: 'top', RepoTags: ['latest'], Size: 2162, SharedSize: 2000, Containers: 0 },
        ],
        BuildCache: [],
      },
      'podman',
      'docker system df -v',
      new Map([['sha256:top', ['docker.io/wharf-test/shell:latest', 'localhost/wharf-test/shell:latest']]]),
    );
    // The intermediate image is not in the image list: left out, as Docker's answer leaves it out.
    expect(usage.images.count).toBe(1);
    expect(usage.images.sizeExact).toBe(false);
    // 162 unique + 2000 shared once.
    expect(usage.images.size).toBe(2162);
    expect(usage.images.items[0]?.repoTags).toHaveLength(2);
    expect(usage.images.items[0]?.dangling).toBe(false);
    expect(usage.buildCache.supported).toBe(false);
  });
});
