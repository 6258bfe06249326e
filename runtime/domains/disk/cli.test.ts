import { describe, expect, it } from 'vitest';
import { pruneCommand, removalCommands, systemPruneCommand, volumePruneTakesOnlyAnonymous } from './cli';

const docker20 = { kind: 'docker' as const, apiVersion: '1.41' };
const docker23 = { kind: 'docker' as const, apiVersion: '1.42' };
const podman = { kind: 'podman' as const, apiVersion: '1.41' };
const everything = {
  containers: true,
  images: 'all' as const,
  volumes: 'none' as const,
  buildCache: true,
  networks: true,
};

describe('disk commands', () => {
  it('knows when volume prune started keeping named volumes', () => {
    expect(volumePruneTakesOnlyAnonymous(docker20)).toBe(false);
    expect(volumePruneTakesOnlyAnonymous(docker23)).toBe(true);
    expect(volumePruneTakesOnlyAnonymous({ kind: 'docker', apiVersion: '2.0' })).toBe(true);
    expect(volumePruneTakesOnlyAnonymous(podman)).toBe(false);
  });

  it('names each kind’s prune, and none where no flag matches the scope', () => {
    expect(pruneCommand('containers', everything, docker20)).toBe('docker container prune');
    expect(pruneCommand('images', { ...everything, images: 'dangling' }, docker20)).toBe('docker image prune');
    expect(pruneCommand('images', everything, docker20)).toBe('docker image prune -a');
    expect(pruneCommand('volumes', { ...everything, volumes: 'all' }, docker20)).toBe('docker volume prune');
    expect(pruneCommand('volumes', { ...everything, volumes: 'all' }, docker23)).toBe('docker volume prune --all');
    expect(pruneCommand('volumes', { ...everything, volumes: 'anonymous' }, docker23)).toBe('docker volume prune');
    expect(pruneCommand('volumes', { ...everything, volumes: 'anonymous' }, docker20)).toBeNull();
    expect(pruneCommand('buildCache', everything, docker20)).toBe('docker builder prune');
    expect(pruneCommand('networks', everything, docker20)).toBe('docker network prune');
  });

  it('gives the one system prune a selection matches', () => {
    expect(systemPruneCommand(everything, docker20)).toBe('docker system prune -a');
    expect(systemPruneCommand({ ...everything, images: 'dangling' }, docker20)).toBe('docker system prune');
    expect(systemPruneCommand({ ...everything, volumes: 'all' }, docker20)).toBe('docker system prune -a --volumes');
    expect(systemPruneCommand({ ...everything, volumes: 'anonymous' }, docker23)).toBe(
      'docker system prune -a --volumes',
    );
    // --volumes means the other scope on each side of API 1.42.
    expect(systemPruneCommand({ ...everything, volumes: 'anonymous' }, docker20)).toBeNull();
    expect(systemPruneCommand({ ...everything, volumes: 'all' }, docker23)).toBeNull();
    expect(systemPruneCommand({ ...everything, networks: false }, docker20)).toBeNull();
    expect(systemPruneCommand({ ...everything, images: 'none' }, docker20)).toBeNull();
    // Podman has no build cache to leave out.
    expect(systemPruneCommand({ ...everything, buildCache: false }, podman)).toBe('docker system prune -a');
  });

  it('writes the removal by id Wharf runs', () => {
    expect(removalCommands('containers', ['0123456789abcdef0123'])).toEqual(['docker rm 0123456789ab']);
    expect(removalCommands('images', ['sha256:fedcba9876543210aa'])).toEqual(['docker rmi fedcba987654']);
    expect(removalCommands('volumes', ['my data'])).toEqual(["docker volume rm 'my data'"]);
    expect(removalCommands('buildCache', ['a1', 'b2'])).toEqual([
      'docker builder prune -a -f --filter id=a1',
      'docker builder prune -a -f --filter id=b2',
    ]);
    expect(removalCommands('networks', [])).toEqual([]);
  });
});
