// Lessons 5 to 11 against the real engine: every step's own command, typed
// with the docker CLI, leaves the engine holding what the step's check
// describes; one step done the way beginners often get it wrong does not
// satisfy its check, and the engine shows why; afterwards removing what
// carries the lesson's label (and the tags it made) leaves `docker ps -a`,
// `volume ls`, `network ls` and `images` as they were before the lesson.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, createTestEngine, dockerCli, hasDockerCli } from '../../test-support/test-engine';
import {
  type LessonPlace,
  type LessonStepFile,
  engineListing,
  readLesson,
  removeLessonObjects,
  runStep,
  settle,
  workFolder,
} from '../../test-support/lesson-steps';
import { buildRegistryImage } from '../../test-support/registry-image';

const endpoint = process.env.WHARF_TEST_DOCKER;
const testImage = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';

interface Plan {
  folder: string;
  /** The working folder's name (compose names its project after it). */
  workDir?: string;
  /** What a step's command prints, beyond its check (a page served, a file read through a mount). */
  prints?: Record<string, RegExp>;
  /** Steps whose command fails on purpose (the lesson shows an error), with what it prints. */
  fails?: Record<string, RegExp>;
  /** Untaggable things the lesson made: tags, named by the lesson's checks. */
  extraImages?: string[];
  /** Images the lesson needs that tests cannot pull: made locally before the lesson. */
  prepare?: (endpoint: string) => Promise<() => Promise<void>>;
  wrong: {
    step: string;
    command: string;
    /** What the engine then shows that the check does not accept. */
    seen: RegExp;
    /** What the wrong command makes that carries no label. */
    leaves?: { volumes?: string[]; images?: string[] };
  };
}

const PLANS: Plan[] = [
  {
    folder: '05-volumes-and-bind-mounts',
    prints: { 'read-again': /kept in a volume/, 'bind-mount': /hello from the host\s+changed on the host/ },
    wrong: {
      // Without a path, `site` names a volume: the engine makes an empty one instead of showing the folder.
      step: 'bind-mount',
      command:
        'docker run -d --name shelf --label io.wharf.lesson=volumes-and-bind-mounts -v site:/site busybox:latest sleep 3600',
      seen: /shelf: mounts volume:site->\/site/,
      leaves: { volumes: ['site'] },
    },
  },
  {
    folder: '06-ports',
    prints: { publish: /hello from web/, second: /hello from web2/ },
    wrong: {
      // The server listens on 80; publishing to 8080 in the container leads nowhere.
      step: 'publish',
      command:
        "docker run -d --name web --label io.wharf.lesson=ports -p 127.0.0.1:8080:8080 busybox:latest sh -c 'mkdir -p /www && echo hi > /www/index.html && httpd -f -p 80 -h /www'",
      seen: /web: publishes \{"8080\/tcp"/,
    },
  },
  {
    folder: '07-networks',
    prints: { 'by-name': /1 packets received/, connect: /1 packets received/ },
    fails: { 'default-bridge': /bad address 'db'/ },
    wrong: {
      // Left on the default bridge, app cannot resolve db.
      step: 'by-name',
      command: 'docker run --name app --label io.wharf.lesson=networks busybox:latest ping -c 1 db',
      seen: /app: exit code 1, networks bridge/,
    },
  },
  {
    folder: '08-compose-up-down',
    workDir: 'shop',
    prints: { 'up-again': /start[\s\S]*start/ },
    wrong: {
      // stop keeps the containers (stopped) and the network: the project is not down.
      step: 'down',
      command: 'docker compose stop',
      seen: /shop[_-]web[_-]1 exited/,
    },
  },
  {
    folder: '09-tags-and-registries',
    prepare: buildRegistryImage,
    extraImages: ['hello:1.0', 'localhost:5000/hello:1.0'],
    prints: { push: /1\.0: digest: sha256:/, 'remove-local': /Untagged: hello:1\.0/ },
    wrong: {
      // Without a tag the pull asks for :latest, which was never pushed.
      step: 'pull',
      command: 'docker pull localhost:5000/hello',
      seen: /localhost:\d+\/hello:1\.0 absent/,
    },
  },
  {
    folder: '10-cleaning-up',
    prints: { leftovers: /job 3 done/, 'prune-images': /Total reclaimed space/ },
    wrong: {
      // Without -a (and with no status filter), docker ps lists running containers only: nothing reaches docker rm.
      step: 'remove-exited',
      command: 'docker rm $(docker ps -q)',
      seen: /[a-z]+_[a-z]+ exited/,
    },
  },
  {
    folder: '11-monitoring',
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
      seen: /greedy: exit code 0, memory 0/,
    },
  },
];

