import { describe, expect, it } from 'vitest';
import { findImage, isValidTag, namesOf, refOf, registryOf, runHref, usersByImage } from './image-refs';

describe('image names', () => {
  it('accepts the names docker tag takes, and refuses the rest', () => {
    for (const ok of ['busybox', 'busybox:1.36', '127.0.0.1:5000/team/app:1.0', 'ghcr.io/a/b-c_d.e:v1', 'localhost/x'])
      expect(isValidTag(ok), ok).toBe(true);
    for (const bad of ['', 'Busybox', 'a b', 'a:', ':tag', 'a//b', 'x:' + 'y'.repeat(129), '-a'])
      expect(isValidTag(bad), bad).toBe(false);
  });

  it('leaves out the engine\'s "<none>" names and falls back to the short id', () => {
    const image = { id: 'sha256:0123456789abcdef0123', repoTags: ['<none>:<none>', 'repo:<none>'] };
    expect(namesOf(image)).toEqual([]);
    expect(refOf(image)).toBe('0123456789ab');
    expect(refOf({ id: 'sha256:0', repoTags: ['a:1', 'b:2'] })).toBe('a:1');
  });

  it('finds the registry a name points to', () => {
    expect(registryOf('busybox')).toBe('docker.io');
    expect(registryOf('library/busybox:1')).toBe('docker.io');
    expect(registryOf('127.0.0.1:5000/a/b:1')).toBe('127.0.0.1:5000');
    expect(registryOf('ghcr.io/a/b')).toBe('ghcr.io');
    expect(registryOf('localhost/a')).toBe('localhost');
  });

  it('writes the run form address', () => {
    expect(runHref('127.0.0.1:5000/a/b:1')).toBe('#/run/127.0.0.1%3A5000%2Fa%2Fb%3A1');
  });

  it('groups containers by the image they were made from', () => {
    const users = usersByImage([
      { imageId: 'i1', name: 'web' },
      { imageId: 'i1', name: 'db' },
      { imageId: 'i2', name: 'x' },
    ] as never);
    expect(users.get('i1')).toEqual(['web', 'db']);
    expect(users.get('i3')).toBeUndefined();
  });
});

describe('findImage: the image a wharf:// link or an address names', () => {
  const nginx = {
    id: `sha256:${'a1'.repeat(32)}`,
    repoTags: ['nginx:latest', 'nginx:1.27'],
    repoDigests: [`nginx@sha256:${'d'.repeat(64)}`],
  };
  const podmanStyle = { id: `sha256:${'b2'.repeat(32)}`, repoTags: ['docker.io/library/redis:7'], repoDigests: [] };
  const local = { id: `sha256:${'c3'.repeat(32)}`, repoTags: ['localhost:5000/team/app:2'], repoDigests: [] };
  const images = [nginx, podmanStyle, local];

  it('finds it by id, with or without sha256:, or by a long enough id prefix', () => {
    expect(findImage(images, nginx.id)).toBe(nginx);
    expect(findImage(images, 'a1'.repeat(32))).toBe(nginx);
    expect(findImage(images, 'a1a1a1a1a1a1')).toBe(nginx);
    expect(findImage(images, 'a1a1')).toBeUndefined();
  });

  it('finds it by name, Docker Hub and :latest written or not', () => {
    expect(findImage(images, 'nginx')).toBe(nginx);
    expect(findImage(images, 'nginx:1.27')).toBe(nginx);
    expect(findImage(images, 'docker.io/library/nginx:latest')).toBe(nginx);
    expect(findImage(images, 'redis:7')).toBe(podmanStyle);
    expect(findImage(images, 'localhost:5000/team/app:2')).toBe(local);
    expect(findImage(images, `nginx@sha256:${'d'.repeat(64)}`)).toBe(nginx);
  });

  it('finds nothing for a name no image has', () => {
    expect(findImage(images, 'nginx:1.26')).toBeUndefined();
    expect(findImage(images, 'redis')).toBeUndefined();
    expect(findImage(images, 'localhost:5000/team/app')).toBeUndefined();
  });
});
