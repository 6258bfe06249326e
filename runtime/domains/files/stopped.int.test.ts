// Renaming and deleting in a stopped Docker container (through the archive
// endpoint, see files/stopped.ts), checked with the docker CLI: what the
// engine holds afterwards, exactly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFileBytes } from './content';
import { createHelperPool } from './helper';
import { resolvePlace } from './place';
import { createFilesService } from './service';
import { SNAPSHOT_LABEL, removeStaleSnapshots } from './snapshot';
import { listImages } from '../images/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  shell,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const docker = testEndpoints().find((e) => e.kind === 'docker');

describe.skipIf(docker === undefined)('files in a stopped Docker container', () => {
  const endpoint = docker?.endpoint ?? '';
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const pool = createHelperPool({ idleMs: 30_000 });
  const image = `wharf-test/stopped-layers:${uniqueName('t')}`;
  const containers: string[] = [];
  const volumes: string[] = [];
  const bind = mkdtempSync(join(tmpdir(), 'wharf-stopped-bind-'));
  let engine: TestEngine;
  let files: ReturnType<typeof createFilesService>;

  /** A stopped container from the layered image: /srv/img from the image, /srv/own written by the container, a volume at /data, a bind mount at /bindm. */
  const stoppedContainer = async () => {
    const name = uniqueName('wharf-stopped');
    const vol = uniqueName('wharf-stopped-vol');
    containers.push(name);
    volumes.push(vol);
    await cli(
      'run',
      '--name',
      name,
      '-v',
      `${vol}:/data`,
      '-v',
      `${bind}:/bindm`,
      image,
      'sh',
      '-c',
      'test -e /made && exit 0; touch /made && mkdir -p /srv/own/deep && echo w > /srv/own/f && echo d > /srv/own/deep/g && ln /srv/own/f /srv/own/hard && ln -s f /srv/own/l && ln -s / /srv/up && echo v > /data/inside',
    );
    return { name, vol, target: { kind: 'container' as const, id: name } };
  };
  /** Every path under `dir` in the container, as `docker cp` copies it out. */
  const tree = async (name: string, dir: string) =>
    (await shell(endpoint, `docker cp ${name}:${dir} - | tar -t | sed 's:/$::' | sort`)).trim().split('\n');
  const cat = async (name: string, path: string) => shell(endpoint, `docker cp ${name}:${path} - | tar -xO`);

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    files = createFilesService(engine, pool);
    writeFileSync(join(bind, 'host.txt'), 'from the host');
    await shell(
      endpoint,
      `printf 'FROM ${TEST_IMAGE}\\nRUN mkdir -p /srv/img/sub && echo one > /srv/img/a && echo two > /srv/img/sub/b && echo keep > /srv/keep\\n' | docker build -q -t ${image} -`,
    );
  });

  afterAll(async () => {
    await files?.dispose();
    await pool.dispose();
    if (containers.length > 0) await cli('rm', '-f', ...containers).catch(() => {});
    for (const v of volumes) await cli('volume', 'rm', '-f', v).catch(() => {});
    await cli('rmi', '-f', image).catch(() => {});
    await engine?.dispose();
    rmSync(bind, { recursive: true, force: true });
  });

  it('deletes files and folders from the image and from the container, and a link without what it points to', async () => {
    const { name, vol, target } = await stoppedContainer();
    const del = (path: string, recursive = false) => files.requests['files.delete']({ target, path, recursive });
    const result = await del('/srv/img/a');
    expect(result.commands).toEqual([
      `docker cp ${name}:/srv/img/a ./a`,
      `# no docker command removes a path from a stopped container: Wharf removes /srv/img/a through the engine's archive endpoint (PUT /containers/${name}/archive)`,
    ]);
    await del('/srv/own/f');
    await expect(del('/srv/img/sub')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not empty/),
    });
    await del('/srv/img/sub', true);
    await del('/srv/own/deep', true);
    await del('/srv/up');
    await del('/data/inside');
    await expect(del('/srv/nothing')).rejects.toMatchObject({ code: 'not-found' });
    expect(await tree(name, '/srv')).toEqual(['srv', 'srv/img', 'srv/keep', 'srv/own', 'srv/own/hard', 'srv/own/l']);
    expect(await cat(name, '/srv/own/hard')).toBe('w\n');
    expect(await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'ls', '-A', '/d')).toBe('');
    // The container starts and sees the same.
    await cli('start', '-a', name);
    expect(await tree(name, '/srv')).toEqual(['srv', 'srv/img', 'srv/keep', 'srv/own', 'srv/own/hard', 'srv/own/l']);
  });

  it('renames a file from the image and a folder the container wrote, links inside it kept', async () => {
    const { name, target } = await stoppedContainer();
    const renamed = await files.requests['files.rename']({ target, path: '/srv/keep', name: 'kept' });
    expect(renamed.entry).toMatchObject({ path: '/srv/kept', type: 'file', size: 5 });
    expect(renamed.commands).toEqual([
      `docker cp ${name}:/srv/keep ./kept`,
      `docker cp ./kept ${name}:/srv/kept`,
      `# no docker command removes a path from a stopped container: Wharf removes /srv/keep through the engine's archive endpoint (PUT /containers/${name}/archive)`,
    ]);
    const folder = await files.requests['files.rename']({ target, path: '/srv/own', name: 'mine' });
    expect(folder.entry).toMatchObject({ path: '/srv/mine', type: 'dir' });
    await expect(files.requests['files.rename']({ target, path: '/srv/mine', name: 'img' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await tree(name, '/srv')).toEqual([
      'srv',
      'srv/img',
      'srv/img/a',
      'srv/img/sub',
      'srv/img/sub/b',
      'srv/kept',
      'srv/mine',
      'srv/mine/deep',
      'srv/mine/deep/g',
      'srv/mine/f',
      'srv/mine/hard',
      'srv/mine/l',
      'srv/up',
    ]);
    expect(await cat(name, '/srv/kept')).toBe('keep\n');
    await cli('start', '-a', name);
    const inside = await shell(endpoint, `docker cp ${name}:/srv/mine - | tar -tv`);
    expect(inside).toMatch(/^h.* mine\/hard link to mine\/f$/m);
    expect(inside).toMatch(/^l.* mine\/l -> f$/m);
    expect(await cat(name, '/srv/mine/deep/g')).toBe('d\n');
  });

  it('deletes and renames a name longer than the 100 bytes a tar header holds, never its sibling cut to that length', async () => {
    const long = `${'n'.repeat(100)}${'-long'.repeat(4)}`;
    const short = long.slice(0, 100);
    const name = uniqueName('wharf-stopped-long');
    containers.push(name);
    await cli(
      'run',
      '--name',
      name,
      image,
      'sh',
      '-c',
      `mkdir /data && echo long > /data/${long} && echo short > /data/${short} && mkdir /data/${long}.d`,
    );
    const target = { kind: 'container' as const, id: name };
    await files.requests['files.delete']({ target, path: `/data/${long}`, recursive: false });
    expect((await tree(name, '/data')).sort()).toEqual(['data', `data/${long}.d`, `data/${short}`].sort());
    expect(await cat(name, `/data/${short}`)).toBe('short\n');
    const renamed = `${'r'.repeat(150)}.txt`;
    await files.requests['files.rename']({ target, path: `/data/${short}`, name: renamed });
    await files.requests['files.rename']({ target, path: `/data/${long}.d`, name: `${long}.e` });
    expect((await tree(name, '/data')).sort()).toEqual(['data', `data/${long}.e`, `data/${renamed}`].sort());
    expect(await cat(name, `/data/${renamed}`)).toBe('short\n');
  });

  it('reads a file through the archive only up to the limit asked, whatever size the archive announces', async () => {
    const { target } = await stoppedContainer();
    const docker = engine.docker();
    const place = await resolvePlace(docker, pool, target, 'docker');
    expect((await archiveFileBytes(docker, place, '/srv/keep', 5))?.toString()).toBe('keep\n');
    expect(await archiveFileBytes(docker, place, '/srv/keep', 4)).toBeUndefined();
  });

  it('refuses to delete or rename a mount point or a folder holding one, and changes nothing', async () => {
    const { name, vol, target } = await stoppedContainer();
    const before = await tree(name, '/etc');
    const refusals: Array<[string, () => Promise<unknown>]> = [
      ['/data', () => files.requests['files.delete']({ target, path: '/data', recursive: true })],
      ['/bindm', () => files.requests['files.delete']({ target, path: '/bindm', recursive: true })],
      ['/etc/hosts', () => files.requests['files.delete']({ target, path: '/etc/hosts', recursive: false })],
      ['/etc', () => files.requests['files.delete']({ target, path: '/etc', recursive: true })],
      // The same folder reached through a link to "/".
      ['/srv/up/etc', () => files.requests['files.delete']({ target, path: '/srv/up/etc', recursive: true })],
      ['/data', () => files.requests['files.rename']({ target, path: '/data', name: 'data2' })],
      ['/etc', () => files.requests['files.rename']({ target, path: '/etc', name: 'etc2' })],
      // Mounted while the container runs.
      ['/proc', () => files.requests['files.delete']({ target, path: '/proc', recursive: true })],
    ];
    for (const [path, attempt] of refusals) {
      await expect(attempt(), path).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/mount point/),
      });
    }
    expect(await tree(name, '/etc')).toEqual(before);
    expect(await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'cat', '/d/inside')).toBe('v\n');
    expect(await cat(name, '/bindm/host.txt')).toBe('from the host');
    const root = await files.requests['files.list']({ target, path: '/', offset: 0, limit: 100, showHidden: true });
    expect(root.entries.map((e) => e.name).filter((n) => /^(data|etc|bindm)2?$/.test(n))).toEqual([
      'bindm',
      'data',
      'etc',
    ]);
  });

  it('refuses unsafe paths and names before the engine is asked', async () => {
    const { name, target } = await stoppedContainer();
    for (const path of ['/srv/../etc', 'srv/own', '/srv/own\0x', '/']) {
      await expect(files.requests['files.delete']({ target, path, recursive: true }), path).rejects.toMatchObject({
        code: expect.stringMatching(/forbidden|invalid-input/),
      });
    }
    for (const newName of ['../x', 'a/b', '..', 'x\0y']) {
      await expect(
        files.requests['files.rename']({ target, path: '/srv/own', name: newName }),
        newName,
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await tree(name, '/srv/own')).toEqual(['own', 'own/deep', 'own/deep/g', 'own/f', 'own/hard', 'own/l']);
  });

  it('lists a stopped container from a read-only snapshot, never reading a folder through the archive, and sees every change', async () => {
    const name = uniqueName('wharf-stopped-list');
    const vol = uniqueName('wharf-stopped-vol');
    containers.push(name);
    volumes.push(vol);
    await cli(
      'run',
      '--name',
      name,
      '-v',
      `${vol}:/data`,
      image,
      'sh',
      '-c',
      'test -e /made && exit 0; touch /made; for i in $(seq 1 300); do echo $i > /data/f$i; done; mkdir -p /srv/own && echo w > /srv/own/f',
    );
    const id = (await cli('inspect', '-f', '{{.Id}}', name)).trim();
    const target = { kind: 'container' as const, id: name };
    const list = async (path: string, limit = 500) =>
      files.requests['files.list']({ target, path, offset: 0, limit, showHidden: true });
    const names = async (path: string) => (await list(path)).entries.map((e) => e.name);
    /** GET /containers/{id}/archive requests the engine served for this container (it reports each as "archive-path"). */
    const archiveReads = () =>
      engine.events.filter((e) => e.Type === 'container' && e.Action === 'archive-path' && e.Actor.ID === id).length;

    const root = await list('/');
    expect(root).toMatchObject({ via: 'archive', snapshot: true, renameDelete: true });
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data', 'etc', 'made', 'srv']));
    expect(root.entries.map((e) => e.name)).not.toContain('.wharf-snapshot');
    expect(root.entries.find((e) => e.name === 'data')).toMatchObject({ type: 'dir' });
    const data = await list('/data', 10);
    expect(data.total).toBe(300);
    expect(data.entries.map((e) => [e.name, e.type, e.size])).toEqual(
      ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10'].map((n) => [n, 'file', n.length]),
    );
    expect(await names('/srv/own')).toEqual(['f']);
    // One read of a file by hand: once the engine reports it, every earlier read has been reported too.
    await cli('cp', `${name}:/srv/own/f`, join(bind, 'marker'));
    await expect.poll(archiveReads).toBe(1);

    // The snapshot is Wharf's own: a labelled image, not in the images list.
    const snapshotImages = async () =>
      (await cli('images', '-q', '--no-trunc', '--filter', `label=${SNAPSHOT_LABEL}=${id}`)).trim();
    const image1 = await snapshotImages();
    expect(image1).toMatch(/^sha256:/);
    expect((await listImages(engine.docker())).map((i) => i.id)).not.toContain(image1);

    // Changes through Wharf show at once; one by `docker cp` shows once the engine reports it.
    await files.requests['files.write']({ target, path: '/srv/own/new', text: 'n', expected: null });
    expect(await names('/srv/own')).toEqual(['f', 'new']);
    await files.requests['files.delete']({ target, path: '/srv/own/f', recursive: false });
    expect(await names('/srv/own')).toEqual(['new']);
    await files.requests['files.rename']({ target, path: '/srv/own/new', name: 'renamed' });
    await files.requests['files.mkdir']({ target, path: '/srv/own/sub' });
    expect(await names('/srv/own')).toEqual(['sub', 'renamed']);
    writeFileSync(join(bind, 'outside'), 'from docker cp');
    await cli('cp', join(bind, 'outside'), `${name}:/srv/own/outside`);
    await expect.poll(() => names('/srv/own')).toEqual(['sub', 'outside', 'renamed']);
    // The volume is attached read-only, live: a change by another container shows.
    await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'touch', '/d/zz-added');
    expect((await list('/data', 1000)).total).toBe(301);

    // Removing the volume lets go of the snapshot's hold on it first.
    const holders = async () =>
      (await cli('ps', '-aq', '--filter', `volume=${vol}`, '--filter', `label=${SNAPSHOT_LABEL}`)).trim();
    expect(await holders()).not.toBe('');
    await pool.release(engine.docker(), vol);
    expect(await holders()).toBe('');
    expect((await list('/data', 1000)).total).toBe(301);

    // Started, the container is listed with docker exec, and its snapshot (helper and image) goes.
    await cli('start', name);
    await expect.poll(snapshotImages).toBe('');
    expect((await cli('ps', '-aq', '--filter', `label=${SNAPSHOT_LABEL}=${id}`)).trim()).toBe('');
  });

  it("removes snapshot images a crashed Wharf left, and keeps a live one's", async () => {
    const name = uniqueName('wharf-stopped-stale');
    containers.push(name);
    await cli('create', '--name', name, TEST_IMAGE, 'true');
    const commit = async (owner: string) =>
      (
        await cli(
          'commit',
          '--change',
          `LABEL io.wharf.helper=snapshot io.wharf.helper.owner=${owner} ${SNAPSHOT_LABEL}=x`,
          name,
        )
      ).trim();
    const crashed = await commit(`${hostname()}:${2 ** 22 + 4321}`);
    const live = await commit(`${hostname()}:${process.pid}`);
    const removed = await removeStaleSnapshots(engine.docker());
    expect(removed).toContain(crashed);
    expect(removed).not.toContain(live);
    await expect(cli('image', 'inspect', crashed)).rejects.toThrow(/No such image/);
    await cli('rmi', live);
  });

  it('leaves a paused container alone: its mounts are live, so rename and delete are refused and the tab says so', async () => {
    const name = uniqueName('wharf-paused');
    containers.push(name);
    await cli('run', '-d', '--name', name, image, 'sleep', '600');
    await cli('pause', name);
    const target = { kind: 'container' as const, id: name };
    const page = await files.requests['files.list']({ target, path: '/srv', offset: 0, limit: 10, showHidden: true });
    expect(page).toMatchObject({ via: 'archive', renameDelete: false });
    await expect(files.requests['files.delete']({ target, path: '/srv/keep', recursive: false })).rejects.toThrow(
      /cannot rename or delete/,
    );
    await expect(files.requests['files.rename']({ target, path: '/srv/keep', name: 'k' })).rejects.toThrow(
      /cannot rename or delete/,
    );
    await cli('unpause', name);
    expect(await cli('exec', name, 'cat', '/srv/keep')).toBe('keep\n');
  });

  it("lists through the archive when Wharf's busybox is missing (nothing to put in a snapshot)", async () => {
    const other = await createTestEngine(endpoint);
    const empty = mkdtempSync(join(tmpdir(), 'wharf-no-helper-'));
    const otherPool = createHelperPool({ helperDirs: [empty] });
    const otherFiles = createFilesService(other, otherPool);
    try {
      const { name, target } = await stoppedContainer();
      const page = await otherFiles.requests['files.list']({
        target,
        path: '/srv/own',
        offset: 0,
        limit: 10,
        showHidden: true,
      });
      expect(page).toMatchObject({ via: 'archive', renameDelete: true });
      expect(page.snapshot).toBeUndefined();
      expect(page.entries.map((e) => e.name)).toEqual(['deep', 'f', 'hard', 'l']);
      const id = (await cli('inspect', '-f', '{{.Id}}', name)).trim();
      expect((await cli('images', '-q', '--filter', `label=${SNAPSHOT_LABEL}=${id}`)).trim()).toBe('');
      expect(await tree(name, '/srv/own')).toEqual(['own', 'own/deep', 'own/deep/g', 'own/f', 'own/hard', 'own/l']);
    } finally {
      await otherFiles.dispose();
      await otherPool.dispose();
      await other.dispose();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
