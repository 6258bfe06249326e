// Engine JSON captured from the dev engines (Docker 20.10, Podman 4.3) with the
// same set of containers on each: fx-run (ports, volume, bind, anonymous
// volume, labels), fx-created, fx-exited (exit 3), fx-paused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from './types';
import {
  healthOfStatus,
  type EngineContainer,
  type EngineImage,
  type EngineVolume,
  containerName,
  toContainerSummary,
  toImageSummary,
  toPorts,
  toVolumeSummary,
} from './mapping';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../test-support/fixtures/${name}`, import.meta.url), 'utf8')) as T;

const byName = (list: ContainerSummary[], prefix: string) => {
  const found = list.find((c) => c.name.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix}`);
  return found;
};

describe.each(['docker', 'podman'])('containers from %s', (engine) => {
  const list = fixture<EngineContainer[]>(`${engine}-containers.json`).map(toContainerSummary);

  it('names without the slash, with the engine state and status text', () => {
    const exited = byName(list, 'fx-exited-');
    expect(exited.name).toMatch(/^fx-exited-fx\d+$/);
    expect(exited.state).toBe('exited');
    expect(exited.status).toMatch(/^Exited \(3\) /);
    expect(byName(list, 'fx-created-').state).toBe('created');
    expect(byName(list, 'fx-created-').status).toBe('Created');
    expect(byName(list, 'fx-paused-').state).toBe('paused');
    expect(byName(list, 'fx-paused-').status).toMatch(/\(Paused\)$/);
    expect(byName(list, 'fx-run-').state).toBe('running');
  });

  it('keeps id, image, command, created and labels', () => {
    const run = byName(list, 'fx-run-');
    expect(run.id).toMatch(/^[0-9a-f]{64}$/);
    expect(run.image).toMatch(/wharf-test\/busybox/);
    expect(run.imageId).toMatch(/^sha256:/);
    expect(run.command).toBe('sleep 3600');
    expect(run.created).toBeGreaterThan(1_600_000_000);
    expect(run.labels).toEqual({ app: 'fixture', tier: 'a b' });
    expect(byName(list, 'fx-exited-').labels).toEqual({});
  });

  it('shows each published binding once, on the address it listens on', () => {
    const ports = byName(list, 'fx-run-').ports.filter((p) => p.publicPort !== undefined);
    // -p 127.0.0.1:0:80  -p 0.0.0.0:0:81/udp  -p 0:82
    expect(ports.map((p) => ({ ip: p.ip, privatePort: p.privatePort, type: p.type }))).toEqual([
      { ip: '127.0.0.1', privatePort: 80, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 81, type: 'udp' },
      { ip: '0.0.0.0', privatePort: 82, type: 'tcp' },
    ]);
    for (const p of ports) expect(p.publicPort).toBeGreaterThan(0);
  });

  it('lists the volume, the bind mount (read-only) and the anonymous volume', () => {
    const mounts = byName(list, 'fx-run-').mounts;
    const data = mounts.find((m) => m.destination === '/data');
    expect(data).toMatchObject({ type: 'volume', readOnly: false });
    expect(data?.name).toMatch(/^fxvol-fx\d+$/);
    expect(data?.source).toMatch(/fxvol-fx\d+\/_data$/);
    expect(mounts.find((m) => m.destination === '/host')).toEqual({
      type: 'bind',
      source: '/tmp/wharf-svc-fixtures/bind',
      destination: '/host',
      readOnly: true,
    });
    const anon = mounts.find((m) => m.destination === '/anon');
    expect(anon?.type).toBe('volume');
    expect(anon?.name).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('ports', () => {
  it('drops the IPv6 twin of an all-interfaces binding, keeps an IPv6-only one', () => {
    expect(
      toPorts([
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 443, PublicPort: 8443, Type: 'tcp' },
        { IP: '::1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
        { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
      ]),
    ).toEqual([
      { ip: '127.0.0.1', privatePort: 53, publicPort: 5353, type: 'udp' },
      { ip: '::1', privatePort: 53, publicPort: 5353, type: 'udp' },
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '::', privatePort: 443, publicPort: 8443, type: 'tcp' },
    ]);
  });

  it('keeps an exposed, unpublished port without address, once', () => {
    expect(
      toPorts([
        { PrivatePort: 90, Type: 'tcp' },
        { PrivatePort: 90, Type: 'tcp' },
      ]),
    ).toEqual([{ privatePort: 90, type: 'tcp' }]);
    expect(toPorts(null)).toEqual([]);
  });
});

it('picks the container name over link aliases', () => {
  expect(containerName(['/db/web-alias', '/web'], 'abc')).toBe('web');
  expect(containerName([], '0123456789abcdef')).toBe('0123456789ab');
});

describe('images', () => {
  it('docker: <none>:<none> is no tag and means dangling', () => {
    const images = fixture<EngineImage[]>('docker-images.json').map(toImageSummary);
    const dangling = images.filter((i) => i.dangling);
    expect(dangling.length).toBeGreaterThan(0);
    for (const i of dangling) {
      expect(i.repoTags).toEqual([]);
      expect(i.repoDigests).toEqual([]);
    }
    const busybox = images.find((i) => i.repoTags.includes('wharf-test/busybox:latest'));
    expect(busybox).toMatchObject({ dangling: false, repoDigests: [], labels: {} });
    expect(busybox?.size).toBeGreaterThan(1_000_000);
    expect(busybox?.created).toBeGreaterThan(1_600_000_000);
  });

  it('podman: RepoTags null with Dangling true', () => {
    const images = fixture<EngineImage[]>('podman-images.json').map(toImageSummary);
    const dangling = images.filter((i) => i.dangling);
    expect(dangling).toHaveLength(1);
    expect(dangling[0]?.repoTags).toEqual([]);
    const busybox = images.find((i) => i.repoTags.includes('localhost/wharf-test/busybox:latest'));
    expect(busybox?.dangling).toBe(false);
    expect(busybox?.repoDigests[0]).toMatch(/^localhost\/wharf-test\/busybox@sha256:/);
  });
});

describe.each(['docker', 'podman'])('volumes from %s', (engine) => {
  it('maps list entries and inspect alike', () => {
    const listed = fixture<{ Volumes: EngineVolume[] }>(`${engine}-volumes.json`).Volumes.map(toVolumeSummary);
    const named = listed.find((v) => v.name.startsWith('fxvol-'));
    expect(named).toMatchObject({ driver: 'local', scope: 'local', labels: {} });
    expect(named?.mountpoint).toMatch(/fxvol-fx\d+\/_data$/);
    expect(named?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(toVolumeSummary(fixture<EngineVolume>(`${engine}-volume-inspect.json`))).toEqual(named);
  });
});

describe('healthOfStatus', () => {
  it("reads Docker's health verdict from the status text", () => {
    expect(healthOfStatus('Up 3 seconds (healthy)')).toEqual({ health: 'healthy' });
    expect(healthOfStatus('Up 3 seconds (unhealthy)')).toEqual({ health: 'unhealthy' });
    expect(healthOfStatus('Up 1 second (health: starting)')).toEqual({ health: 'starting' });
    expect(healthOfStatus('Up 3 seconds')).toEqual({});
    expect(healthOfStatus('Exited (0) 2 minutes ago')).toEqual({});
  });
});
