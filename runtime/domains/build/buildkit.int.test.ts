// BuildKit against the real engines: on Docker a cache mount a second build
// sees, two independent stages running at once, a rebuild from the cache, a
// failing step with its output, a "# syntax=" frontend that cannot be
// pulled, one that can (a small gateway frontend built here and served by a
// local registry) and one the engine already has, and a stopped build
// stopping in the engine; on Podman the same build runs on Podman's own
// builder and says so.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../api/contract';
import { createImagesService } from '../images/service';
import { createBuilderService } from './detect';
import {
  type TestEngine,
  TEST_IMAGE,
  createTestEngine,
  testEndpoints,
  uniqueName,
  dockerCli,
} from '../../test-support/test-engine';
import { hasRegistryTools, startTestRegistry, type TestRegistry } from '../../test-support/test-registry';
import { hasStaticCxx, pushSyntaxFrontend } from '../../test-support/syntax-frontend';
import type { BuildEvent, BuildSummary } from './types';

type Images = ReturnType<typeof createImagesService>;

/** One build to its end: every event, the last one 'done' or 'failed'. */
function build(images: Images, input: unknown): Promise<BuildEvent[]> {
  return new Promise((resolve, reject) => {
    const events: BuildEvent[] = [];
    let stop: (() => void) | undefined;
    let ended = false;
    // eslint-disable-next-line prefer-const -- the sink may end the build before the handler returns
    stop = images.subscriptions['images.build'](contract['images.build'].input.parse(input), {
      emit: (e) => {
        events.push(e);
        if (e.kind === 'done' || e.kind === 'failed') {
          ended = true;
          stop?.();
          resolve(events);
        }
      },
      fail: (error) => reject(error instanceof Error ? error : new Error(String(error))),
    });
    if (ended) stop();
  });
}

const done = (events: BuildEvent[]): BuildSummary => {
  const d = events.find((e) => e.kind === 'done');
  if (d?.kind !== 'done') throw new Error(`no result: ${JSON.stringify(events.filter((e) => e.kind !== 'log'))}`);
  return d.summary;
};
const started = (events: BuildEvent[]) => events.find((e) => e.kind === 'started');
const text = (dockerfile: string, tags: string[], buildArgs: Record<string, string> = {}) => ({
  context: { kind: 'dockerfile', text: dockerfile },
  tags,
  buildArgs,
});

