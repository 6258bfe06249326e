// Lesson 12 (kubernetes-first-look) on the Podman test engine, the CLI way:
// every step's own podman command is marked done by Wharf's learn service
// (the pod check counts the learner's containers, not the pod's infra one),
// a pod made by hand is said to be off, and reset leaves the engine as it was.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LessonRun, startLessonRun } from './test-runner';

const endpoint = process.env.WHARF_TEST_PODMAN;
const IMAGE = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';

describe.skipIf(!endpoint)('lesson 12 on Podman, the CLI way', () => {
  let run: LessonRun | undefined;

  afterEach(async () => {
    await run?.dispose();
    run = undefined;
  });

  let tagged = false;
  const setupRun = async (text: string, mayFail = false) => {
    const setup = await startLessonRun({ endpoint: endpoint!, id: 'kubernetes-first-look' });
    try {
      return await setup.shell(text, { mayFail });
    } finally {
      await setup.dispose();
    }
  };

  beforeAll(async () => {
    // The lesson's busybox:latest is the test image (nothing is pulled); the default kube network is
    // Podman's own, made on a first play: both made now, so the comparison is about the lesson.
    tagged = (await setupRun('podman image exists busybox:latest && echo there', true)).trim() !== 'there';
    await setupRun(
      `${tagged ? `podman tag ${IMAGE} busybox:latest\n` : ''}podman network exists podman-default-kube-network || podman network create podman-default-kube-network`,
    );
  });
  afterAll(async () => {
    // Other tests expect the test image under its own name only.
    if (tagged) await setupRun('podman rmi busybox:latest', true);
  });

  it('a pod made by hand is off; play, look, generate, down; reset leaves nothing', async () => {
    run = await startLessonRun({ endpoint: endpoint!, id: 'kubernetes-first-look' });
    const before = await run.snapshot();
    // The learner makes the pod by hand instead of playing the YAML: a pod with no container of theirs.
    await run.shell('podman pod create --name hello-web-pod-0 --label io.wharf.lesson=kubernetes-first-look');
    expect(await run.step('play')).toEqual({
      id: 'play',
      status: 'off',
      message: 'The pod hello-web-pod-0 has 0 containers; this step wants 1.',
    });
    await run.shell('podman pod rm -f hello-web-pod-0');
    expect(await run.perform('play')).toEqual({ id: 'play', status: 'done' });
    expect(await run.perform('look')).toEqual({ id: 'look', status: 'done' });
    const generated = await run.commands('generate');
    expect(generated).toContain('name: hello-web-pod-0-httpd');
    expect(generated).toMatch(/image: (docker\.io\/library\/|localhost\/)busybox:latest/);
    expect(await run.perform('generate')).toEqual({ id: 'generate', status: 'done' });
    expect(await run.perform('down')).toEqual({ id: 'down', status: 'done' });
    expect((await run.check()).status).toBe('done');
    await run.reset();
    expect(await run.service.requests['learn.leftovers']({ id: 'kubernetes-first-look', locale: 'en' })).toEqual({
      containers: [],
      images: [],
      volumes: [],
      networks: [],
      pods: [],
    });
    expect(await run.snapshot()).toEqual(before);
  }, 120_000);
});
