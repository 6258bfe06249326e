import { describe, expect, it } from 'vitest';
import {
  type InspectedContainer,
  containerMismatch,
  evaluate,
  mergeMatched,
  normalizeRef,
  sharesLayers,
} from './checks';
import { wordMessage } from './messages';

const container = (over: Partial<InspectedContainer> = {}): InspectedContainer => ({
  Id: 'c1',
  Name: '/hello',
  Path: 'sleep',
  Args: ['3600'],
  Image: 'sha256:busy',
  State: { Status: 'running', ExitCode: 0 },
  Config: { Image: 'busybox:latest', Labels: { 'io.wharf.lesson': 'first-container' } },
  HostConfig: { Memory: 0 },
  NetworkSettings: { Ports: { '80/tcp': [{ HostPort: '8080' }] }, Networks: { bridge: {} } },
  Mounts: [{ Type: 'volume', Name: 'data', Destination: '/data' }],
  ...over,
});
const ctx = { lessonId: 'first-container' };

describe('container checks', () => {
  it('matches every field given', () => {
    expect(
      containerMismatch(
        container(),
        {
          name: 'hello',
          image: 'docker.io/library/busybox',
          state: 'running',
          command: 'sleep 3600',
          publishes: { container: 80, host: 8080 },
          mounts: { volume: 'data', destination: '/data' },
          network: 'bridge',
          labelled: true,
        },
        ctx,
      ),
    ).toBeUndefined();
  });

  it('says the container exited with 127 because the command was not found, in both languages', () => {
    const result = containerMismatch(
      container({ State: { Status: 'exited', ExitCode: 127 } }),
      { state: 'running' },
      ctx,
    );
    expect(result?.status).toBe('off');
    expect(wordMessage(result!.message!, 'en')).toBe(
      'The container hello exited with code 127: the command was not found.',
    );
    expect(wordMessage(result!.message!, 'ko')).toContain('종료 코드 127');
    expect(wordMessage(result!.message!, 'ko')).toContain('명령을 찾을 수 없습니다');
  });

  it('says a container whose command was not found could not start', () => {
    const result = containerMismatch(
      container({ State: { Status: 'created', ExitCode: 127 } }),
      { state: 'running' },
      ctx,
    );
    expect(wordMessage(result!.message!, 'en')).toBe(
      'The container hello could not start (code 127): the command was not found.',
    );
  });

  it('names the first field that differs', () => {
    const word = (over: Partial<InspectedContainer>, spec: Parameters<typeof containerMismatch>[1]) =>
      wordMessage(containerMismatch(container(over), spec, ctx)!.message!, 'en');
    expect(word({}, { state: 'exited' })).toBe('The container hello is running; this step wants it stopped (exited).');
    expect(word({ State: { Status: 'exited', ExitCode: 143 } }, { exitCode: 137 })).toBe(
      'The container hello exited with code 143 (it was asked to stop (SIGTERM)); this step expects code 137.',
    );
    expect(word({}, { publishes: { container: 80, host: 9090 } })).toContain('on host port 8080, not 9090');
    expect(word({}, { publishes: { container: 443 } })).toContain('does not publish port 443');
    expect(word({}, { image: 'nginx:latest' })).toContain('was made from busybox:latest, not from nginx:latest');
    expect(word({}, { mounts: { destination: '/other' } })).toContain('nothing mounted at /other');
    expect(word({}, { mounts: { source: '/site', destination: '/data' } })).toBe(
      'The container hello mounts the volume data at /data; this step wants a bind mount of a host folder there (its path ends in /site). A name without a path, like data, names a volume.',
    );
    expect(word({ Config: { Image: 'busybox:latest', Labels: {} } }, { labelled: true })).toContain('without --label');
  });

  it('takes the same image under another name when the ids agree', () => {
    expect(
      containerMismatch(
        container({ Config: { Image: 'sha256:busy' } }),
        { image: 'busybox:latest' },
        {
          ...ctx,
          imageId: 'sha256:busy',
        },
      ),
    ).toBeUndefined();
  });
});

describe('pure helpers', () => {
  it('normalizes refs', () => {
    expect(normalizeRef('busybox')).toBe('busybox:latest');
    expect(normalizeRef('docker.io/library/busybox:1.36')).toBe('busybox:1.36');
    expect(normalizeRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
  it('compares the first layers for the build cache', () => {
    expect(sharesLayers(['a', 'b', 'c'], ['a', 'b'], 2)).toBe(true);
    expect(sharesLayers(['a', 'x', 'c'], ['a', 'b'], 2)).toBe(false);
  });
  it('merges what checks matched', () => {
    expect(mergeMatched([{ containers: ['a'] }, { containers: ['a', 'b'], volumes: ['v'] }])).toEqual({
      containers: ['a', 'b'],
      volumes: ['v'],
    });
  });
  it('counts only the lesson’s own containers with labelled, and dangling images engine-wide', async () => {
    const calls: Array<{ kind: string; filters: unknown }> = [];
    const docker = {
      listContainers: async (o: { filters: string }) => {
        calls.push({ kind: 'containers', filters: JSON.parse(o.filters) });
        return [{ Id: 'c1', Names: ['/jolly_euler'], Image: 'busybox:latest' }];
      },
      listImages: async (o: { filters: string }) => {
        calls.push({ kind: 'images', filters: JSON.parse(o.filters) });
        return [{ Id: 'sha256:a' }, { Id: 'sha256:b' }];
      },
    };
    const context = { docker, lessonId: 'cleaning-up' } as never;
    const left = await evaluate({ noContainer: { state: 'exited', labelled: true } }, context);
    expect(calls[0]).toEqual({
      kind: 'containers',
      filters: { status: ['exited'], label: ['io.wharf.lesson=cleaning-up'] },
    });
    expect(wordMessage(left.message!, 'en')).toBe('Containers this step wants gone are still there: jolly_euler.');
    expect(wordMessage(left.message!, 'ko')).toBe(
      '이 단계에서 없애야 할 컨테이너가 아직 1개 남아 있습니다: jolly_euler.',
    );
    const dangling = await evaluate({ noImage: { dangling: true } }, context);
    expect(calls[1]).toEqual({ kind: 'images', filters: { dangling: ['true'] } });
    expect(wordMessage(dangling.message!, 'en')).toBe(
      'Dangling images (<none>:<none>, no tag points to them) are still there: 2.',
    );
    expect(wordMessage(dangling.message!, 'ko')).toContain('댕글링 이미지');
  });
  it('leaves a manual step to the learner', async () => {
    expect(await evaluate({ manual: true }, {} as never)).toEqual({ status: 'todo' });
  });
});
