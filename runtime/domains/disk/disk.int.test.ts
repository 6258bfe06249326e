// The Disk page's numbers and clean-up against the real engines, each checked
// with the engine's own CLI (`docker system df`, `podman system df`).
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelperPool } from '../files/helper';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  removeTestLeftovers,
  shell,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { contract } from '../../api/contract';
import { createImagesService } from '../images/service';
import { createDiskService } from './service';
import type { DiskPrunePreview, DiskUsage } from './types';

const engines = testEndpoints();

/** units.HumanSize's text ("1.985MB", "0B", "512kB") as bytes. */
function humanBytes(text: string): number {
  const m = /^([\d.]+)\s*([kMGTP]?B)$/.exec(text.trim());
  if (m === null) throw new Error(`not a size: ${text}`);
  const scale = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 }[m[2]!]!;
  return Number(m[1]) * scale;
}

/** HumanSize keeps 4 significant digits. */
const closeTo = (bytes: number, text: string) => Math.abs(bytes - humanBytes(text)) <= bytes * 0.0005 + 0.5;

function podman(endpoint: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--url', endpoint, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(stdout),
    );
  });
}

const jsonLines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

describe.skipIf(engines.length === 0).each(engines)('disk usage and clean-up on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  let disk: ReturnType<typeof createDiskService>;
  const containers: string[] = [];
  const volumes: string[] = [];
  const networks: string[] = [];
  const cli = (...args: string[]) => dockerCli(endpoint, args);

  const named = (prefix: string, list: string[]) => {
    const name = uniqueName(`wharf-disk-${prefix}`);
    list.push(name);
    return name;
  };
  /** A volume holding `bytes` of data. */
  const volumeWith = async (bytes: number) => {
    const name = named('vol', volumes);
    await cli('volume', 'create', name);
    await cli('run', '--rm', '-v', `${name}:/d`, TEST_IMAGE, 'sh', '-c', `head -c ${bytes} /dev/urandom > /d/data`);
    return name;
  };
  /** A container that wrote `bytes` into its layer, then stopped (or runs on). */
  const containerWith = async (bytes: number, running: boolean) => {
    const name = named('ctr', containers);
    await cli(
      'run',
      '-d',
      '--name',
      name,
      TEST_IMAGE,
      'sh',
      '-c',
      `head -c ${bytes} /dev/urandom > /blob; ${running ? 'sleep 600' : 'true'}`,
    );
    if (!running) await cli('wait', name);
    return (await cli('inspect', '-f', '{{.Id}}', name)).trim();
  };
  const danglingImage = async () =>
    (
      await shell(
        endpoint,
        `printf 'FROM ${TEST_IMAGE}\\nRUN echo ${uniqueName('x')} > /marker\\n' | docker build -q - 2>/dev/null`,
      )
    ).trim();
  const exists = (what: string, id: string) =>
    cli(what, 'inspect', id).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    disk = createDiskService(engine, pool);
  });
  afterAll(async () => {
    for (const n of networks) await cli('network', 'rm', n).catch(() => {});
    await removeTestLeftovers({ endpoint, services: [pool], containers, volumes, engine });
  });

  it('shows the totals the CLI shows, and a volume’s and a container’s size', async () => {
    const vol = await volumeWith(300_000);
    const running = await containerWith(50_000, true);
    const stopped = await containerWith(120_000, false);
    const usage: DiskUsage = await disk.requests['disk.usage']({});

    expect(usage.volumes.items.find((v) => v.name === vol)?.size).toBeGreaterThanOrEqual(300_000);
    const layer = (id: string) => usage.containers.items.find((c) => c.id === id);
    expect(layer(stopped)).toMatchObject({ active: false });
    expect(layer(stopped)!.sizeRw).toBeGreaterThanOrEqual(120_000);
    expect(layer(running)).toMatchObject({ active: true });
    expect(usage.containers.reclaimable).toBeGreaterThanOrEqual(120_000);

    if (kind === 'docker') {
      type Row = { Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string };
      const rows = jsonLines<Row>(await cli('system', 'df', '--format', '{{json .}}'));
      const row = (type: string) => rows.find((r) => r.Type === type)!;
      const check = (type: string, category: { count: number; active: number; size: number; reclaimable: number }) => {
        const r = row(type);
        expect([Number(r.TotalCount), Number(r.Active)], type).toEqual([category.count, category.active]);
        expect(closeTo(category.size, r.Size), `${type} size ${category.size} vs ${r.Size}`).toBe(true);
        expect(
          closeTo(category.reclaimable, r.Reclaimable.replace(/\s*\(.*\)$/, '')),
          `${type} reclaimable ${category.reclaimable} vs ${r.Reclaimable}`,
        ).toBe(true);
      };
      check('Images', usage.images);
      check('Containers', usage.containers);
      check('Local Volumes', usage.volumes);
      check('Build Cache', usage.buildCache);
      // The verbose report, item by item.
      const verbose = JSON.parse(await cli('system', 'df', '-v', '--format', '{{json .}}')) as {
        Images: Array<{ ID: string; Size: string; SharedSize: string; UniqueSize: string }>;
        Containers: Array<{ ID: string; Size: string; State: string }>;
        Volumes: Array<{ Name: string; Size: string; Links: string }>;
      };
      expect(usage.containers.items.map((c) => c.id).sort()).toEqual(verbose.Containers.map((c) => c.ID).sort());
      for (const c of verbose.Containers) {
        const ours = layer(c.ID)!;
        expect(closeTo(ours.sizeRw, c.Size), `${c.ID} layer ${ours.sizeRw} vs ${c.Size}`).toBe(true);
        expect(ours.state).toBe(c.State);
      }
      for (const v of verbose.Volumes) {
        const ours = usage.volumes.items.find((x) => x.name === v.Name)!;
        expect(ours.refCount, v.Name).toBe(Number(v.Links));
      }
      for (const i of verbose.Images) {
        const ours = usage.images.items.find((x) => x.id === i.ID)!;
        expect(closeTo(ours.uniqueSize!, i.UniqueSize), `${i.ID} unique`).toBe(true);
        expect(closeTo(ours.sharedSize!, i.SharedSize), `${i.ID} shared`).toBe(true);
      }
      const cliVol = verbose.Volumes.find((v) => v.Name === vol)!;
      expect(closeTo(usage.volumes.items.find((v) => v.name === vol)!.size!, cliVol.Size)).toBe(true);
    } else {
      // Podman's own report gives bytes; its images total counts layers once per image, so only the count of top-level images is compared.
      type Row = { Type: string; Total: number; Active: number; Size: number; Reclaimable: number };
      const rows = jsonLines<Row>(await podman(endpoint, ['system', 'df', '--format', '{{json .}}']));
      const row = (type: string) => rows.find((r) => r.Type === type)!;
      for (const [type, category] of [
        ['Containers', usage.containers],
        ['Local Volumes', usage.volumes],
      ] as const) {
        expect(
          { count: category.count, active: category.active, size: category.size, reclaimable: category.reclaimable },
          type,
        ).toEqual({
          count: row(type).Total,
          active: row(type).Active,
          size: row(type).Size,
          reclaimable: row(type).Reclaimable,
        });
      }
      const ids = new Set((await cli('images', '-q', '--no-trunc')).split('\n').filter(Boolean));
      expect(usage.images.count).toBe(ids.size);
      expect(usage.images.sizeExact).toBe(false);
      expect(usage.buildCache.supported).toBe(false);
    }
  });

  /** Two BuildKit steps' cache records, through the build Wharf runs (the image itself is removed). */
  const buildKitRecords = () =>
    new Promise<void>((resolve, reject) => {
      const tag = `wharf-test/disk-bk-${uniqueName('b')}:1`;
      const images = createImagesService(engine);
      const input = contract['images.build'].input.parse({
        context: { kind: 'dockerfile', text: `FROM ${TEST_IMAGE}\nRUN echo ${tag} > /a\nRUN echo two > /b\n` },
        tags: [tag],
        buildArgs: {},
      });
      const stop = images.subscriptions['images.build'](input, {
        emit: (e) => {
          if (e.kind === 'failed') reject(new Error(JSON.stringify(e)));
          if (e.kind !== 'done') return;
          setTimeout(() => stop(), 0);
          void cli('rmi', tag).then(() => resolve(), reject);
        },
        fail: (error) => reject(error instanceof Error ? error : new Error(String(error))),
      });
    });

  it('removes exactly what the preview listed, and keeps what started after it', async () => {
    const stopped = await containerWith(10_000, false);
    // Created, never started: stopped, so in the preview; started before the clean-up.
    const startedLater = (await cli('create', '--name', named('later', containers), TEST_IMAGE, 'sleep', '600')).trim();
    const image = await danglingImage();
    const vol = await volumeWith(200_000);
    const kept = await volumeWith(1000);
    await cli('run', '-d', '--name', named('user', containers), '-v', `${kept}:/k`, TEST_IMAGE, 'sleep', '600');
    const net = named('net', networks);
    await cli('network', 'create', net);
    // On Docker, a BuildKit build leaves several build cache records (one prune call takes one id).
    if (kind === 'docker') await buildKitRecords();

    const preview: DiskPrunePreview = await disk.requests['disk.prunePreview']({
      containers: true,
      images: 'dangling',
      volumes: 'all',
      buildCache: true,
      networks: true,
    });
    const ids = (k: string) => preview.parts.find((p) => p.kind === k)?.items.map((i) => i.id) ?? [];
    expect(ids('containers')).toEqual(expect.arrayContaining([stopped, startedLater]));
    expect(ids('images').map((i) => i.replace(/^sha256:/, ''))).toContain(image.replace(/^sha256:/, ''));
    expect(ids('volumes')).toContain(vol);
    expect(ids('volumes')).not.toContain(kept);
    expect(preview.parts.find((p) => p.kind === 'networks')?.items.map((i) => i.label)).toContain(net);
    expect(
      preview.parts.find((p) => p.kind === 'volumes')?.items.find((i) => i.id === vol)?.bytes,
    ).toBeGreaterThanOrEqual(200_000);
    expect(preview.unsupported).toEqual(kind === 'podman' ? ['buildCache'] : []);

    // Started between the preview and the clean-up: it must stay.
    await cli('start', startedLater);
    // Stopped after the preview: not in it, so it stays too.
    const after = named('after', containers);
    await cli('run', '--name', after, TEST_IMAGE, 'true');

    const result = await disk.requests['disk.prune']({
      containers: ids('containers'),
      images: ids('images'),
      volumes: ids('volumes'),
      buildCache: ids('buildCache'),
      networks: ids('networks'),
    });
    const removed = (k: string) => result.parts.find((p) => p.kind === k)?.removed ?? [];
    expect(removed('containers').sort()).toEqual(
      ids('containers')
        .filter((i) => i !== startedLater)
        .sort(),
    );
    expect(result.parts.find((p) => p.kind === 'containers')?.failed.map((f) => f.id)).toEqual([startedLater]);
    expect(removed('images').sort()).toEqual(ids('images').sort());
    expect(removed('volumes').sort()).toEqual(ids('volumes').sort());
    expect(removed('networks').sort()).toEqual(ids('networks').sort());
    // Every previewed build cache record goes (one prune call per id; shared ones are not listed).
    expect(removed('buildCache').sort()).toEqual(ids('buildCache').sort());
    if (kind === 'docker') expect(removed('buildCache').length).toBeGreaterThan(1);
    // The space given back is what the preview promised for what went.
    const promised = (k: string, gone: readonly string[]) =>
      preview.parts
        .find((p) => p.kind === k)!
        .items.filter((i) => gone.includes(i.id))
        .reduce((n, i) => n + (i.bytes ?? 0), 0);
    for (const k of ['containers', 'images', 'volumes'])
      expect(result.parts.find((p) => p.kind === k)?.bytes, k).toBe(promised(k, removed(k)));
    expect(result.bytes).toBe(result.parts.reduce((n, p) => n + p.bytes, 0));
    expect(promised('containers', [stopped])).toBeGreaterThanOrEqual(10_000);

    expect(await exists('container', stopped)).toBe(false);
    expect(await exists('container', startedLater)).toBe(true);
    expect(await exists('container', after)).toBe(true);
    expect(await exists('image', image)).toBe(false);
    expect(await exists('volume', vol)).toBe(false);
    expect(await exists('volume', kept)).toBe(true);
    expect(await exists('network', net)).toBe(false);
    expect(await exists('image', TEST_IMAGE)).toBe(true);
  });

  it('anonymous-only keeps named volumes', async () => {
    const name = await volumeWith(10);
    const anonymous = (await cli('volume', 'create')).trim();
    volumes.push(anonymous);
    const preview = await disk.requests['disk.prunePreview']({
      containers: false,
      images: 'none',
      volumes: 'anonymous',
      buildCache: false,
      networks: false,
    });
    const ids = preview.parts.find((p) => p.kind === 'volumes')!.items.map((i) => i.id);
    expect(ids).toContain(anonymous);
    expect(ids).not.toContain(name);
  });
});
