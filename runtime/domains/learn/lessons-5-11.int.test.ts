// Lessons 5 to 11 against the real Docker test engine, the CLI way: one step
// is first done the way beginners often get it wrong and Wharf's check says
// what is off; then every step's own command, typed with the docker CLI, is
// marked done by the learn service; Wharf's Reset then leaves `docker ps -a`,
// `volume ls`, `network ls` and `images` as they were before the lesson.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistryImage } from '../../test-support/registry-image';
import { dockerCli, hasDockerCli } from '../../test-support/test-engine';
import { type LessonRun, startLessonRun, tagTestBusybox } from './test-runner';

const endpoint = process.env.WHARF_TEST_DOCKER;

interface Plan {
  id: string;
  /** The working folder's name (compose names its project after it). */
  workDir?: string;
  /** What a step's command prints, beyond its check (a page served, a file read through a mount). */
  prints?: Record<string, RegExp>;
  /** Steps whose command fails on purpose (the lesson shows an error), with what it prints. */
  fails?: Record<string, RegExp>;
  /** Images the lesson needs that tests cannot pull: made locally before the lesson. */
  prepare?: (endpoint: string) => Promise<() => Promise<void>>;
  wrong: {
    step: string;
    command: string;
    /** What Wharf says about the step then (a string, or expect.stringMatching where the engine names things). */
    message: unknown;
    /** What the learner types to take the wrong attempt back before doing the step right. */
    undo?: string;
    /** Volumes the wrong command made without the lesson's label: not the lesson's, so Reset leaves them. */
    leaves?: string[];
  };
  /** The tags Reset removes: the lesson's own builds, and tags it put on other images (tags carry no label, a passed check recorded them). */
  tags?: unknown[];
  /**
   * The lesson's commands act on the whole engine (`docker rm $(docker ps -a -q --filter status=exited)`,
   * `prune`), as the learner's would: the run starts from an engine with no stopped containers and no
   * dangling images, so what it compares before and after is only what the lesson made.
   */
  engineWide?: true;
}

const PLANS: Plan[] = [
  {
    id: 'volumes-and-bind-mounts',
    prints: { 'read-again': /kept in a volume/, 'bind-mount': /hello from the host\s+changed on the host/ },
    wrong: {
      // Without a path, `site` names a volume: the engine makes an empty one instead of showing the folder.
      step: 'bind-mount',
      command:
        'docker run -d --name shelf --label io.wharf.lesson=volumes-and-bind-mounts -v site:/site busybox:latest sleep 3600',
      message:
        'The container shelf mounts the volume site at /site; this step wants a bind mount of a host folder there (its path ends in /site). A name without a path, like site, names a volume.',
      undo: 'docker rm -f shelf',
      leaves: ['site'],
    },
  },
  {
    id: 'ports',
    prints: { publish: /hello from web/, second: /hello from web2/ },
    wrong: {
      // The server listens on 80; publishing to 8080 in the container leads nowhere.
      step: 'publish',
      command:
        "docker run -d --name web --label io.wharf.lesson=ports -p 127.0.0.1:8080:8080 busybox:latest sh -c 'mkdir -p /www && echo hi > /www/index.html && httpd -f -p 80 -h /www'",
      message: 'The container web does not publish port 80. Add `-p` when you run it.',
      undo: 'docker rm -f web',
    },
  },
  {
    id: 'networks',
    prints: { 'by-name': /1 packets received/, connect: /1 packets received/ },
    fails: { 'default-bridge': /bad address 'db'/ },
    wrong: {
      // Left on the default bridge, app cannot resolve db.
      step: 'by-name',
      command: 'docker run --name app --label io.wharf.lesson=networks busybox:latest ping -c 1 db',
      message: 'The container app exited with code 1 (the program reported an error); this step expects code 0.',
      undo: 'docker rm app',
    },
  },
  {
    id: 'compose-up-down',
    workDir: 'shop',
    prints: { 'up-again': /start[\s\S]*start/ },
    wrong: {
      // stop keeps the containers (stopped) and the network: the project is not down.
      step: 'down',
      command: 'docker compose stop',
      // docker-compose v1 names the containers shop_web_1, the plugin shop-web-1.
      message: expect.stringMatching(
        /^The project shop still has containers \(shop[-_]web[-_]1, shop[-_]worker[-_]1\): `docker compose down` removes them\.$/,
      ),
    },
  },
  {
    id: 'tags-and-registries',
    prepare: buildRegistryImage,
    prints: { push: /1\.0: digest: sha256:/, 'remove-local': /Untagged: hello:1\.0/ },
    wrong: {
      // Without -p the registry listens only inside its container: localhost:5000 reaches nothing.
      step: 'registry',
      command: 'docker run -d --name registry --label io.wharf.lesson=tags-and-registries registry:2',
      message: 'The container registry does not publish port 5000. Add `-p` when you run it.',
      undo: 'docker rm -f -v registry',
    },
    tags: [expect.stringMatching(/^localhost:\d+\/hello:1\.0$/)],
  },
  {
    id: 'cleaning-up',
    engineWide: true,
    prints: { leftovers: /job 3 done/, 'prune-images': /Total reclaimed space/ },
    wrong: {
      // Without -a (and with no status filter), docker ps lists running containers only: nothing reaches docker rm.
      step: 'remove-exited',
      command: 'docker rm $(docker ps -q)',
      // The engine names containers run without --name (jolly_euler).
      message: expect.stringMatching(/^Containers this step wants gone are still there: \w+, \w+, \w+\.$/),
    },
    tags: ['tidy:latest'],
  },
  {
    id: 'monitoring',
    prints: {
      limits: /67108864 500000000/,
      watch: /tick/,
      events: /kill .*signal=15\)[\s\S]*kill .*signal=9\)[\s\S]*exitCode=137/,
    },
    // OOMKilled comes from the kernel's notice, which now and then arrives after the exit is recorded.
    fails: { 'out-of-memory': /(true|false) 137/ },
    wrong: {
      // Without --memory nothing stops tail: it holds the 100 MB and ends normally.
      step: 'out-of-memory',
      command:
        "docker run --name greedy --label io.wharf.lesson=monitoring busybox:latest sh -c 'head -c 100m /dev/zero | tail'",
      message: 'The container greedy exited with code 0 (success); this step expects code 137.',
      undo: 'docker rm greedy',
    },
  },
];

