// Lessons 1-4 against the real Docker test engine, the CLI way: every step's
// own command, run with the docker CLI, is marked done by the service; one
// wrong attempt gets its message; reset leaves the engine as it was.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LessonRun, startLessonRun, tagTestBusybox } from './test-runner';

const endpoint = process.env.WHARF_TEST_DOCKER;
const LABEL = (id: string) => `--label io.wharf.lesson=${id}`;

describe.skipIf(!endpoint)('lessons 1-4 on Docker, the CLI way', () => {
  let run: LessonRun | undefined;

  let untag: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    untag = await tagTestBusybox(endpoint!);
  });
  afterAll(() => untag?.());
  afterEach(async () => {
    await run?.dispose();
    run = undefined;
  });

  /** Performs every step not yet done, in order, each marked done by the service. */
  const performAll = async (r: LessonRun) => {
    for (const step of r.lesson.spec.steps)
      expect(await r.perform(step.id), step.id).toEqual({ id: step.id, status: 'done' });
    const state = await r.check();
    expect(state.status).toBe('done');
    expect(state.current).toBeNull();
  };

  /** Resets and checks the engine holds exactly what it held before the lesson. */
  const resetLeavesNothing = async (r: LessonRun, before: Awaited<ReturnType<LessonRun['snapshot']>>) => {
    const removed = await r.reset();
    expect(await r.snapshot()).toEqual(before);
    const id = r.lesson.spec.id;
    expect(await r.service.requests['learn.leftovers']({ id, locale: 'en' })).toEqual({
      containers: [],
      images: [],
      volumes: [],
      networks: [],
      pods: [],
    });
    const summary = (await r.service.requests['learn.lessons']({ locale: 'en' })).find((l) => l.id === id);
    expect(summary).toMatchObject({ status: 'new', stepsDone: 0 });
    return removed;
  };

  it('first-container: a command that is not found, then run, stop, remove, a fresh one', async () => {
    run = await startLessonRun({ endpoint: endpoint!, id: 'first-container' });
    const before = await run.snapshot();
    // The learner mistypes the command: the container cannot start.
    await expect(
      run.shell(`docker run -d --name hello ${LABEL('first-container')} busybox:latest slep 3600`),
    ).rejects.toThrow(/slep/);
    expect(await run.step('run')).toEqual({
      id: 'run',
      status: 'off',
      message: 'The container hello could not start (code 127): the command was not found.',
    });
    await run.shell('docker rm -f hello');
    await performAll(run);
    const removed = await resetLeavesNothing(run, before);
    expect(removed.containers.map((c) => c.name)).toEqual(['hello-again']);
    expect(removed.images).toEqual([]);
  }, 120_000);

  it('images-and-containers: run where create was meant, then every step; busybox stays', async () => {
    run = await startLessonRun({ endpoint: endpoint!, id: 'images-and-containers', locale: 'ko' });
    const before = await run.snapshot();
    expect(await run.perform('pull')).toEqual({ id: 'pull', status: 'done' });
    expect(await run.perform('two')).toEqual({ id: 'two', status: 'done' });
    await run.shell(`docker run --name draft ${LABEL('images-and-containers')} busybox:latest echo hi`);
    const off = await run.step('create');
    expect(off.status).toBe('off');
    expect(off.message).toBe(
      '컨테이너 draft은(는) 지금 멈춤(exited) 상태입니다. 이 단계에서는 만들어졌지만 시작 전 상태여야 합니다.',
    );
    await run.shell('docker rm draft');
    for (const step of ['create', 'start', 'clean'])
      expect(await run.perform(step)).toEqual({ id: step, status: 'done' });
    const lesson = await run.service.requests['learn.lesson']({ id: 'images-and-containers', locale: 'ko' });
    expect(lesson.images).toEqual([{ ref: 'busybox:latest', present: true }]);
    await resetLeavesNothing(run, before);
    expect(await run.shell('docker image inspect -f ok busybox:latest')).toContain('ok');
  }, 120_000);

  it('layers-and-cache: a container from the wrong image, the build steps, a build without the cache', async () => {
    run = await startLessonRun({ endpoint: endpoint!, id: 'layers-and-cache' });
    const before = await run.snapshot();
    expect(await run.perform('build')).toEqual({ id: 'build', status: 'done' });
    await run.shell(`docker run --name layers-first ${LABEL('layers-and-cache')} busybox:latest echo hi`);
    expect(await run.step('run')).toEqual({
      id: 'run',
      status: 'off',
      message: 'The container layers-first was made from busybox:latest, not from wharf-learn/layers:1.',
    });
    await run.shell('docker rm layers-first');
    for (const step of ['run', 'rebuild', 'change'])
      expect(await run.perform(step)).toEqual({ id: step, status: 'done' });
    // RUN ran once, at build time: both containers print the same "built at" line.
    const [first, second] = await Promise.all(
      ['layers-first', 'layers-second'].map((name) => run!.shell(`docker logs ${name}`)),
    );
    expect(first!.split('\n')[0]).toMatch(/^built at /);
    expect(second!.split('\n')[0]).toBe(first!.split('\n')[0]);
    // A build that skipped the cache does not pass the cache check.
    await run.shell(`docker build --no-cache ${LABEL('layers-and-cache')} -t wharf-learn/layers:nocache .`);
    expect(
      await run.evaluate({ buildCached: { ref: 'wharf-learn/layers:nocache', base: 'wharf-learn/layers:1' } }),
    ).toEqual({
      status: 'off',
      message: expect.stringMatching(
        /^The image wharf-learn\/layers:nocache does not share its first \d+ layers with wharf-learn\/layers:1: the build did not reuse the build cache\.$/,
      ),
    });
    const removed = await resetLeavesNothing(run, before);
    expect(removed.images.flatMap((i) => i.tags).sort()).toEqual([
      'wharf-learn/layers:1',
      'wharf-learn/layers:2',
      'wharf-learn/layers:3',
      'wharf-learn/layers:nocache',
    ]);
  }, 180_000);

  it('container-is-a-process: kill where stop was meant, then stop waits and kill is immediate', async () => {
    run = await startLessonRun({ endpoint: endpoint!, id: 'container-is-a-process' });
    const before = await run.snapshot();
    expect(await run.perform('run')).toEqual({ id: 'run', status: 'done' });
    expect(await run.shell('docker exec proc ps')).toMatch(/^\s*1 .*sleep 3600/m);
    expect(await run.perform('stop')).toEqual({ id: 'stop', status: 'done' });
    await run.shell(
      `docker run -d --name polite ${LABEL('container-is-a-process')} busybox:latest sh -c 'trap "exit 143" TERM; while true; do sleep 1; done'`,
    );
    await run.shell('docker kill polite');
    expect(await run.step('polite')).toEqual({
      id: 'polite',
      status: 'off',
      message: 'The container polite exited with code 137 (it was killed (SIGKILL)); this step expects code 143.',
    });
    await run.shell('docker rm polite');
    for (const step of ['polite', 'kill']) expect(await run.perform(step)).toEqual({ id: step, status: 'done' });
    await resetLeavesNothing(run, before);
  }, 180_000);
});
