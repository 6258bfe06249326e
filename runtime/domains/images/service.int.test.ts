// Images against the real engines and a real local registry: build with the
// cache, layers, tag, login, push, remove, pull back, wrong credentials,
// in-use removal, prune of one dangling image, save and load.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventOf, type InputOf, type SubscriptionName, contract } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { BuildEvent, BuildSummary } from '../build/types';
import type { TransferEvent } from './types';
import type { ServiceHandlers } from '../../transport/handlers';
import { createMemoryCredentialStore } from '../registry/credentials';
import { createRegistryService } from '../registry/service';
import { createImagesService } from './service';
import { busyboxContext } from '../../test-support/test-image';
import {
  type TestEngine,
  TEST_IMAGE,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { type TestRegistry, hasRegistryTools, startTestRegistry } from '../../test-support/test-registry';

type Images = ReturnType<typeof createImagesService>;
type Subs = Images extends ServiceHandlers<never, infer S> ? S : never;

/** Runs a subscription to its end: resolves with every event when the last one is final, rejects on fail. */
function collect<K extends Subs & SubscriptionName>(
  images: Images,
  name: K,
  input: InputOf<K>,
  final: (e: EventOf<K>) => boolean,
): Promise<Array<EventOf<K>>> {
  return new Promise((resolve, reject) => {
    const events: Array<EventOf<K>> = [];
    let stop: (() => void) | undefined;
    let ended = false;
    const handler = images.subscriptions[name] as unknown as (
      i: unknown,
      sink: { emit(e: EventOf<K>): void; fail(e: unknown): void },
    ) => () => void;
    // As the router does: the handler gets the input after validation and defaults.
    // eslint-disable-next-line prefer-const -- declared first: the sink below may be called (and read it) before handler returns
    stop = handler(contract[name].input.parse(input), {
      emit: (e) => {
        events.push(e);
        if (final(e)) {
          ended = true;
          stop?.();
          resolve(events);
        }
      },
      fail: (error) => {
        ended = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    });
    if (ended) stop();
  });
}

const buildEnded = (e: BuildEvent) => e.kind === 'done' || e.kind === 'failed';
const transferEnded = (e: TransferEvent) => e.kind === 'done';

const STAMPED_DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY . /ctx/
RUN ["/bin/sh", "-c", "echo built > /built.txt"]
CMD ["/bin/sh"]
`;

const registryTools = hasRegistryTools();

describe.each(testEndpoints())('images on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let images: Images;
  let registries: ReturnType<typeof createRegistryService>;
  let registry: TestRegistry | undefined;
  const tag = `wharf-test/build-${uniqueName('img')}:1`;
  const cleanup: string[] = [];
  const containers: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wharf-images-'));

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    const credentials = createMemoryCredentialStore();
    images = createImagesService(engine, credentials);
    registries = createRegistryService(engine, credentials);
    if (registryTools) registry = await startTestRegistry();
  });

  afterAll(async () => {
    if (containers.length > 0) await dockerCli(endpoint, ['rm', '-f', ...containers]).catch(() => {});
    for (const ref of cleanup)
      await engine
        .docker()
        .getImage(ref)
        .remove({ force: true })
        .catch(() => {});
    await registry?.stop();
    await engine?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  let summary: BuildSummary;

  it('builds a folder with .dockerignore honoured, and a second build comes from the cache', async () => {
    const context = await busyboxContext({
      'stamp.txt': `${Math.random()}\n`,
      'secret.env': 'PASSWORD=x\n',
      'debug.log': 'noise\n',
      '.dockerignore': 'secret.env\n*.log\n',
    });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(context.dir, 'Dockerfile'), STAMPED_DOCKERFILE);
    cleanup.push(tag);
    try {
      // The classic builder on both engines (BuildKit's steps: ../build/buildkit.int.test.ts).
      const input = { context: { kind: 'folder' as const, path: context.dir }, tags: [tag], classic: true };
      const first = await collect(images, 'images.build', input, buildEnded);
      const started = first[0];
      expect(started).toMatchObject({ kind: 'started', ignored: 2, contextFiles: 4 });
      expect(started?.kind === 'started' && started.command).toBe(
        `${kind === 'docker' ? 'DOCKER_BUILDKIT=0 ' : ''}docker build -t ${tag} ${context.dir}`,
      );
      const firstDone = first.find((e) => e.kind === 'done');
      expect(firstDone, JSON.stringify(first.filter((e) => e.kind !== 'log'))).toBeDefined();
      // The stamp is new: from COPY . /ctx/ on nothing can come from the cache.
      const firstSummary = firstDone!.kind === 'done' ? firstDone!.summary : undefined;
      expect(firstSummary!.totalSteps).toBe(6);
      expect(firstSummary!.steps.slice(3).map((s) => s.cached)).toEqual([false, false, false]);
      expect(first.some((e) => e.kind === 'log' && /Step 4\/6|STEP 4\/6/.test(e.text))).toBe(true);

      const second = await collect(images, 'images.build', input, buildEnded);
      const done = second.find((e) => e.kind === 'done');
      summary = done!.kind === 'done' ? done!.summary : (undefined as never);
      // Every step but FROM scratch says "Using cache".
      expect(summary.cachedSteps).toBe(5);
      expect(summary.steps.map((s) => [s.index, s.cached])).toEqual([
        [1, false],
        [2, true],
        [3, true],
        [4, true],
        [5, true],
        [6, true],
      ]);
      expect(summary.steps[3]!.instruction).toBe('COPY . /ctx/');
      expect(summary.imageId).toBe(firstSummary!.imageId);
    } finally {
      await context.dispose();
    }
    const listing = await dockerCli(endpoint, ['run', '--rm', tag, 'ls', '-a', '/ctx']);
    expect(listing.split('\n')).toEqual(
      expect.arrayContaining(['Dockerfile', 'busybox', 'stamp.txt', '.dockerignore']),
    );
    expect(listing).not.toContain('secret.env');
    expect(listing).not.toContain('debug.log');
  });

  it('a failed build names the failing step and its output', async () => {
    const events = await collect(
      images,
      'images.build',
      {
        context: { kind: 'dockerfile', text: `FROM ${TEST_IMAGE}\nRUN echo about to fail && exit 3\nCMD ["sh"]\n` },
        tags: [],
        classic: true,
      },
      buildEnded,
    );
    const failed = events.find((e) => e.kind === 'failed');
    expect(failed, JSON.stringify(events)).toBeDefined();
    if (failed?.kind !== 'failed') return;
    expect(failed.step).toMatchObject({
      index: 2,
      total: 3,
      instruction: 'RUN echo about to fail && exit 3',
      cached: false,
    });
    expect(failed.output).toContain('about to fail');
    expect(failed.message).toMatch(/exit|non-zero|3/);
  });

  it('history: the instruction that made each layer, empty ones marked, sizes sum to the image size', async () => {
    const h = await images.requests['images.history']({ image: tag });
    // Podman's image size also counts its config and manifest (a few KB more than the layers).
    if (kind === 'docker') expect(h.total).toBe(h.imageSize);
    else expect(Math.abs(h.total - h.imageSize)).toBeLessThan(16 * 1024);
    expect(h.imageSize).toBeGreaterThan(1_000_000);
    expect(h.layers[0]).toMatchObject({ instruction: 'CMD ["/bin/sh"]', empty: true, size: 0 });
    const copy = h.layers.find((l) => l.instruction.startsWith('COPY') && l.size > 1_000_000);
    expect(copy?.empty).toBe(false);
    expect(
      h.layers.some(
        (l) => l.instruction === 'RUN /bin/sh -c echo built > /built.txt' || l.instruction.includes('echo built'),
      ),
    ).toBe(true);
    expect(h.command).toBe(`docker history ${tag}`);
  });

  it('remove is refused while a container uses the image, naming it', async () => {
    const name = uniqueName('wharf-img-user');
    await dockerCli(endpoint, ['create', '--name', name, tag]);
    containers.push(name);
    const error = await images.requests['images.remove']({ image: tag }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('conflict');
    expect((error as ApiError).message).toContain(name);
    await dockerCli(endpoint, ['rm', name]);
  });

  it('prune preview shows a dangling image, and prune of the preview removes exactly it', async () => {
    const dangling = uniqueName('wharf-test/dangling');
    cleanup.push(dangling);
    const build = (text: string) =>
      collect(images, 'images.build', { context: { kind: 'dockerfile', text }, tags: [dangling] }, buildEnded);
    const one = (await build(`FROM ${TEST_IMAGE}\nLABEL wharf.test="${Math.random()}"\n`)).find(
      (e) => e.kind === 'done',
    );
    const oldId = one?.kind === 'done' ? one.summary.imageId : '';
    await build(`FROM ${TEST_IMAGE}\nLABEL wharf.test="${Math.random()}"\n`);
    const preview = await images.requests['images.prunePreview']({});
    expect(preview.images.map((i) => i.id)).toContain(oldId);
    expect(preview.command).toBe('docker image prune -f');
    const result = await images.requests['images.prune']({ ids: [oldId] });
    expect(result.removed).toEqual([oldId]);
    await expect(engine.docker().getImage(oldId).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('save to a tar and load it back', async () => {
    const file = join(dir, 'image.tar');
    const saved = await images.requests['images.save']({ images: [tag], file });
    expect(saved.bytes).toBe(statSync(file).size);
    expect(saved.bytes).toBeGreaterThan(1_000_000);
    const loaded = await images.requests['images.load']({ file });
    expect(loaded.loaded.join(' ')).toContain(kind === 'podman' ? 'build-' : tag);
  });

  it('a cancelled save leaves no file, not even a partial one', async () => {
    const file = join(dir, 'cancelled.tar');
    const controller = new AbortController();
    controller.abort();
    await expect(
      images.requests['images.save']({ images: [TEST_IMAGE], file }, { signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
    expect(readdirSync(dir).filter((name) => name.includes('cancelled.tar'))).toEqual([]);
  });

  it('load from chunks streams a tar into the engine; an aborted or cancelled upload loads nothing', async () => {
    const loadTag = `wharf-test/upload-${uniqueName('u')}:1`;
    await images.requests['images.tag']({ source: tag, target: loadTag });
    const file = join(dir, 'upload.tar');
    await images.requests['images.save']({ images: [loadTag], file });
    await images.requests['images.untag']({ ref: loadTag });
    const upload = readFileSync(file);
    const begun = await images.requests['images.loadBegin']({});
    expect(begun.command).toBe('docker load');
    let sent = 0;
    for (let at = 0; at < upload.length; at += 512 * 1024) {
      const part = upload.subarray(at, at + 512 * 1024);
      sent = (
        await images.requests['images.loadChunk'](
          contract['images.loadChunk'].input.parse({ upload: begun.upload, base64: part.toString('base64') }),
        )
      ).bytes;
    }
    expect(sent).toBe(upload.length);
    const loaded = await images.requests['images.loadCommit']({ upload: begun.upload });
    cleanup.push(loadTag);
    expect(loaded.loaded.join(' ')).toContain(kind === 'podman' ? 'upload-' : loadTag);
    await expect(images.requests['images.loadCommit']({ upload: begun.upload })).rejects.toMatchObject({
      code: 'not-found',
    });

    await images.requests['images.untag']({ ref: loadTag });
    const cancelled = await images.requests['images.loadBegin']({});
    await images.requests['images.loadChunk']({
      upload: cancelled.upload,
      base64: upload.subarray(0, 4096).toString('base64'),
    });
    expect(await images.requests['images.loadAbort']({ upload: cancelled.upload })).toEqual({ aborted: true });
    await expect(engine.docker().getImage(loadTag).inspect()).rejects.toMatchObject({ statusCode: 404 });

    // The whole tar sent, then its commit cancelled by the envelope: the upload is dropped, nothing loaded.
    const withdrawn = await images.requests['images.loadBegin']({});
    for (let at = 0; at < upload.length; at += 512 * 1024) {
      await images.requests['images.loadChunk']({
        upload: withdrawn.upload,
        base64: upload.subarray(at, at + 512 * 1024).toString('base64'),
      });
    }
    const abort = new AbortController();
    const committing = images.requests['images.loadCommit']({ upload: withdrawn.upload }, { signal: abort.signal });
    abort.abort();
    await expect(committing).rejects.toBeDefined();
    expect(await images.requests['images.loadAbort']({ upload: withdrawn.upload })).toEqual({ aborted: false });
    await expect(engine.docker().getImage(loadTag).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  // Podman 4.3's compat pull (/images/create) ignores tlsVerify and so cannot reach a
  // plain-HTTP registry unless registries.conf marks it insecure; its libpod pull can.
  describe.skipIf(!registryTools || kind === 'podman')('with a local registry', () => {
    it('wrong credentials give a plain error and save nothing', async () => {
      const error = await registries.requests['registry.login']({
        registry: registry!.host,
        username: registry!.username,
        password: 'wrong',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('forbidden');
      expect((error as ApiError).message).toBe(
        `The registry ${registry!.host} did not accept the user name and password.`,
      );
      expect(await registries.requests['registry.list']({})).toEqual([]);
    });

    it('push without a login is refused in plain words', async () => {
      const remote = `${registry!.host}/wharf/noauth:1`;
      await images.requests['images.tag']({ source: tag, target: remote });
      cleanup.push(remote);
      const error = await collect(images, 'images.push', { image: remote }, transferEnded).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('forbidden');
    });

    it('tag, log in, push with progress, remove locally, pull back with progress', async () => {
      const login = await registries.requests['registry.login']({
        registry: registry!.host,
        username: registry!.username,
        password: registry!.password,
      });
      expect(login).toMatchObject({
        registry: registry!.host,
        username: registry!.username,
        command: `docker login -u ${registry!.username} --password-stdin ${registry!.host}`,
      });
      const listed = await registries.requests['registry.list']({});
      expect(listed).toEqual([
        { registry: registry!.host, username: registry!.username, savedAt: login.savedAt, source: 'wharf' },
      ]);
      expect(JSON.stringify(listed)).not.toContain(registry!.password);

      const remote = `${registry!.host}/wharf/busybox-${uniqueName('t')}:1`;
      const tagged = await images.requests['images.tag']({ source: tag, target: remote });
      expect(tagged.command).toBe(`docker tag ${tag} ${remote}`);
      cleanup.push(remote);

      const pushed = await collect(images, 'images.push', { image: remote }, transferEnded);
      expect(pushed[0]).toEqual({ kind: 'started', command: `docker push ${remote}` });
      const pushLayers = pushed.filter((e) => e.kind === 'layer');
      expect(pushLayers.length).toBeGreaterThan(0);
      const done = pushed[pushed.length - 1];
      expect(done?.kind).toBe('done');
      if (done?.kind !== 'done') return;
      expect(done.overall.layersDone).toBe(done.overall.layers);
      expect(done.overall.layers).toBeGreaterThanOrEqual(3);

      // Untag takes one name; the image stays under its build tag.
      const untagged = await images.requests['images.untag']({ ref: remote });
      expect(untagged.untagged).toContain(remote);
      expect(untagged.deleted).toEqual([]);
      expect(untagged.command).toBe(`docker rmi ${remote}`);
      await expect(engine.docker().getImage(remote).inspect()).rejects.toMatchObject({ statusCode: 404 });
      // Gone locally under every name, so the pull must fetch it.
      const removed = await images.requests['images.remove']({ image: summary.imageId, force: true });
      expect(removed.deleted).toContain(summary.imageId);
      await expect(engine.docker().getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });

      const pulled = await collect(images, 'images.pull', { image: remote }, transferEnded);
      expect(pulled[0]).toEqual({ kind: 'started', command: `docker pull ${remote}` });
      const layers = pulled.flatMap((e) => (e.kind === 'layer' ? [e.layer] : []));
      // The layers only this image has are downloaded, with bytes counted; the busybox ones are already here.
      const downloading = layers.filter((l) => l.status === 'Downloading');
      expect(downloading.length).toBeGreaterThan(0);
      expect(downloading.every((l) => l.total !== undefined && l.total > 0)).toBe(true);
      expect(layers.some((l) => l.status === 'Pull complete' && l.done)).toBe(true);
      const last = pulled[pulled.length - 1];
      expect(last?.kind === 'done' && last.overall.layersDone).toBe(last?.kind === 'done' && last.overall.layers);
      expect(((await engine.docker().getImage(remote).inspect()) as { Id: string }).Id).toBe(summary.imageId);
    });

    it('pulling a name the registry does not hold says so', async () => {
      const error = await collect(
        images,
        'images.pull',
        { image: `${registry!.host}/wharf/nothing-here:1` },
        transferEnded,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('not-found');
      expect((error as ApiError).message).toBe(`The registry has no image ${registry!.host}/wharf/nothing-here:1.`);
    });

    it('logout forgets the login', async () => {
      const out = await registries.requests['registry.logout']({ registry: registry!.host });
      expect(out).toEqual({ removed: true, command: `docker logout ${registry!.host}` });
      expect(await registries.requests['registry.list']({})).toEqual([]);
    });
  });
});