/**
 * What a step printed, or, when that misses `expected` and the step ends with a listing (`docker events
 * --until`), the listing typed again: the engine records a stop's last events a moment after `docker stop`
 * returns, and a learner looking again sees them.
 */
async function reread(run: LessonRun, stepId: string, printed: string, expected: RegExp): Promise<string> {
  const command = run.lesson.spec.steps.find((s) => s.id === stepId)!.command;
  const last = command.trim().split('\n').at(-1) ?? '';
  for (let tries = 0; !expected.test(printed) && /^docker events .*--until/.test(last) && tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 250));
    printed = await run.shell(last);
  }
  return printed;
}

describe.skipIf(endpoint === undefined || !hasDockerCli())('lessons 5 to 11 on Docker, the CLI way', () => {
  const ep = endpoint ?? '';

  let untag: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    untag = await tagTestBusybox(ep);
  });
  afterAll(() => untag?.());

  for (const plan of PLANS) {
    describe(plan.id, () => {
      let undoPrepare: (() => Promise<void>) | undefined;
      let run: LessonRun | undefined;

      beforeAll(async () => {
        undoPrepare = await plan.prepare?.(ep);
      });
      afterAll(async () => {
        await run?.dispose();
        // A test that failed before removing the wrong command's volumes removes them here.
        for (const volume of plan.wrong.leaves ?? []) await dockerCli(ep, ['volume', 'rm', volume]).catch(() => {});
        await undoPrepare?.();
      });

      it(
        `${plan.wrong.step} done wrongly gets its message; every step done; Reset leaves nothing`,
        { timeout: 180_000 },
        async () => {
          run = await startLessonRun({ endpoint: ep, id: plan.id, ...(plan.workDir ? { workDir: plan.workDir } : {}) });
          const r = run;
          if (plan.engineWide) await r.shell('docker container prune -f\ndocker image prune -f');
          const before = await r.snapshot();
          const steps = r.lesson.spec.steps.map((s) => s.id);
          const at = steps.indexOf(plan.wrong.step);
          expect(at).toBeGreaterThanOrEqual(0);

          const perform = async (stepId: string) => {
            const fails = plan.fails?.[stepId];
            const printed = await r.commands(stepId, { mayFail: fails !== undefined });
            if (fails !== undefined) expect(printed, stepId).toMatch(fails);
            expect(await r.settle(stepId), stepId).toEqual({ id: stepId, status: 'done' });
            const expected = plan.prints?.[stepId];
            if (expected !== undefined) expect(await reread(r, stepId, printed, expected), stepId).toMatch(expected);
          };

          for (const stepId of steps.slice(0, at)) await perform(stepId);
          await r.shell(plan.wrong.command, { mayFail: true });
          expect(await r.step(plan.wrong.step)).toEqual({
            id: plan.wrong.step,
            status: 'off',
            message: plan.wrong.message,
          });
          if (plan.wrong.undo !== undefined) await r.shell(plan.wrong.undo);
          for (const stepId of steps.slice(at)) await perform(stepId);
          expect((await r.check()).status).toBe('done');

          const removed = await r.reset();
          expect(removed.images.flatMap((i) => i.tags)).toEqual(plan.tags ?? []);
          expect(await r.service.requests['learn.leftovers']({ id: plan.id, locale: 'en' })).toEqual({
            containers: [],
            images: [],
            volumes: [],
            networks: [],
            pods: [],
          });
          // What the wrong command made without the lesson's label is not the lesson's: Reset
          // removes only what carries the label or what a passed check matched, so it stays,
          // and the test removes it.
          const leaves = plan.wrong.leaves ?? [];
          expect(await r.snapshot()).toEqual({ ...before, volumes: [...before.volumes, ...leaves].sort() });
          for (const volume of leaves) await r.shell(`docker volume rm ${volume}`);
          expect(await r.snapshot()).toEqual(before);
        },
      );
    });
  }
});
