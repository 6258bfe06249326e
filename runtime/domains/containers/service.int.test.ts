// The domain services against the real engines (Docker and Podman), each
// checked against what the docker CLI and `docker inspect` say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../changes/types';
import type { ContainerSummary } from './types';
import { createChangesService } from '../changes/service';
import { createContainersService } from './service';
import { createImagesService } from '../images/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { createVolumesService } from '../volumes/service';

const engines = testEndpoints();

/** Collects change events and waits for the one a test expects. */
function collector() {
  const seen: ChangeEvent[] = [];
  let waiters: Array<() => void> = [];
  const sink = {
    emit(event: ChangeEvent) {
      seen.push(event);
      const w = waiters;
      waiters = [];
      for (const wake of w) wake();
    },
    fail(error: unknown) {
      throw error;
    },
  };
  /** Resolves with the first event after `from` that matches, or rejects after `ms`. */
  async function waitFor<E extends ChangeEvent>(match: (e: ChangeEvent) => e is E, ms: number, from = 0): Promise<E> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = seen.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching change within ${ms} ms; saw ${JSON.stringify(seen.slice(from).map((e) => e.kind))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  /** Resolves once `done()` holds after some event, or rejects after `ms` with `describe()`. */
  async function until(done: () => boolean, ms: number, describe: () => string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`not reached within ${ms} ms: ${describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return { sink, seen, waitFor, until };
}

const upsertOf =
  (name: string, state?: ContainerSummary['state']) =>
  (e: ChangeEvent): e is Extract<ChangeEvent, { kind: 'container.upsert' }> =>
    e.kind === 'container.upsert' && e.container.name === name && (state === undefined || e.container.state === state);

const inspectState = async (endpoint: string, name: string) =>
  (await dockerCli(endpoint, ['inspect', '-f', '{{.State.Status}}', name])).trim();

describe.skipIf(engines.length === 0).each(engines)('services on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const containers: string[] = [];
  const volumes: string[] = [];

  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const create = async (prefix: string, ...args: string[]) => {
    const name = uniqueName(`wharf-svc-${prefix}`);
    containers.push(name);
    const id = (await cli('create', '--name', name, ...args, TEST_IMAGE, 'sleep', '3600')).trim();
    return { name, id };
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    expect(engine.info()?.kind).toBe(kind);
  });

  afterAll(async () => {
    await engine?.dispose();
    if (containers.length > 0) await cli('rm', '-f', '-v', ...containers).catch(() => {});
    for (const v of volumes) await cli('volume', 'rm', '-f', v).catch(() => {});
  });

  it('containers.list matches docker ps -a', async () => {
    const running = await create('list', '-p', '127.0.0.1::80', '--label', 'wharf.test=list');
    await cli('start', running.name);
    const created = await create('list');
    const service = createContainersService(engine);
    const list = await service.requests['containers.list']({});
    const ps = (await cli('ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.State}}')).trim().split('\n');
    const fromCli = new Map(ps.map((line) => line.split('\t')).map(([id, name, state]) => [id, { name, state }]));
    // Others may create or remove containers meanwhile; ours must match exactly.
    for (const c of [running, created]) {
      const row = list.find((r) => r.id === c.id);
      expect(row?.name).toBe(c.name);
      expect(fromCli.get(c.id)).toEqual({ name: row?.name, state: row?.state });
    }
    for (const row of list) {
      const other = fromCli.get(row.id);
      if (other) expect(other).toEqual({ name: row.name, state: row.state });
    }
    const row = list.find((r) => r.id === running.id)!;
    expect(row.state).toBe('running');
    expect(row.status).toMatch(/^Up /);
    expect(row.labels['wharf.test']).toBe('list');
    const port = (await cli('port', running.name, '80/tcp')).trim().split('\n');
    expect(row.ports.map((p) => `${p.ip}:${p.publicPort}`)).toEqual(port);
    expect(list.find((r) => r.id === created.id)?.state).toBe('created');
    // Never the sizes: that walks every layer. (On Podman, the health filter's calls follow the list's.)
    expect(engine.listCalls.filter((c) => c?.filters === undefined).at(-1)).toEqual({ all: true });
    expect(engine.listCalls.every((c) => !Object.hasOwn(c ?? {}, 'size'))).toBe(true);
  });

  it('containers.act stop, start, restart and remove change what docker inspect says', async () => {
    const a = await create('act');
    const b = await create('act');
    await cli('start', a.name, b.name);
    const service = createContainersService(engine);
    const targets = [a, b].map(({ id, name }) => ({ id, name }));

    const stop = await service.requests['containers.act']({ action: 'stop', targets });
    expect(stop.command).toBe(`docker stop ${a.name} ${b.name}`);
    expect(stop.outcomes).toEqual([
      { id: a.id, name: a.name, ok: true },
      { id: b.id, name: b.name, ok: true },
    ]);
    expect(await inspectState(endpoint, a.name)).toBe('exited');
    expect(await inspectState(endpoint, b.name)).toBe('exited');

    // Stopping what is already stopped is no error (the engine answers 304).
    expect((await service.requests['containers.act']({ action: 'stop', targets })).outcomes.every((o) => o.ok)).toBe(
      true,
    );

    const start = await service.requests['containers.act']({ action: 'start', targets });
    expect(start.outcomes.every((o) => o.ok)).toBe(true);
    expect(await inspectState(endpoint, a.name)).toBe('running');

    const startedAt = async () => (await cli('inspect', '-f', '{{.State.StartedAt}}', a.name)).trim();
    const before = await startedAt();
    const restart = await service.requests['containers.act']({ action: 'restart', targets: [targets[0]!] });
    expect(restart.outcomes[0]?.ok).toBe(true);
    expect(await inspectState(endpoint, a.name)).toBe('running');
    expect(await startedAt()).not.toBe(before);

    const pause = await service.requests['containers.act']({ action: 'pause', targets: [targets[0]!] });
    expect(pause.outcomes[0]?.ok).toBe(true);
    expect(await inspectState(endpoint, a.name)).toBe('paused');
    await service.requests['containers.act']({ action: 'unpause', targets: [targets[0]!] });
    expect(await inspectState(endpoint, a.name)).toBe('running');

    // A running container is not removed without force; the reason comes back in plain words.
    const refused = await service.requests['containers.act']({ action: 'remove', targets: [targets[0]!] });
    expect(refused.outcomes[0]?.ok).toBe(false);
    expect(refused.outcomes[0]?.error?.message).toMatch(/running/);
    expect(refused.outcomes[0]?.error?.hint).toMatch(/docker rm -f/);

    const remove = await service.requests['containers.act']({ action: 'remove', targets, force: true });
    expect(remove.command).toBe(`docker rm -f ${a.name} ${b.name}`);
    expect(remove.outcomes.every((o) => o.ok)).toBe(true);
    await expect(cli('inspect', a.name)).rejects.toThrow(/no such/i);
    await expect(cli('inspect', b.name)).rejects.toThrow(/no such/i);

    const gone = await service.requests['containers.act']({ action: 'start', targets: [targets[0]!] });
    expect(gone.outcomes[0]?.error?.message).toBe(`No such container: ${a.id}`);
  });

  it('remove with removeVolumes removes the anonymous volume too', async () => {
    const c = await create('anon', '-v', '/scratch');
    const volume = (await cli('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', c.name)).trim();
    expect(volume).toMatch(/^[0-9a-f]{64}$/);
    const service = createContainersService(engine);
    const result = await service.requests['containers.act']({
      action: 'remove',
      targets: [{ id: c.id, name: c.name }],
      removeVolumes: true,
    });
    expect(result.command).toBe(`docker rm -v ${c.name}`);
    expect(result.outcomes[0]?.ok).toBe(true);
    await expect(cli('volume', 'inspect', volume)).rejects.toThrow(/no such volume/i);
  });

  it('a taken port: the engine reason and a hint, and the second container stays created', async () => {
    let first: { name: string; id: string } | undefined;
    let port = 0;
    for (let attempt = 0; attempt < 5 && first === undefined; attempt++) {
      port = 20000 + Math.floor(Math.random() * 20000);
      const c = await create('port', '-p', `127.0.0.1:${port}:80`);
      try {
        await cli('start', c.name);
        first = c;
      } catch {
        // Something else holds this port; pick another.
      }
    }
    expect(first).toBeDefined();
    const second = await create('port', '-p', `127.0.0.1:${port}:80`);
    const service = createContainersService(engine);
    const result = await service.requests['containers.act']({ action: 'start', targets: [second] });
    expect(result.command).toBe(`docker start ${second.name}`);
    const error = result.outcomes[0]?.error;
    expect(result.outcomes[0]?.ok).toBe(false);
    expect(error?.message).toContain(`127.0.0.1:${port}`);
    expect(error?.message).toMatch(
      kind === 'docker' ? /^Bind for 127\.0\.0\.1:\d+ failed: port is already allocated$/ : /address already in use/,
    );
    expect(error?.hint).toBe(
      `Another program or container already uses host port ${port}. Stop it or publish on another port.`,
    );
    expect(await inspectState(endpoint, second.name)).toBe('created');
    expect(await inspectState(endpoint, first!.name)).toBe('running');
  });

  it('images.list and volumes.list', async () => {
    const images = await createImagesService(engine).requests['images.list']({});
    const busybox = images.find((i) => i.repoTags.some((t) => t.endsWith('wharf-test/shell:latest')));
    expect(busybox?.dangling).toBe(false);
    expect(busybox?.size).toBeGreaterThan(0);
    for (const i of images) expect(i.repoTags).not.toContain('<none>:<none>');

    const name = uniqueName('wharf-svc-vol');
    volumes.push(name);
    await cli('volume', 'create', '--label', 'wharf.test=vol', name);
    const list = await createVolumesService(engine).requests['volumes.list']({});
    const mine = list.find((v) => v.name === name);
    expect(mine).toMatchObject({ driver: 'local', scope: 'local', labels: { 'wharf.test': 'vol' } });
    expect(mine?.mountpoint).toBe((await cli('volume', 'inspect', '-f', '{{.Mountpoint}}', name)).trim());
  });

  describe('changes.watch', () => {
    it('CLI create, start, stop, rm arrive as upsert, upsert, upsert, remove within a second each', async () => {
      const changes = createChangesService(engine);
      const { sink, waitFor, seen } = collector();
      const stop = changes.subscriptions['changes.watch']({}, sink);
      try {
        const name = uniqueName('wharf-svc-watch');
        containers.push(name);
        const id = (await cli('create', '--name', name, TEST_IMAGE, 'sleep', '3600')).trim();
        const created = await waitFor(upsertOf(name, 'created'), 1000);
        expect(created.container.id).toBe(id);
        let mark = seen.length;
        await cli('start', name);
        await waitFor(upsertOf(name, 'running'), 1000, mark);
        mark = seen.length;
        await cli('stop', '-t', '1', name);
        const stopped = await waitFor(upsertOf(name, 'exited'), 1000, mark);
        expect(stopped.container.status).toMatch(/^Exited/);
        mark = seen.length;
        await cli('rm', name);
        await waitFor(
          (e): e is Extract<ChangeEvent, { kind: 'container.remove' }> => e.kind === 'container.remove' && e.id === id,
          1000,
          mark,
        );
      } finally {
        stop();
      }
    });

    it('50 rapid state changes cost far fewer fetches than events, and end in the right state', async () => {
      const group = await Promise.all(Array.from({ length: 25 }, () => create('burst')));
      const names = group.map((c) => c.name);
      await cli('start', ...names);
      // A wider window than the default 30 ms: the engine spreads one CLI
      // command's changes over a second or more on a busy machine, and the
      // count should measure coalescing, not the machine's load. The window
      // logic itself is held exactly by coalescer.test.ts with a fake clock.
      const changes = createChangesService(engine, { containerWindowMs: 150 });
      const { sink, until, seen } = collector();
      const stop = changes.subscriptions['changes.watch']({}, sink);
      try {
        const eventsBefore = engine.events.length;
        const callsBefore = engine.listCalls.length;
        // 25 containers × 2 changes, as fast as the CLI goes.
        for (const action of ['pause', 'unpause']) await cli(action, ...names);
        const latest = () =>
          group.map((c) => seen.filter((x) => x.kind === 'container.upsert' && x.container.id === c.id).at(-1));
        await until(
          () => latest().every((e) => e?.kind === 'container.upsert' && e.container.state === 'running'),
          // Generous: 50 CLI changes can take seconds to land on a loaded machine;
          // what is asserted is the end state and the fetch count, not speed.
          20_000,
          () => JSON.stringify(latest().map((e) => (e?.kind === 'container.upsert' ? e.container.state : e?.kind))),
        );
        await changes.idle();
        const ours = new Set(group.map((c) => c.id));
        const events = engine.events.slice(eventsBefore).filter((e) => e.Type === 'container' && ours.has(e.Actor.ID));
        const fetches = engine.listCalls.slice(callsBefore);
        expect(events.length).toBeGreaterThanOrEqual(50);
        // Every fetch names containers; none re-lists everything.
        for (const call of fetches) expect(call?.filters).toMatch(/"id":\[/);
        // A handful of windows, each one fetch for all the containers changed in it.
        expect(fetches.length, `${fetches.length} fetches for ${events.length} events`).toBeLessThanOrEqual(
          events.length / 3,
        );
        for (const c of group) expect(await inspectState(endpoint, c.name)).toBe('running');
      } finally {
        stop();
      }
    });

    it('volume create and rm arrive as volume.upsert and volume.remove; image tag as images.replace', async () => {
      const changes = createChangesService(engine);
      const { sink, waitFor, seen } = collector();
      const stop = changes.subscriptions['changes.watch']({}, sink);
      try {
        const name = uniqueName('wharf-svc-vol');
        volumes.push(name);
        await cli('volume', 'create', name);
        const up = await waitFor(
          (e): e is Extract<ChangeEvent, { kind: 'volume.upsert' }> =>
            e.kind === 'volume.upsert' && e.volume.name === name,
          1000,
        );
        expect(up.volume.driver).toBe('local');
        let mark = seen.length;
        await cli('volume', 'rm', name);
        await waitFor((e): e is ChangeEvent => e.kind === 'volume.remove' && e.name === name, 1000, mark);

        const tag = `${uniqueName('wharf-svc-tag')}:t`;
        mark = seen.length;
        await cli('tag', TEST_IMAGE, tag);
        try {
          const replaced = await waitFor(
            (e): e is Extract<ChangeEvent, { kind: 'images.replace' }> =>
              e.kind === 'images.replace' && e.images.some((i) => i.repoTags.some((t) => t.endsWith(tag))),
            2000,
            mark,
          );
          expect(replaced.images.length).toBeGreaterThan(0);
        } finally {
          mark = seen.length;
          await cli('rmi', tag);
        }
        await waitFor(
          (e): e is ChangeEvent =>
            e.kind === 'images.replace' && !e.images.some((i) => i.repoTags.some((t) => t.endsWith(tag))),
          2000,
          mark,
        );
      } finally {
        stop();
      }
    });

    it('one engine listener for all subscribers; resync on reconnect; released when the last one leaves', async () => {
      const changes = createChangesService(engine);
      const before = engine.eventListenerCount();
      const one = collector();
      const two = collector();
      const stopOne = changes.subscriptions['changes.watch']({}, one.sink);
      const stopTwo = changes.subscriptions['changes.watch']({}, two.sink);
      expect(engine.eventListenerCount()).toBe(before + 1);
      await engine.reconnect();
      await one.waitFor((e): e is ChangeEvent => e.kind === 'resync', 1000);
      await two.waitFor((e): e is ChangeEvent => e.kind === 'resync', 1000);
      const c = await create('fan');
      await one.waitFor(upsertOf(c.name), 1000);
      await two.waitFor(upsertOf(c.name), 1000);
      stopOne();
      expect(engine.eventListenerCount()).toBe(before + 1);
      stopTwo();
      expect(engine.eventListenerCount()).toBe(before);
    });
  });
});
