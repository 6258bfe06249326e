// The changes service's own logic (which events fetch what, in which order,
// how often) over a scripted engine and a fake clock. The real engines are
// exercised in services.int.test.ts.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from './types';
import type { EngineInfo } from '../engine/types';
import type { Engine, RawEngineEvent } from '../../engine/types';
import { createChangesService } from './service';
import type { Clock } from './coalescer';
import type { EngineContainer } from '../containers/mapping';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    setTimeout: (fn, ms) => (timers.set(++seq, { at: now + ms, fn }), seq),
    clearTimeout: (h) => void timers.delete(h as number),
    now: () => now,
  };
  async function advance(ms: number) {
    const end = now + ms;
    await settle();
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await settle();
    }
    now = end;
  }
  return { clock, advance };
}

/** An engine whose containers and events the test writes. */
function scriptedEngine() {
  const containers = new Map<string, EngineContainer>();
  const fetches: string[][] = [];
  const eventListeners = new Set<(e: RawEngineEvent) => void>();
  const connectedListeners = new Set<(i: EngineInfo) => void>();
  let imageLists = 0;
  const volumes = new Map<string, { Name: string; Driver: string; Mountpoint: string }>();
  /** Containers the engine still holds: an inspect answers once the test lets go of them. */
  const held = new Map<string, () => void>();
  const holding = new Map<string, Promise<void>>();
  const hold = (id: string) => holding.set(id, new Promise<void>((resolve) => held.set(id, resolve)));
  const release = (id: string) => {
    held.get(id)?.();
    holding.delete(id);
  };
  let inspects = 0;
  const docker = {
    getContainer: (id: string) => ({
      inspect: async () => {
        inspects++;
        await holding.get(id);
        if (!containers.has(id)) throw Object.assign(new Error('no such container'), { statusCode: 404 });
        return { Id: id };
      },
    }),
    listImages: async () => {
      imageLists++;
      return [{ Id: 'sha256:1', RepoTags: ['web:1'] }];
    },
    getVolume: (name: string) => ({
      inspect: async () => {
        const v = volumes.get(name);
        if (!v) throw Object.assign(new Error('no such volume'), { statusCode: 404 });
        return v;
      },
    }),
    listContainers: async (opts: { filters?: string }) => {
      const ids = (JSON.parse(opts.filters ?? '{}') as { id?: string[] }).id;
      if (!ids) throw new Error('the whole list was fetched');
      fetches.push(ids);
      return ids.flatMap((id) => (containers.has(id) ? [containers.get(id)!] : []));
    },
  };
  const engine = {
    docker: () => docker,
    onEvent: (l: (e: RawEngineEvent) => void) => (eventListeners.add(l), () => eventListeners.delete(l)),
    onConnected: (l: (i: EngineInfo) => void) => (connectedListeners.add(l), () => connectedListeners.delete(l)),
    info: () => undefined,
  } as unknown as Engine;
  const set = (id: string, state: string) =>
    containers.set(id, { Id: id, Names: [`/${id}`], State: state, Status: state });
  const send = (id: string, Action: string, Type = 'container', Attributes: Record<string, string> = {}) => {
    for (const l of eventListeners) l({ Type, Action, Actor: { ID: id, Attributes }, time: 0 });
  };
  const connect = () => {
    for (const l of connectedListeners) l({} as EngineInfo);
  };
  return {
    engine,
    fetches,
    hold,
    release,
    inspects: () => inspects,
    set,
    send,
    connect,
    volumes,
    imageLists: () => imageLists,
    listeners: () => eventListeners.size,
  };
}

function watch(service: ReturnType<typeof createChangesService>) {
  const seen: ChangeEvent[] = [];
  const stop = service.subscriptions['changes.watch']({}, { emit: (e) => seen.push(e), fail: () => {} });
  return { seen, stop };
}

