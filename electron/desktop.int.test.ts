// The desktop shell's tray and native notices against the real engines,
// through a whole runtime as the main process runs it: the tray's menu
// follows the engine's events (a container started elsewhere appears, one
// stopped from the tray leaves), a Stop from the tray stops the container in
// the engine, and a container in a crash loop is told once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../runtime/domains/activity/notices';
import { createRuntime, type WharfRuntime } from '../runtime/app';
import { dockerCli, TEST_IMAGE, testEndpoints, uniqueName } from '../runtime/test-support/test-engine';
import { followRuntime, type DesktopFeed } from './desktop-state';
import { followNotices } from './notice-feed';
import { runTrayAction } from './tray-actions';
import { trayMenu, type TrayItem } from './tray-model';

/** Resolves once the feed's state satisfies `match` (checked now and after every change). */
function until(feed: DesktopFeed, match: () => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (match()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`never: ${what}`));
    }, ms);
    const off = feed.onChange(() => {
      if (!match()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe.each(testEndpoints())('the desktop shell on $kind', ({ kind, endpoint }) => {
  const prefix = uniqueName('wharf-tray');
  const web = `${prefix}-web`;
  const loop = `${prefix}-loop`;
  let dataDir: string;
  let runtime: WharfRuntime;
  let feed: DesktopFeed;
  let stopNotices: () => void = () => {};
  const delivered: Notice[] = [];
  let focused = false;

  const menu = () => {
    const { engine, containers, vm } = feed.get();
    return trayMenu({ engine, containers: [...containers.values()], vm, platform: 'linux', language: 'en' });
  };
  const listed = (name: string): TrayItem | undefined => menu().items.find((i) => i.label === name && i.submenu);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wharf-tray-'));
    runtime = createRuntime({ dataDir, engine: endpoint });
    feed = followRuntime(runtime, () => {});
    stopNotices = followNotices({
      runtime,
      feed,
      windowFocused: () => focused,
      deliver: (notice) => delivered.push(notice),
      log: () => {},
    });
    await runtime.start();
    await until(feed, () => menu().state === 'connected', 'connected');
  }, 40_000);

  afterAll(async () => {
    stopNotices();
    feed.dispose();
    await dockerCli(endpoint, ['rm', '-f', web, loop]).catch(() => undefined);
    await runtime.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }, 40_000);

  it('lists a container started elsewhere, stops it from its menu, and drops it', async () => {
    await dockerCli(endpoint, ['run', '-d', '--name', web, TEST_IMAGE, 'sleep', '600']);
    await until(feed, () => listed(web) !== undefined, `${web} listed`);
    expect(menu().tooltip).toMatch(kind === 'podman' ? /Podman .* is connected/ : /Docker .* is connected/);

    const stop = listed(web)!.submenu!.find((i) => i.id.endsWith('.stop'))!;
    expect(stop.command).toBe(`docker stop ${web}`);
    const failures: string[] = [];
    await runTrayAction(stop.action!, {
      requests: runtime.handlers.requests,
      showWindow: () => {},
      quit: () => {},
      failed: (title, body) => failures.push(`${title}: ${body}`),
      language: () => 'en',
    });
    expect(failures).toEqual([]);
    const state = await dockerCli(endpoint, ['inspect', '--format', '{{.State.Status}}', web]);
    expect(state.trim()).toBe('exited');
    await until(feed, () => listed(web) === undefined, `${web} no longer listed`);
    // Asked for through Wharf: the death that follows is no surprise, and no notice.
    expect(delivered.filter((n) => n.title.values?.name === web)).toEqual([]);
  }, 60_000);

  it('a failed tray action is told, with the engine refusing', async () => {
    const failures: string[] = [];
    await runTrayAction(
      { kind: 'container', action: 'restart', id: `${prefix}-missing`, name: `${prefix}-missing` },
      {
        requests: runtime.handlers.requests,
        showWindow: () => {},
        quit: () => {},
        failed: (title, body) => failures.push(`${title}: ${body}`),
        language: () => 'en',
      },
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(new RegExp(`^docker restart ${prefix}-missing failed: .+`));
  }, 30_000);

  it('a container in a crash loop is told once, however often it dies', async () => {
    const deaths: string[] = [];
    const stopWatching = runtime.handlers.subscriptions['activity.watch'](
      {},
      {
        emit: (e) => {
          if (e.name === loop && e.action === 'die') deaths.push(e.key);
        },
        fail: () => {},
      },
    );
    try {
      await dockerCli(endpoint, [
        'run',
        '-d',
        '--name',
        loop,
        '--restart',
        'on-failure:3',
        TEST_IMAGE,
        'sh',
        '-c',
        'sleep 1; exit 3',
      ]);
      // Four deaths: the first, then three restarts. Waited for through the engine's own count.
      for (;;) {
        const out = await dockerCli(endpoint, ['inspect', '--format', '{{.State.Status}} {{.RestartCount}}', loop]);
        if (out.trim() === 'exited 3' && deaths.length >= 4) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const told = delivered.filter((n) => n.title.values?.name === loop);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ kind: 'died', href: expect.stringMatching(/^#\/containers\//) as string });
    } finally {
      stopWatching();
    }
  }, 60_000);

  it('tells nothing while the window has the focus: the page shows it then', async () => {
    focused = true;
    const name = `${prefix}-quiet`;
    try {
      const before = delivered.length;
      const deaths: string[] = [];
      const stopWatching = runtime.handlers.subscriptions['activity.watch'](
        {},
        {
          emit: (e) => {
            if (e.name === name && e.action === 'die' && e.unexpected) deaths.push(e.key);
          },
          fail: () => {},
        },
      );
      await dockerCli(endpoint, ['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'exit 5']);
      while (deaths.length === 0) await new Promise((r) => setTimeout(r, 100));
      stopWatching();
      expect(delivered.length).toBe(before);
    } finally {
      focused = false;
      await dockerCli(endpoint, ['rm', '-f', name]).catch(() => undefined);
    }
  }, 30_000);
});
