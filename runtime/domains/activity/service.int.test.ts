// The activity feed against the real engines: what a test does to the engine
// appears in the feed, worded, in order; an unexpected death and an
// out-of-memory kill are marked for a notification.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEngine,
  dockerCli,
  TEST_IMAGE,
  type TestEngine,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { hasRegistryTools, startTestRegistry, type TestRegistry } from '../../test-support/test-registry';
import { createActivityService, type ActivityService } from './service';
import type { ActivityEvent } from './types';
import { cliOf, noticeOf, wordsOf } from './words';

function podmanCli(endpoint: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    // healthcheck run exits 1 when the check fails: that is the point here.
    execFile('podman', ['--url', endpoint, ...args], { timeout: 30_000 }, (_e, stdout) => resolve(stdout));
  });
}

async function waitFor(
  events: () => ActivityEvent[],
  match: (e: ActivityEvent) => boolean,
  ms = 20_000,
): Promise<ActivityEvent> {
  const end = Date.now() + ms;
  for (;;) {
    const found = events().find(match);
    if (found) return found;
    if (Date.now() > end)
      throw new Error(
        `no such event; the feed has: ${events()
          .map((e) => `${e.object} ${e.action} ${e.name}`)
          .join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testEndpoints())('activity on $kind', ({ kind, endpoint }) => {
  const prefix = uniqueName('wharf-act');
  const crash = `${prefix}-crash`;
  const sick = `${prefix}-sick`;
  const hog = `${prefix}-hog`;
  const stopped = `${prefix}-stopped`;
  const volume = `${prefix}-vol`;
  const network = `${prefix}-net`;
  const tag = `${prefix}-tag:1`;
  let engine: TestEngine;
  let activity: ActivityService;
  const seen: ActivityEvent[] = [];
  let stopWatching: () => void = () => {};

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    activity = createActivityService(engine);
    stopWatching = activity.subscriptions['activity.watch']({}, { emit: (e) => seen.push(e), fail: () => {} });
  });

  afterAll(async () => {
    stopWatching();
    activity?.dispose();
    await dockerCli(endpoint, ['rm', '-f', crash, sick, hog, stopped]).catch(() => {});
    await dockerCli(endpoint, ['network', 'rm', network]).catch(() => {});
    await dockerCli(endpoint, ['rmi', tag]).catch(() => {});
    await engine?.dispose();
  });

  const of = (name: string) => (e: ActivityEvent) => e.name === name || e.container === name;

  it('shows a container created, started, dying unexpectedly and removed, worded, with its command', async () => {
    await dockerCli(endpoint, ['run', '-d', '--name', crash, TEST_IMAGE, 'sh', '-c', 'sleep 1; exit 3']);
    const died = await waitFor(
      () => seen,
      (e) => of(crash)(e) && e.action === 'die',
    );
    expect(died).toMatchObject({ exitCode: 3, unexpected: true });
    expect(wordsOf(died)).toMatchObject({
      key: 'container.die',
      values: { name: crash, code: 3 },
      exit: { meaning: 'other' },
    });
    expect(noticeOf(died)).toBe('died');
    await dockerCli(endpoint, ['rm', crash]);
    const removed = await waitFor(
      () => seen,
      (e) => of(crash)(e) && e.action === 'destroy',
    );
    expect(cliOf(removed)).toBe(`docker rm ${crash}`);
    const actions = seen.filter(of(crash)).map((e) => e.action);
    expect(actions.indexOf('create')).toBeLessThan(actions.indexOf('start'));
    expect(actions.indexOf('start')).toBeLessThan(actions.indexOf('die'));
    // Exec events (health checks, Wharf's own ps) are not in the feed.
    expect(seen.some((e) => e.action.startsWith('exec'))).toBe(false);
  });

  it('does not call a stop asked for through Wharf unexpected', async () => {
    await dockerCli(endpoint, ['run', '-d', '--name', stopped, TEST_IMAGE, 'sleep', '300']);
    const started = await waitFor(
      () => seen,
      (e) => of(stopped)(e) && e.action === 'start',
    );
    activity.expectStop([started.id]);
    await dockerCli(endpoint, ['stop', '-t', '1', stopped]);
    const died = await waitFor(
      () => seen,
      (e) => of(stopped)(e) && e.action === 'die',
    );
    expect(died.exitCode).toBe(137);
    expect(died.unexpected).toBeUndefined();
    expect(noticeOf(died)).toBeUndefined();
  });

  it('shows a failing health check turning the container unhealthy', async () => {
    await dockerCli(endpoint, [
      'run',
      '-d',
      '--name',
      sick,
      '--health-cmd',
      'exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      TEST_IMAGE,
      'sleep',
      '300',
    ]);
    // Podman runs health checks from systemd timers; without systemd, the test runs the check itself.
    if (kind === 'podman') for (let i = 0; i < 2; i++) await podmanCli(endpoint, ['healthcheck', 'run', sick]);
    const unhealthy = await waitFor(
      () => seen,
      (e) => of(sick)(e) && e.action === 'health_status' && e.detail === 'unhealthy',
    );
    expect(wordsOf(unhealthy).key).toBe('container.health.unhealthy');
    expect(noticeOf(unhealthy)).toBe('unhealthy');
  });

  it('shows volumes created and removed, a network connected and an image tagged', async () => {
    await dockerCli(endpoint, ['volume', 'create', volume]);
    await dockerCli(endpoint, ['volume', 'rm', volume]);
    await dockerCli(endpoint, ['network', 'create', network]);
    await dockerCli(endpoint, ['network', 'connect', network, sick]);
    await dockerCli(endpoint, ['tag', TEST_IMAGE, tag]);
    const created = await waitFor(
      () => seen,
      (e) => e.object === 'volume' && e.name === volume && e.action === 'create',
    );
    const gone = await waitFor(
      () => seen,
      (e) => e.object === 'volume' && e.name === volume && e.action === 'destroy',
    );
    expect(cliOf(created)).toBe(`docker volume create ${volume}`);
    expect(wordsOf(gone).key).toBe('volume.destroy');
    const connected = await waitFor(
      () => seen,
      (e) => e.object === 'network' && e.action === 'connect' && (e.name === network || e.name === sick),
    );
    expect(wordsOf(connected).key).toBe('network.connect');
    if (kind === 'docker') expect(cliOf(connected)).toBe(`docker network connect ${network} ${sick}`);
    const tagged = await waitFor(
      () => seen,
      (e) => e.object === 'image' && e.action === 'tag' && e.name.endsWith(tag),
    );
    expect(wordsOf(tagged).key).toBe('image.tag');
  });

  it('reports a container killed for memory', async () => {
    // Fills a tmpfs (memory) past the 32 MiB limit.
    await dockerCli(endpoint, [
      'run',
      '-d',
      '--name',
      hog,
      '--memory',
      '32m',
      '--memory-swap',
      '32m',
      '--tmpfs',
      '/fill:size=256m',
      TEST_IMAGE,
      'dd',
      'if=/dev/zero',
      'of=/fill/x',
      'bs=1M',
      'count=200',
    ]);
    const died = await waitFor(
      () => seen,
      (e) => of(hog)(e) && e.action === 'die',
    );
    expect(died.exitCode).toBe(137);
    expect(died.unexpected).toBe(true);
    const inspect = JSON.parse(
      await dockerCli(endpoint, ['inspect', '--format', '{{json .State.OOMKilled}}', hog]),
    ) as boolean;
    // The feed says out of memory exactly when the engine does (Podman here does not detect it: no cgroup events).
    expect(died.oom === true).toBe(inspect);
    if (kind === 'docker') {
      expect(died.oom).toBe(true);
      expect(noticeOf(died)).toBe('oom');
      expect(wordsOf(died).exit?.meaning).toBe('oom');
    }
  });

  it('lists the session, and an earlier span from the engine', async () => {
    const session = await activity.requests['activity.list']({});
    expect(session.events.some((e) => of(crash)(e) && e.action === 'die')).toBe(true);
    const times = session.events.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // A fresh feed knows nothing of what came before it; asked for the last minutes, it reads the engine's log.
    const later = createActivityService(engine);
    try {
      expect((await later.requests['activity.list']({})).events.some(of(crash))).toBe(false);
      const back = await later.requests['activity.list']({ since: Date.now() - 5 * 60_000 });
      const died = back.events.find((e) => of(crash)(e) && e.action === 'die');
      expect(died).toMatchObject({ exitCode: 3, unexpected: true });
    } finally {
      later.dispose();
    }
  });

  describe.skipIf(kind === 'podman' || !hasRegistryTools())('with a local registry', () => {
    let registry: TestRegistry;
    beforeAll(async () => {
      registry = await startTestRegistry();
    });
    afterAll(async () => {
      await registry?.stop();
    });

    const ref = () => `${registry.host}/${prefix}:1`;
    afterAll(async () => {
      await dockerCli(endpoint, ['rmi', ref()]).catch(() => {});
    });

    it('shows an image pulled', async () => {
      const ref = `${registry.host}/${prefix}:1`;
      const auth = { username: registry.username, password: registry.password, serveraddress: registry.host };
      const docker = engine.docker();
      await docker.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/${prefix}`, tag: '1' });
      await new Promise((resolve, reject) => {
        void docker.getImage(ref).push({ authconfig: auth }, (err, stream) => {
          if (err || !stream) return reject(err instanceof Error ? err : new Error(String(err ?? 'no stream')));
          docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(undefined)));
        });
      });
      await docker.getImage(ref).remove();
      await new Promise((resolve, reject) => {
        void docker.pull(ref, { authconfig: auth }, (err: unknown, stream?: NodeJS.ReadableStream) => {
          if (err || !stream) return reject(err instanceof Error ? err : new Error(String(err ?? 'no stream')));
          docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(undefined)));
        });
      });
      const pulled = await waitFor(
        () => seen,
        (e) =>
          e.object === 'image' && e.action === 'pull' && (e.name === ref || e.name === `${registry.host}/${prefix}`),
      );
      expect(cliOf(pulled)).toBe(`docker pull ${pulled.name}`);
      expect(wordsOf(pulled).key).toBe('image.pull');
      await docker.getImage(ref).remove();
    });
  });
});
