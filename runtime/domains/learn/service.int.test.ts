// The learn service against the real engines with a lesson made for the
// test: check kinds the first lessons do not use (a file in a volume,
// networks, compose projects, pods), what reset removes when a check matched
// work done without the label, and learn.watch following the engine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { createTestEngine } from '../../test-support/test-engine';
import { createLearnService } from './service';
import { type LessonRun, runShell, startLessonRun, tagTestBusybox } from './test-runner';
import type { LessonState } from './types';

const docker = process.env.WHARF_TEST_DOCKER;
const podman = process.env.WHARF_TEST_PODMAN;
const ID = 'check-kinds';
const L = `--label io.wharf.lesson=${ID}`;

/** A lessons folder holding one lesson whose steps are `checks`, in order. */
function lessonsWith(checks: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'wharf-learn-kinds-'));
  const dir = join(root, `01-${ID}`);
  mkdirSync(dir);
  const steps = Object.entries(checks).map(([id, check]) => ({ id, command: 'docker ps', check }));
  writeFileSync(join(dir, 'lesson.yaml'), stringify({ id: ID, order: 1, minutes: 5, engine: 'any', steps }));
  for (const locale of ['en', 'ko'])
    writeFileSync(
      join(dir, `${locale}.yaml`),
      stringify({
        title: `Kinds ${locale}`,
        summary: 's',
        intro: 'i',
        outro: 'o',
        steps: Object.fromEntries(steps.map((s) => [s.id, { title: s.id, body: s.id }])),
      }),
    );
  return root;
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe.skipIf(!docker)('learn service on Docker', () => {
  let run: LessonRun | undefined;
  let untag: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    untag = await tagTestBusybox(docker!);
  });
  afterAll(() => untag?.());
  afterEach(async () => {
    await run?.dispose();
    run = undefined;
  });

  const start = async (checks: Record<string, unknown>) => {
    const lessonsDir = lessonsWith(checks);
    roots.push(lessonsDir);
    run = await startLessonRun({ endpoint: docker!, id: ID, lessonsDir });
    return run;
  };

  it('checks a file in a volume, networks and who they connect, a compose project, and pods', async () => {
    const r = await start({
      file: { volumeFile: { volume: 'kinds-data', path: '/notes/a.txt', contains: 'hello' } },
      net: { network: { name: 'kinds-net', connects: ['kinds-web'] } },
      compose: { compose: { project: 'kinds', services: ['web', 'db'], running: true } },
      pod: { pod: { name: 'kinds-pod' } },
    });
    const before = await r.snapshot();
    expect(await r.step('file')).toEqual({ id: 'file', status: 'todo' });
    await r.shell(`docker volume create ${L} kinds-data`);
    expect(await r.step('file')).toEqual({
      id: 'file',
      status: 'off',
      message: 'The volume kinds-data has no file /notes/a.txt yet.',
    });
    await r.shell(`docker run --rm -v kinds-data:/d busybox:latest sh -c 'mkdir /d/notes; echo bye > /d/notes/a.txt'`);
    expect((await r.step('file')).message).toBe(
      'The file /notes/a.txt in the volume kinds-data does not contain “hello”.',
    );
    await r.shell(`docker run --rm -v kinds-data:/d busybox:latest sh -c 'echo hello >> /d/notes/a.txt'`);
    expect(await r.step('file')).toEqual({ id: 'file', status: 'done' });

    await r.shell(`docker network create ${L} kinds-net`);
    await r.shell(`docker run -d --name kinds-web ${L} busybox:latest sleep 600`);
    expect((await r.step('net')).message).toBe('The network kinds-net does not connect kinds-web yet.');
    await r.shell('docker network connect kinds-net kinds-web');
    expect(await r.step('net')).toEqual({ id: 'net', status: 'done' });

    const service = (name: string, state: string) =>
      `docker ${state === 'run' ? 'run -d' : 'create'} --name kinds-${name}-1 ${L} --label com.docker.compose.project=kinds --label com.docker.compose.service=${name} busybox:latest sleep 600`;
    await r.shell(service('web', 'run'));
    expect((await r.step('compose')).message).toBe('The project kinds has no containers for db.');
    await r.shell(service('db', 'create'));
    expect((await r.step('compose')).message).toBe('In the project kinds, db is not running.');
    await r.shell('docker start kinds-db-1');
    expect(await r.step('compose')).toEqual({ id: 'compose', status: 'done' });

    expect(await r.step('pod')).toEqual({
      id: 'pod',
      status: 'off',
      message: 'Pods are a Podman feature; the connected engine is Docker, so this step runs only on Podman.',
    });

    const removed = await r.reset();
    expect(removed.volumes).toEqual(['kinds-data']);
    expect(removed.networks).toEqual(['kinds-net']);
    expect(await r.snapshot()).toEqual(before);
  }, 120_000);

  it('resets what a check matched without the label, and nothing else', async () => {
    const r = await start({ made: { container: { name: 'kinds-by-hand', state: 'running' } } });
    // Made "through the UI": no lesson label. A look-alike of the learner's own stays.
    await r.shell('docker run -d --name kinds-by-hand busybox:latest sleep 600');
    await r.shell('docker run -d --name kinds-mine busybox:latest sleep 600');
    try {
      expect(await r.step('made')).toEqual({ id: 'made', status: 'done' });
      const leftovers = await r.service.requests['learn.leftovers']({ id: ID, locale: 'en' });
      expect(leftovers.containers.map((c) => c.name)).toEqual(['kinds-by-hand']);
      expect((await r.reset()).containers.map((c) => c.name)).toEqual(['kinds-by-hand']);
      expect(await r.shell('docker ps -a --format {{.Names}}')).not.toContain('kinds-by-hand');
      expect(await r.shell('docker inspect -f {{.State.Status}} kinds-mine')).toContain('running');
    } finally {
      await r.shell('docker rm -f kinds-mine kinds-by-hand');
    }
  }, 60_000);

  it('learn.watch moves on when the engine changes, and stops listening when unsubscribed', async () => {
    const lessonsDir = lessonsWith({
      one: { volume: { name: 'kinds-watched' } },
      two: { noVolume: { name: 'kinds-watched' } },
    });
    roots.push(lessonsDir);
    const engine = await createTestEngine(docker!);
    const dataDir = mkdtempSync(join(tmpdir(), 'wharf-learn-watch-'));
    // No polling during the test: only the engine's events can move the lesson on.
    const service = createLearnService(engine, { dataDir, lessonsDir, pollMs: 600_000, debounceMs: 50 });
    const listeners = engine.eventListenerCount();
    const states: LessonState[] = [];
    const stop = service.subscriptions['learn.watch'](
      { id: ID, locale: 'en' },
      { emit: (s) => states.push(s), fail: (e) => states.push({ error: e } as never) },
    );
    try {
      await vi.waitFor(() => expect(states.at(-1)?.current).toBe('one'), { timeout: 10_000 });
      expect(engine.eventListenerCount()).toBe(listeners + 1);
      await run_(docker!, `docker volume create ${L} kinds-watched`);
      await vi.waitFor(() => expect(states.at(-1)?.current).toBe('two'), { timeout: 20_000 });
      await run_(docker!, 'docker volume rm kinds-watched');
      await vi.waitFor(() => expect(states.at(-1)?.status).toBe('done'), { timeout: 20_000 });
      expect(states.at(-1)?.steps).toEqual([
        { id: 'one', status: 'done' },
        { id: 'two', status: 'done' },
      ]);
    } finally {
      stop();
      service.dispose();
      await run_(docker!, 'docker volume rm -f kinds-watched');
    }
    expect(engine.eventListenerCount()).toBe(listeners);
    await engine.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});

