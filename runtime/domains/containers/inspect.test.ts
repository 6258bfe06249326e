import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EngineContainerInspect, parseEnv, toContainerDetails } from './inspect';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../test-support/fixtures', name), 'utf8'),
  ) as EngineContainerInspect;

// Both fixtures: `create --name fx-insp -e API_TOKEN=abc -e PLAIN=1 -l app=web
// -p 127.0.0.1:18099:80 -v /data --restart on-failure:3 --entrypoint sh busybox -c 'echo hi'`.
describe.each([
  ['docker', 'docker-container-inspect.json'],
  ['podman', 'podman-container-inspect.json'],
])('%s inspect → details', (_engine, file) => {
  const d = toContainerDetails(fixture(file));

  it('reads name, entrypoint, command and state', () => {
    expect(d.name).toBe('fx-insp');
    expect(d.entrypoint).toEqual(['sh']);
    expect(d.command).toEqual(['-c', 'echo hi']);
    expect(d.state).toBe('created');
    expect(d.running).toBe(false);
    expect(d.image).toMatch(/wharf-test\/busybox/);
    expect(d.imageId).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
  });

  it('drops the zero time the engine sends for "never started"', () => {
    expect(d.startedAt).toBeUndefined();
    expect(d.finishedAt).toBeUndefined();
    expect(Date.parse(d.created)).toBeGreaterThan(0);
  });

  it('lists the publish binding of a container that has not run yet', () => {
    expect(d.ports).toEqual([{ privatePort: 80, type: 'tcp', ip: '127.0.0.1', publicPort: 18099 }]);
  });

  it('reads env, labels, restart policy and mounts', () => {
    expect(d.env).toContainEqual({ key: 'API_TOKEN', value: 'abc' });
    expect(d.env).toContainEqual({ key: 'PLAIN', value: '1' });
    expect(d.labels.app).toBe('web');
    expect(d.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(d.mounts).toHaveLength(1);
    expect(d.mounts[0]).toMatchObject({ type: 'volume', destination: '/data', readOnly: false });
  });
});

describe('parseEnv', () => {
  it('splits at the first = and keeps a bare name', () => {
    expect(parseEnv(['A=b=c', 'EMPTY=', 'PASSTHRU'])).toEqual([
      { key: 'A', value: 'b=c' },
      { key: 'EMPTY', value: '' },
      { key: 'PASSTHRU' },
    ]);
    expect(parseEnv(null)).toEqual([]);
  });
});

describe('health in the details', () => {
  it('gives the check, its verdict and its last runs', () => {
    const d = toContainerDetails({
      Id: 'x',
      State: {
        Status: 'running',
        Health: {
          Status: 'unhealthy',
          FailingStreak: 3,
          Log: [{ Start: '2026-01-01T00:00:00Z', End: '2026-01-01T00:00:01Z', ExitCode: 1, Output: 'refused\n' }],
        },
      },
      Config: { Healthcheck: { Test: ['CMD-SHELL', 'curl -f localhost'] } },
    });
    expect(d.health).toEqual({
      status: 'unhealthy',
      failingStreak: 3,
      test: ['curl -f localhost'],
      log: [{ start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:00:01Z', exitCode: 1, output: 'refused\n' }],
    });
  });

  it('has none without a check, or with the check turned off', () => {
    expect(toContainerDetails({ Id: 'x', State: { Status: 'running' } }).health).toBeUndefined();
    expect(toContainerDetails({ Id: 'x', Config: { Healthcheck: { Test: ['NONE'] } } }).health).toBeUndefined();
  });
});