/**
 * What a step printed, or, when that misses `expected` and the step ends with a listing (`docker events
 * --until`), the listing typed again: the engine records a stop's last events a moment after `docker stop`
 * returns, and a learner looking again sees them.
 */
async function reread(place: LessonPlace, step: LessonStepFile, printed: string, expected: RegExp): Promise<string> {
  const last = step.command.trim().split('\n').at(-1) ?? '';
  for (let tries = 0; !expected.test(printed) && /^docker events .*--until/.test(last) && tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 250));
    printed = await runStep(place, { command: last });
  }
  return printed;
}

/** The engine holds what the step's check describes. (Where the learn service's own checks come in.) */
async function expectCheck(place: LessonPlace, step: LessonStepFile): Promise<void> {
  const verdict = await settle(place, step.check);
  expect(verdict.met, `${step.id}: ${verdict.seen}`).toBe(true);
}

/** The step's check is not met, even given the moment a right command needs to show, and the engine shows `seen`. */
async function expectOff(place: LessonPlace, step: LessonStepFile, seen: RegExp): Promise<void> {
  const verdict = await settle(place, step.check, 8);
  expect(verdict.met, step.id).toBe(false);
  expect(verdict.seen).toMatch(seen);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe.skipIf(endpoint === undefined || !hasDockerCli())('lessons 5 to 11 on the real engine', () => {
  const ep = endpoint ?? '';
  let engine: TestEngine;
  let root: string;
  const ports: Record<number, number> = {};

  beforeAll(async () => {
    engine = await createTestEngine(ep);
    root = mkdtempSync(join(tmpdir(), 'wharf-lessons-'));
    await dockerCli(ep, ['tag', testImage, 'busybox:latest']);
    // The host ports the lessons name, moved to free ones: other engines on this machine may hold 8080 or 5000.
    for (const port of [8080, 8081, 5000]) ports[port] = await freePort();
  });

  afterAll(async () => {
    await engine?.dispose();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  for (const plan of PLANS) {
    describe(plan.folder, () => {
      const lesson = readLesson(plan.folder);
      let undoPrepare: (() => Promise<void>) | undefined;
      const place = (name: string): LessonPlace => ({
        endpoint: ep,
        docker: engine.docker(),
        lessonId: lesson.id,
        cwd: workFolder(mkdtempSync(join(root, `${name}-`)), plan.workDir ?? 'work'),
        ports,
      });

      beforeAll(async () => {
        undoPrepare = await plan.prepare?.(ep);
      });
      afterAll(async () => {
        await undoPrepare?.();
      });

      it(
        'every step’s own command satisfies its check, and nothing is left afterwards',
        { timeout: 240_000 },
        async () => {
          const here = place('right');
          const before = await engineListing(ep);
          try {
            for (const step of lesson.steps) {
              const fails = plan.fails?.[step.id];
              const printed = await runStep(here, step, fails !== undefined);
              if (fails !== undefined) expect(printed, step.id).toMatch(fails);
              await expectCheck(here, step);
              const expected = plan.prints?.[step.id];
              if (expected !== undefined)
                expect(await reread(here, step, printed, expected), step.id).toMatch(expected);
            }
          } finally {
            await removeLessonObjects(here, { images: plan.extraImages });
          }
          expect(await engineListing(ep)).toEqual(before);
        },
      );

      it(
        `step ${plan.wrong.step} done wrongly is not done, and the engine shows why`,
        { timeout: 240_000 },
        async () => {
          const here = place('wrong');
          const before = await engineListing(ep);
          const at = lesson.steps.findIndex((s) => s.id === plan.wrong.step);
          expect(at).toBeGreaterThanOrEqual(0);
          try {
            for (const step of lesson.steps.slice(0, at)) {
              await runStep(here, step, plan.fails?.[step.id] !== undefined);
              await expectCheck(here, step);
            }
            await runStep(here, { command: plan.wrong.command, files: lesson.steps[at]?.files }, true);
            await expectOff(here, lesson.steps[at]!, plan.wrong.seen);
          } finally {
            await removeLessonObjects(here, {
              images: [...(plan.extraImages ?? []), ...(plan.wrong.leaves?.images ?? [])],
              volumes: plan.wrong.leaves?.volumes,
            });
          }
          expect(await engineListing(ep)).toEqual(before);
        },
      );
    });
  }
});