describe.skipIf(!podman)('learn service on Podman', () => {
  it('checks a pod and its containers through libpod, and reset removes the pod', async () => {
    const lessonsDir = lessonsWith({ pod: { pod: { name: 'kinds-pod', containers: 1, running: true } } });
    roots.push(lessonsDir);
    const r = await startLessonRun({ endpoint: podman!, id: ID, lessonsDir });
    const p = (args: string) => r.shell(`podman ${args}`);
    try {
      const image = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';
      await p(`pod create --name kinds-pod ${L}`);
      expect(await r.step('pod')).toMatchObject({
        status: 'off',
        message: expect.stringContaining('kinds-pod has 0 containers'),
      });
      await p(`run -d --pod kinds-pod --name kinds-in-pod ${L} ${image} sleep 600`);
      expect(await r.step('pod')).toEqual({ id: 'pod', status: 'done' });
      const removed = await r.reset();
      expect(removed.pods).toEqual(['kinds-pod']);
      expect(await p('pod ls --format {{.Name}}')).not.toContain('kinds-pod');
    } finally {
      await p('pod rm -f kinds-pod').catch(() => undefined);
      await r.dispose();
    }
  }, 120_000);
});

/** One shell line against `endpoint` (DOCKER_HOST set). */
const run_ = (endpoint: string, line: string): Promise<string> => runShell(endpoint, line, tmpdir());
