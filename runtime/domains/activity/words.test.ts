import { describe, expect, it } from 'vitest';
import { toActivityEvent } from './convert';
import type { ActivityEvent } from './types';
import { cliOf, linkOf, noticeOf, wordsOf } from './words';

const c = (action: string, extra: Partial<ActivityEvent> = {}): ActivityEvent => ({
  key: 'k',
  time: 1,
  object: 'container',
  type: 'container',
  action,
  id: 'a'.repeat(64),
  name: 'web',
  image: 'nginx:1',
  ...extra,
});

describe('toActivityEvent', () => {
  it('reads a Docker die with its exit code', () => {
    const e = toActivityEvent({
      Type: 'container',
      Action: 'die',
      Actor: { ID: 'abc', Attributes: { name: 'web', exitCode: '137', image: 'nginx' } },
      time: 1700000000,
      timeNano: 1700000000123456789,
    });
    expect(e).toMatchObject({
      object: 'container',
      action: 'die',
      id: 'abc',
      name: 'web',
      exitCode: 137,
      image: 'nginx',
      time: 1700000000123,
    });
  });

  it("maps Podman's words to Docker's and names a volume without an id", () => {
    expect(
      toActivityEvent({ Type: 'container', Action: 'died', Actor: { ID: 'x', Attributes: { name: 'w' } }, time: 1 })
        ?.action,
    ).toBe('die');
    expect(
      toActivityEvent({ Type: 'volume', Action: 'remove', Actor: { ID: '', Attributes: { name: 'data' } }, time: 1 }),
    ).toMatchObject({
      action: 'destroy',
      id: 'data',
      name: 'data',
    });
  });

  it('splits the detail off health_status and leaves exec and helper events out', () => {
    expect(
      toActivityEvent({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: 'x' }, time: 1 }),
    ).toMatchObject({
      action: 'health_status',
      detail: 'unhealthy',
    });
    expect(
      toActivityEvent({
        Type: 'container',
        Action: 'health_status',
        HealthStatus: 'healthy',
        Actor: { ID: 'x' },
        time: 1,
      })?.detail,
    ).toBe('healthy');
    expect(
      toActivityEvent({ Type: 'container', Action: 'exec_start: ps', Actor: { ID: 'x' }, time: 1 }),
    ).toBeUndefined();
    expect(
      toActivityEvent({
        Type: 'container',
        Action: 'start',
        Actor: { ID: 'x', Attributes: { 'io.wharf.helper': '1' } },
        time: 1,
      }),
    ).toBeUndefined();
  });
});

describe('wordsOf', () => {
  it('words a death with its exit code and meaning', () => {
    expect(wordsOf(c('die', { exitCode: 137, oom: true }))).toEqual({
      key: 'container.die',
      values: { name: 'web', action: 'die', type: 'container', code: 137 },
      exit: { meaning: 'oom', signal: 9 },
    });
    expect(wordsOf(c('die', { exitCode: 0 })).key).toBe('container.dieOk');
  });

  it('words health, network connections and unknown actions', () => {
    expect(wordsOf(c('health_status', { detail: 'unhealthy' })).key).toBe('container.health.unhealthy');
    const net: ActivityEvent = { ...c('connect'), object: 'network', type: 'network', name: 'front', container: 'web' };
    expect(wordsOf(net)).toMatchObject({ key: 'network.connect', values: { name: 'front', container: 'web' } });
    expect(wordsOf(c('frobnicate')).key).toBe('other');
  });
});

describe('cliOf and linkOf', () => {
  it('gives the command each event stands for', () => {
    expect(cliOf(c('stop'))).toBe('docker stop web');
    expect(cliOf(c('destroy'))).toBe('docker rm web');
    expect(cliOf(c('create'))).toBe('docker create --name web nginx:1');
    expect(cliOf(c('kill', { signal: '15' }))).toBe('docker kill --signal 15 web');
    expect(cliOf({ ...c('pull'), object: 'image', type: 'image', name: 'nginx:1' })).toBe('docker pull nginx:1');
    expect(cliOf({ ...c('destroy'), object: 'volume', type: 'volume', name: 'data' })).toBe('docker volume rm data');
    expect(cliOf({ ...c('connect'), object: 'network', type: 'network', name: 'front', container: 'web' })).toBe(
      'docker network connect front web',
    );
  });

  it('links to what still exists', () => {
    expect(linkOf(c('start'))).toEqual({ route: 'containers', id: 'a'.repeat(64) });
    expect(linkOf(c('destroy'))).toBeUndefined();
    expect(linkOf({ ...c('create'), object: 'volume', type: 'volume', name: 'data' })).toEqual({
      route: 'volumes',
      id: 'data',
    });
  });

  it('asks for a notice on an unexpected death, an oom and unhealthy', () => {
    expect(noticeOf(c('die', { exitCode: 1, unexpected: true }))).toBe('died');
    expect(noticeOf(c('die', { exitCode: 137, oom: true, unexpected: true }))).toBe('oom');
    expect(noticeOf(c('health_status', { detail: 'unhealthy' }))).toBe('unhealthy');
    expect(noticeOf(c('die', { exitCode: 0 }))).toBeUndefined();
  });
});