describe.each(testEndpoints())('builds on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let images: Images;
  const nonce = uniqueName('n');
  const tags: string[] = [];
  const tag = (name: string) => {
    const t = `wharf-test/bk-${name}-${nonce}:1`;
    tags.push(t);
    return t;
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    images = createImagesService(engine);
  });
  afterAll(async () => {
    for (const t of tags)
      await engine
        .docker()
        .getImage(t)
        .remove({ force: true })
        .catch(() => {});
    await engine?.dispose();
  });

  it('says which builder a build would use, and why', async () => {
    const builders = createBuilderService(engine);
    expect(await builders.requests['build.builder']({})).toEqual(
      kind === 'docker'
        ? { builder: 'buildkit', reason: 'buildkit-supported' }
        : { builder: 'buildah', reason: 'podman' },
    );
    expect(await builders.requests['build.builder']({ classic: true })).toEqual(
      kind === 'docker' ? { builder: 'classic', reason: 'classic-chosen' } : { builder: 'buildah', reason: 'podman' },
    );
  });

  // The cache mount outlives the build: the second build (its RUN not cached, the ARG changed) finds what the first wrote.
  const CACHE_MOUNT = `FROM ${TEST_IMAGE}
ARG RUN_ID
RUN --mount=type=cache,target=/cache,id=wharf-${nonce} echo "run-$RUN_ID" >> /cache/runs && cat /cache/runs && cp /cache/runs /seen
`;

  it('a cache mount keeps what one build wrote for the next', async () => {
    const t = tag('cache');
    const first = await build(images, text(CACHE_MOUNT, [t], { RUN_ID: 'one' }));
    expect(started(first)).toMatchObject(
      kind === 'docker'
        ? { builder: 'buildkit', command: expect.stringMatching(/^DOCKER_BUILDKIT=1 docker build -t /) }
        : { builder: 'buildah', reason: 'podman', command: expect.stringMatching(/^docker build -t /) },
    );
    done(first);
    const second = await build(images, text(CACHE_MOUNT, [t], { RUN_ID: 'two' }));
    const summary = done(second);
    const run = summary.steps.find((s) => s.instruction.includes('--mount=type=cache'));
    expect(run, JSON.stringify(summary.steps)).toBeDefined();
    expect(run!.cached).toBe(false);
    // What the step printed: both runs, the first one's line from the cache.
    expect(run!.output.join('\n')).toMatch(/run-one\s+run-two/);
    if (kind === 'docker') {
      expect(summary.builder).toBe('buildkit');
      expect(run!.state).toBe('done');
      expect(run!.label).toMatch(/(^| )2\/2$/);
    } else {
      expect(summary.builder).toBe('buildah');
    }
  });

  const MULTI = `FROM ${TEST_IMAGE} AS left
RUN echo "left-${nonce}" > /left && sleep 2
FROM ${TEST_IMAGE} AS right
RUN echo "right-${nonce}" > /right && sleep 2
FROM ${TEST_IMAGE}
COPY --from=left /left /left
COPY --from=right /right /right
`;

  it('multi-stage: two independent stages, then a rebuild from the cache', async () => {
    const t = tag('multi');
    const first = done(await build(images, text(MULTI, [t])));
    const second = await build(images, text(MULTI, [t]));
    const again = done(second);
    expect(again.imageId).toBe(first.imageId);
    if (kind !== 'docker') {
      expect(again.cachedSteps).toBeGreaterThan(0);
      return;
    }
    const left = first.steps.find((s) => s.stage === 'left' && s.instruction.startsWith('RUN'));
    const right = first.steps.find((s) => s.stage === 'right' && s.instruction.startsWith('RUN'));
    expect(left, JSON.stringify(first.steps)).toMatchObject({ label: 'left 2/2', state: 'done', cached: false });
    expect(right).toMatchObject({ label: 'right 2/2', state: 'done', cached: false });
    // BuildKit ran the two stages at once: each began before the other ended.
    expect(left!.startedAt!).toBeLessThan(right!.completedAt!);
    expect(right!.startedAt!).toBeLessThan(left!.completedAt!);
    // The rebuild: every step of the Dockerfile CACHED, the log says so as the terminal would.
    expect(again.totalSteps).toBeGreaterThanOrEqual(5);
    // FROM a local image may be looked up again or come from BuildKit's cache; every other step is CACHED.
    const own = again.steps.filter((s) => !s.internal);
    const rest = own.filter((s) => !s.instruction.startsWith('FROM'));
    expect(again.cachedSteps).toBeGreaterThanOrEqual(rest.length);
    expect(rest.length).toBeGreaterThanOrEqual(4);
    expect(rest.every((s) => s.state === 'cached')).toBe(true);
    expect(second.some((e) => e.kind === 'log' && /^#\d+ CACHED$/.test(e.text))).toBe(true);
    expect(second.some((e) => e.kind === 'log' && e.text.includes('[left 2/2] RUN echo'))).toBe(true);
  });

  it('a failing step is named with its output', async () => {
    const events = await build(images, text(`FROM ${TEST_IMAGE}\nRUN echo "about to fail" && exit 3\n`, []));
    const failed = events.find((e) => e.kind === 'failed');
    expect(failed, JSON.stringify(events)).toBeDefined();
    if (failed?.kind !== 'failed') return;
    expect(failed.cause).toBe('step');
    expect(failed.output).toContain('about to fail');
    expect(failed.message).toMatch(/exit code: 3|non-zero code: 3|exit status 3/);
    expect(failed.step?.instruction).toBe('RUN echo "about to fail" && exit 3');
    if (kind === 'docker')
      expect(failed.step).toMatchObject({ label: expect.stringMatching(/2\/2$/), state: 'failed' });
  });

  it.runIf(kind === 'docker')('a "# syntax=" frontend the engine cannot pull is named as such', async () => {
    const events = await build(images, text(`# syntax=docker/dockerfile:1.4\nFROM ${TEST_IMAGE}\n`, []));
    const failed = events.find((e) => e.kind === 'failed');
    expect(failed, JSON.stringify(events)).toMatchObject({ cause: 'frontend', frontend: 'docker/dockerfile:1.4' });
    // Not BuildKit's own failure: no second try with the classic builder.
    expect(events.filter((e) => e.kind === 'started')).toHaveLength(1);
  });

  describe.runIf(kind === 'docker' && hasRegistryTools() && hasStaticCxx())('a "# syntax=" frontend', () => {
    let registry: TestRegistry;
    let frontend: string;
    beforeAll(async () => {
      // No credentials: the engine pulls a frontend without the client's, as it would docker/dockerfile:1.
      registry = await startTestRegistry(undefined, undefined, { auth: false });
      frontend = await pushSyntaxFrontend(endpoint, registry.host, `wharf-test/syntax:${nonce}`);
    });
    afterAll(async () => {
      await engine
        ?.docker()
        .getImage(frontend)
        .remove({ force: true })
        .catch(() => {});
      await registry?.stop();
    });

    const SYNTAX = (ref: string) => `# syntax=${ref}
FROM ${TEST_IMAGE} AS left
ARG RUN_ID
RUN --mount=type=cache,target=/cache,id=wharf-syntax-${nonce} echo "run-$RUN_ID" >> /cache/runs && cp /cache/runs /left && sleep 2
FROM ${TEST_IMAGE} AS right
RUN echo "syntax-right-${nonce}" > /right && sleep 2
FROM ${TEST_IMAGE}
COPY --from=left /left /left
COPY --from=right /right /right
CMD ["cat", "/left", "/right"]
`;
    const logs = (events: BuildEvent[]) => events.flatMap((e) => (e.kind === 'log' ? [e.text] : []));

    it('pulled from a registry: a cache mount, two stages at once, a rebuild from the cache', async () => {
      const t = tag('syntax');
      const first = await build(images, text(SYNTAX(frontend), [t], { RUN_ID: 'one' }));
      const summary = done(first);
      expect(summary.builder).toBe('buildkit');
      // BuildKit resolved the frontend in the registry (the engine has no copy): its own steps, the image
      // pinned to the registry's digest. Its layers are CACHED when an earlier build pulled the same ones.
      const resolve = summary.steps.find((s) => s.instruction === `resolve image config for ${frontend}`);
      const pull = summary.steps.find((s) => s.instruction.startsWith(`docker-image://${frontend}@sha256:`));
      expect(resolve, JSON.stringify(summary.steps)).toMatchObject({ internal: true, state: 'done' });
      expect(pull, JSON.stringify(summary.steps)).toMatchObject({ internal: true, cached: expect.any(Boolean) });
      expect(pull!.state).toMatch(/^(done|cached)$/);
      const digest = pull!.instruction.slice(pull!.instruction.indexOf('@'));
      expect(logs(first)).toContain(`#${pull!.index} resolve ${frontend}${digest} done`);
      // The Dockerfile's steps, as the built-in frontend would name them: the two stages ran at once.
      const left = summary.steps.find((s) => s.stage === 'left' && s.instruction.startsWith('RUN'));
      const right = summary.steps.find((s) => s.stage === 'right' && s.instruction.startsWith('RUN'));
      expect(left).toMatchObject({ label: 'left 2/2', state: 'done', cached: false });
      expect(right).toMatchObject({ label: 'right 2/2', state: 'done', cached: false });
      expect(left!.startedAt!).toBeLessThan(right!.completedAt!);
      expect(right!.startedAt!).toBeLessThan(left!.completedAt!);
      expect(summary.totalSteps).toBeGreaterThanOrEqual(5);
      // The image is on the engine with the config the frontend returned (its CMD), and runs.
      expect(await dockerCli(endpoint, ['run', '--rm', t])).toBe(`run-one\nsyntax-right-${nonce}\n`);

      // The same build again: every step of the Dockerfile CACHED, the same image.
      const second = await build(images, text(SYNTAX(frontend), [t], { RUN_ID: 'one' }));
      const again = done(second);
      expect(again.imageId).toBe(summary.imageId);
      const rest = again.steps.filter((s) => !s.internal && !s.instruction.startsWith('FROM'));
      expect(rest.length).toBeGreaterThanOrEqual(4);
      expect(rest.every((s) => s.state === 'cached')).toBe(true);
      expect(again.cachedSteps).toBeGreaterThanOrEqual(rest.length);
      expect(logs(second).some((l) => /^#\d+ CACHED$/.test(l))).toBe(true);

      // Another RUN_ID: the cache-mount step runs again and finds what the first run wrote there.
      const third = done(await build(images, text(SYNTAX(frontend), [t], { RUN_ID: 'two' })));
      expect(third.steps.find((s) => s.stage === 'left' && s.instruction.startsWith('RUN'))).toMatchObject({
        state: 'done',
        cached: false,
      });
      expect(third.steps.find((s) => s.stage === 'right' && s.instruction.startsWith('RUN'))!.state).toBe('cached');
      expect(await dockerCli(endpoint, ['run', '--rm', t])).toBe(`run-one\nrun-two\nsyntax-right-${nonce}\n`);
    });

    it('a failing step behind the frontend is named with its output', async () => {
      const events = await build(
        images,
        text(`# syntax=${frontend}\nFROM ${TEST_IMAGE}\nRUN echo "about to fail" && exit 3\n`, []),
      );
      const failed = events.find((e) => e.kind === 'failed');
      expect(failed, JSON.stringify(events)).toMatchObject({
        cause: 'step',
        // The step's own error, as BuildKit reports it through the frontend.
        message: expect.stringMatching(/exit code: 3/),
        output: expect.arrayContaining(['about to fail']),
        step: { instruction: 'RUN echo "about to fail" && exit 3', state: 'failed' },
      });
    });

    // The frontend image was had: a base image the engine cannot pull is the Dockerfile's, as without "# syntax=".
    it("behind the frontend, a FROM the engine cannot pull is the Dockerfile's failure, not the frontend's", async () => {
      const missing = `wharf-test/missing-${nonce}:1`;
      const events = await build(images, text(`# syntax=${frontend}\nFROM ${missing}\nRUN true\n`, []));
      const failed = events.find((e) => e.kind === 'failed');
      expect(failed, JSON.stringify(events)).toMatchObject({
        cause: 'dockerfile',
        step: { internal: true, state: 'failed', instruction: expect.stringContaining(missing) },
      });
      expect(failed).not.toHaveProperty('frontend');
      // Not BuildKit's own failure: no second try with the classic builder.
      expect(events.filter((e) => e.kind === 'started')).toHaveLength(1);
      const plain = (await build(images, text(`FROM ${missing}\nRUN true\n`, []))).find((e) => e.kind === 'failed');
      expect(plain).toMatchObject({ cause: 'dockerfile' });
    });

    // BuildKit in dockerd 20.10 looks in the engine's own images first (its default resolve mode prefers
    // local): a frontend image the engine has is used even when its registry (port 1 here) cannot be reached.
    it('a frontend image the engine already has is used without its registry', async () => {
      const local = `127.0.0.1:1/wharf-test/syntax-local:${nonce}`;
      await dockerCli(endpoint, ['pull', frontend]);
      await dockerCli(endpoint, ['tag', frontend, local]);
      tags.push(local);
      const events = await build(
        images,
        text(`# syntax=${local}\nFROM ${TEST_IMAGE}\nRUN echo "local-${nonce}"\n`, []),
      );
      const summary = done(events);
      // Not pinned to a registry's digest, no layer pulled.
      const source = summary.steps.find((s) => s.instruction.startsWith('docker-image://'));
      expect(source, JSON.stringify(summary.steps)).toMatchObject({
        instruction: `docker-image://${local}`,
        internal: true,
      });
      expect(logs(events).some((l) => / sha256:[0-9a-f]{64} \d+\/\d+ done$/.test(l))).toBe(false);
      expect(summary.steps.find((s) => s.instruction.startsWith('RUN echo'))?.state).toMatch(/^(done|cached)$/);
    });
  });

  it.runIf(kind === 'docker')(
    'a Dockerfile BuildKit cannot read is refused before any step, in plain words',
    async () => {
      await expect(build(images, text(`FROM ${TEST_IMAGE}\nFROMM nothing\n`, []))).rejects.toMatchObject({
        key: 'build.dockerfileParse',
        params: { line: '2', problem: 'unknown instruction: FROMM' },
      });
    },
  );

  // The engine runs on this machine: its build's processes are in /proc.
  it.runIf(kind === 'docker' && endpoint.startsWith('unix://'))(
    'stopping a build stops the step BuildKit is running',
    async () => {
      const seconds = 1000 + Math.floor(Math.random() * 8000);
      const sleeping = () =>
        readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .some((pid) => {
            try {
              return readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${seconds}\0`;
            } catch {
              return false;
            }
          });
      let running = false;
      const stop = images.subscriptions['images.build'](
        contract['images.build'].input.parse(text(`FROM ${TEST_IMAGE}\nRUN sleep ${seconds}\n`, [])),
        {
          emit: (e) => {
            if (e.kind === 'step' && e.step.state === 'running' && e.step.instruction.includes('sleep')) running = true;
          },
          fail: () => {},
        },
      );
      await expect.poll(() => running && sleeping(), { timeout: 30_000 }).toBe(true);
      stop();
      await expect.poll(sleeping, { timeout: 30_000 }).toBe(false);
    },
  );

  it.runIf(kind === 'docker')('the classic builder when asked for, and the command says so', async () => {
    const t = tag('classic');
    const events = await build(images, { ...text(`FROM ${TEST_IMAGE}\nRUN echo classic\n`, [t]), classic: true });
    expect(started(events)).toMatchObject({
      builder: 'classic',
      reason: 'classic-chosen',
      command: `DOCKER_BUILDKIT=0 docker build -t ${t} -`,
    });
    expect(done(events)).toMatchObject({ builder: 'classic', totalSteps: 2 });
    const described = await images.requests['images.describe']({ action: 'build', ...text('FROM x', [t]) } as never);
    expect(described.command).toBe(`DOCKER_BUILDKIT=1 docker build -t ${t} -`);
  });
});