const states = (seen: ChangeEvent[]) =>
  seen.map((e) =>
    e.kind === 'container.upsert'
      ? `${e.container.id}:${e.container.state}`
      : e.kind === 'container.remove'
        ? `${e.id}:gone`
        : e.kind,
  );

describe('changes.watch', () => {
  it('200 events for one container: one fetch, one upsert', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.set('a', 'running');
    for (let i = 0; i < 100; i++) {
      s.send('a', 'pause');
      s.send('a', 'unpause');
    }
    await advance(30);
    expect(s.fetches).toEqual([['a']]);
    expect(states(seen)).toEqual(['a:running']);
  });

  it('200 events across 50 containers: one fetch naming each once', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    for (let i = 0; i < 200; i++) {
      s.set(`c${i % 50}`, 'running');
      s.send(`c${i % 50}`, 'start');
    }
    await advance(30);
    expect(s.fetches).toHaveLength(1);
    expect(new Set(s.fetches[0]).size).toBe(50);
    expect(seen).toHaveLength(50);
  });

  it('ignores events that change nothing a list shows', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    for (const action of [
      'exec_create: sh',
      'exec_start: sh',
      'exec_die',
      'attach',
      'resize',
      'top',
      'archive-path',
      'kill',
    ]) {
      s.send('a', action);
    }
    await advance(1000);
    expect(s.fetches).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('destroy is a remove without a fetch; a container gone before its fetch is removed too', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.send('a', 'destroy');
    s.send('b', 'rename');
    await advance(30);
    expect(s.fetches).toEqual([['b']]);
    expect(states(seen)).toEqual(['a:gone', 'b:gone']);
  });

  it('looks again when the list lags the event, then shows the row as the event said', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock, containerWindowMs: 30 }));
    s.set('a', 'running');
    s.send('a', 'pause');
    await advance(30);
    expect(states(seen)).toEqual(['a:running']);
    s.set('a', 'paused');
    await advance(30);
    expect(states(seen)).toEqual(['a:running', 'a:paused']);
    await advance(1000);
    // The first fetch, the one after the inspect (this engine answers it at once), the one that saw it paused.
    expect(s.fetches).toHaveLength(3);
  });

  it('a container already past its event (started after create, exited after start) is shown without looking again', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.set('a', 'exited');
    s.send('a', 'start');
    await advance(1000);
    s.set('b', 'running');
    s.send('b', 'create');
    await advance(1000);
    expect(states(seen)).toEqual(['a:exited', 'b:running']);
    expect(s.fetches).toHaveLength(2);
  });

  it('a stop the list does not show yet: waits for the engine to let go of the container, then fetches once more', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.set('a', 'running');
    s.hold('a');
    s.send('a', 'die');
    await advance(30);
    // The first fetch saw it running; the inspect waits for the engine.
    expect(s.fetches).toEqual([['a']]);
    expect(s.inspects()).toBe(1);
    expect(states(seen)).toEqual([]);
    s.set('a', 'exited');
    s.release('a');
    await advance(0);
    expect(s.fetches).toEqual([['a'], ['a']]);
    expect(states(seen)).toEqual(['a:exited']);
    await advance(1000);
    expect(s.fetches).toHaveLength(2);
  });

  it('an engine that holds a container too long: shows the row as listed, looks again in the next window', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock, containerWindowMs: 30 }));
    s.set('a', 'running');
    s.hold('a');
    s.send('a', 'die');
    await advance(30 + 1000);
    expect(states(seen)).toEqual(['a:running']);
    s.set('a', 'exited');
    s.release('a');
    await advance(1000);
    expect(states(seen)).toEqual(['a:running', 'a:exited']);
  });

  it('many containers behind their events (a burst) are looked at again in the next window, without an inspect each', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    for (let i = 0; i < 10; i++) {
      s.set(`c${i}`, 'running');
      s.send(`c${i}`, 'die');
    }
    await advance(30);
    expect(s.inspects()).toBe(0);
    for (let i = 0; i < 10; i++) s.set(`c${i}`, 'exited');
    await advance(1000);
    expect(s.fetches).toHaveLength(2);
    expect(states(seen).filter((x) => x.endsWith(':exited'))).toHaveLength(10);
  });

  it('a container stopped and started again and again (many batches, one key) still waits for the engine', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    for (let i = 0; i < 4; i++) {
      s.set('a', 'exited');
      s.send('a', 'die');
      await advance(40);
      s.set('a', 'running');
      s.send('a', 'start');
      await advance(40);
    }
    expect(s.fetches.length).toBeGreaterThanOrEqual(6);
    s.hold('a');
    s.send('a', 'die');
    // Many batches in the last second: this one waits out the burst window, then for the engine.
    await advance(250);
    expect(s.inspects()).toBe(1);
    s.set('a', 'exited');
    s.release('a');
    await advance(0);
    expect(states(seen).at(-1)).toBe('a:exited');
  });

  it('within a burst, one container behind its event waits for the next batch, not for the engine', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    // Four containers started one after another: the batches of the last second hold four keys.
    for (let i = 0; i < 4; i++) {
      s.set(`c${i}`, 'running');
      s.send(`c${i}`, 'start');
      await advance(50);
    }
    s.set('late', 'running');
    s.send('late', 'die');
    await advance(250);
    expect(s.fetches.at(-1)).toContain('late');
    expect(s.inspects()).toBe(0);
    s.set('late', 'exited');
    await advance(1000);
    expect(states(seen)).toContain('late:exited');
  });

  it('gives up looking again after a few tries', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.set('a', 'running');
    s.send('a', 'pause');
    await advance(10_000);
    expect(s.fetches.length).toBeGreaterThan(1);
    expect(s.fetches.length).toBeLessThanOrEqual(6);
    expect(states(seen).every((x) => x === 'a:running')).toBe(true);
  });

  it('resync on every connect; one engine listener shared, released with the last subscriber', async () => {
    const { clock } = fakeClock();
    const s = scriptedEngine();
    const service = createChangesService(s.engine, { clock });
    const one = watch(service);
    const two = watch(service);
    expect(s.listeners()).toBe(1);
    s.connect();
    expect(one.seen).toEqual([{ kind: 'resync' }]);
    expect(two.seen).toEqual([{ kind: 'resync' }]);
    one.stop();
    expect(s.listeners()).toBe(1);
    two.stop();
    expect(s.listeners()).toBe(0);
    const three = watch(service);
    expect(s.listeners()).toBe(1);
    three.stop();
  });

  it('image events within 100 ms become one re-list of images', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    for (const action of ['pull', 'tag', 'untag', 'delete', 'tag']) s.send('sha256:1', action, 'image');
    s.send('sha256:1', 'push', 'image');
    await advance(99);
    expect(s.imageLists()).toBe(0);
    await advance(1);
    expect(s.imageLists()).toBe(1);
    expect(seen).toEqual([
      { kind: 'images.replace', images: [expect.objectContaining({ id: 'sha256:1', repoTags: ['web:1'] })] },
    ]);
  });

  it('volumes: Docker names them in Actor.ID, Podman in Attributes.name; mounts change nothing', async () => {
    const { clock, advance } = fakeClock();
    const s = scriptedEngine();
    const { seen } = watch(createChangesService(s.engine, { clock }));
    s.volumes.set('data', { Name: 'data', Driver: 'local', Mountpoint: '/v/data' });
    s.send('data', 'create', 'volume', { driver: 'local' });
    s.send('data', 'mount', 'volume', { container: 'x' });
    s.send('', 'remove', 'volume', { name: 'old' });
    await advance(30);
    expect(seen).toEqual([
      {
        kind: 'volume.upsert',
        volume: { name: 'data', driver: 'local', mountpoint: '/v/data', labels: {}, scope: 'local' },
      },
      { kind: 'volume.remove', name: 'old' },
    ]);
  });
});
