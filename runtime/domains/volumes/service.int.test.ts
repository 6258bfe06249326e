// Volumes, mounts and the helpers a crashed Wharf left behind, against the
// real engines, each checked with the docker CLI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELPER_LABEL, HELPER_OWNER_LABEL, createHelperPool, removeStaleHelpers } from '../files/helper';
import { createFilesService } from '../files/service';
import { createMountsService } from '../mounts/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  removeTestLeftovers,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { createVolumesService } from './service';

const engines = testEndpoints();

describe.skipIf(engines.length === 0).each(engines)('volumes and mounts on $kind', ({ endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  const containers: string[] = [];
  const volumes: string[] = [];
  const local = mkdtempSync(join(tmpdir(), 'wharf-volumes-'));
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  let files: ReturnType<typeof createFilesService>;
  let vols: ReturnType<typeof createVolumesService>;
  let mounts: ReturnType<typeof createMountsService>;

  const fresh = async (prefix: string) => {
    const name = uniqueName(`wharf-st-${prefix}`);
    volumes.push(name);
    await cli('volume', 'create', name);
    return name;
  };
  /** Runs sh with VOL at /d, in a throwaway container. */
  const inVolume = async (vol: string, script: string) =>
    (await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'sh', '-c', script)).toString();
  const v = (name: string) => ({ kind: 'volume' as const, name });

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    files = createFilesService(engine, pool);
    vols = createVolumesService(engine, pool);
    mounts = createMountsService(engine);
  });

  afterAll(() => removeTestLeftovers({ endpoint, services: [files, pool], containers, volumes, engine, local }));

  it("removes helpers a crashed Wharf left behind, and keeps a live one's", async () => {
    const host = hostname();
    const make = async (prefix: string, owner: string | undefined, run: boolean) => {
      const name = uniqueName(prefix);
      containers.push(name);
      const labels = [
        '--label',
        `${HELPER_LABEL}=files`,
        ...(owner !== undefined ? ['--label', `${HELPER_OWNER_LABEL}=${owner}`] : []),
      ];
      await cli(run ? 'run' : 'create', ...(run ? ['-d'] : []), '--name', name, ...labels, TEST_IMAGE, 'sleep', '600');
      return (await cli('inspect', '-f', '{{.Id}}', name)).toString().trim();
    };
    // A pid far above any pid_max is never alive.
    const crashed = await make('wharf-st-crashed', `${host}:99999999`, true);
    const stopped = await make('wharf-st-stopped', `${host}:${process.pid}`, false);
    const mine = await make('wharf-st-mine', `${host}:${process.pid}`, true);
    const elsewhere = await make('wharf-st-elsewhere', 'another-machine:1', true);
    const unowned = await make('wharf-st-unowned', undefined, true);
    const removed = await removeStaleHelpers(engine.docker());
    expect(removed).toEqual(expect.arrayContaining([crashed, stopped]));
    for (const kept of [mine, elsewhere, unowned]) expect(removed).not.toContain(kept);
    const left = (await cli('ps', '-a', '--no-trunc', '--format', '{{.ID}}')).toString();
    expect(left).not.toContain(crashed);
    expect(left).not.toContain(stopped);
    expect(left).toContain(mine);
    // An hour later, a helper no Wharf labelled as its own counts as stale too.
    expect(await removeStaleHelpers(engine.docker(), Date.now() + 2 * 3600_000)).toContain(unowned);
  });

  it('refuses to remove a volume in use, naming the container; prune removes exactly its preview', async () => {
    const used = await fresh('used');
    const free = await fresh('free');
    const name = uniqueName('wharf-st-user');
    containers.push(name);
    await cli('create', '--name', name, '-v', `${used}:/data`, TEST_IMAGE, 'true');
    const error = await vols.requests['volumes.remove']({ name: used }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toContain(name);
    expect((await cli('volume', 'inspect', '-f', '{{.Name}}', used)).trim()).toBe(used);

    // A files helper holds `free` open: prune must still see it as unused and remove it.
    await files.requests['files.list']({ target: v(free), path: '/', offset: 0, limit: 1, showHidden: true });
    const preview = await vols.requests['volumes.prunePreview']({});
    const names = preview.volumes.map((p) => p.name);
    expect(names).toContain(free);
    expect(names).not.toContain(used);
    const before = (await cli('volume', 'ls', '-q')).split('\n').filter(Boolean);
    // Only ours: other volumes on the dev engine are not this test's to remove.
    const mine = names.filter((n) => volumes.includes(n));
    const result = await vols.requests['volumes.prune']({ names: mine });
    expect(result.removed.sort()).toEqual(mine.sort());
    const after = (await cli('volume', 'ls', '-q')).split('\n').filter(Boolean);
    expect(before.filter((n) => !after.includes(n)).sort()).toEqual(mine.sort());
  });

  it('creates, clones, exports and imports a volume', async () => {
    const name = uniqueName('wharf-st-made');
    volumes.push(name);
    const created = await vols.requests['volumes.create']({ name, labels: { team: 'a' } });
    expect(created.commands).toEqual([`docker volume create --label team=a ${name}`]);
    expect((await cli('volume', 'inspect', '-f', '{{.Labels.team}}', name)).trim()).toBe('a');
    await expect(vols.requests['volumes.create']({ name })).rejects.toMatchObject({ code: 'conflict' });
    await inVolume(name, 'mkdir /d/sub && echo data > /d/sub/f && ln -s sub/f /d/l');

    const copy = uniqueName('wharf-st-copy');
    volumes.push(copy);
    const cloned = await vols.requests['volumes.clone']({ from: name, to: copy });
    expect(cloned.commands[1]).toMatch(/cp -a \/from\/\. \/to\/$/);
    expect(await inVolume(copy, 'cat /d/sub/f; readlink /d/l')).toBe('data\nsub/f\n');

    const file = join(local, 'export.tar');
    const exported = await vols.requests['volumes.export']({ name, file });
    expect(exported.bytes).toBeGreaterThan(0);
    const imported = uniqueName('wharf-st-imp');
    volumes.push(imported);
    const result = await vols.requests['volumes.import']({ name: imported, file });
    expect(result.commands[0]).toBe(`docker volume create ${imported}`);
    expect(await inVolume(imported, 'cat /d/sub/f; readlink /d/l')).toBe('data\nsub/f\n');
  });

  it("lists mounts with warnings and edits a container's mounts, keeping the rest", async () => {
    const vol = await fresh('edit');
    const hostDir = mkdtempSync(join(tmpdir(), 'wharf-bind-'));
    writeFileSync(join(hostDir, 'x'), 'x');
    const name = uniqueName('wharf-st-edit');
    containers.push(name);
    await cli(
      'run',
      '-d',
      '--name',
      name,
      '-e',
      'GREETING=hi there',
      '-p',
      '127.0.0.1::80',
      '-l',
      'app=web',
      '--restart',
      'unless-stopped',
      '-v',
      `${vol}:/data`,
      '-v',
      '/tmp/wharf-does-not-exist-xyz:/missing',
      TEST_IMAGE,
      'sleep',
      '3600',
    );
    const overview = await mounts.requests['mounts.list']({});
    const missing = overview.groups.find((g) => g.source === '/tmp/wharf-does-not-exist-xyz');
    // Docker creates a missing bind source on start; Podman refuses, so only check what the engine left.
    if (missing?.hostPathExists === false) expect(missing.warnings.map((w) => w.kind)).toContain('host-path-missing');
    expect(overview.groups.find((g) => g.key === `volume:${vol}`)?.users.map((u) => u.containerName)).toEqual([name]);

    const fmt =
      '{{.Name}}|{{.Config.Image}}|{{json .Config.Cmd}}|{{json .HostConfig.PortBindings}}|{{json .Config.Labels}}|{{.HostConfig.RestartPolicy.Name}}';
    // Podman puts the generated hostname (the id) in HOSTNAME; a new container has a new one.
    // Podman also lists env in no fixed order: compared as a set.
    const config = async () => {
      const env = (JSON.parse(await cli('inspect', '-f', '{{json .Config.Env}}', name)) as string[])
        .filter((e) => !/^HOSTNAME=[0-9a-f]{12}$/.test(e))
        .sort();
      return `${(await cli('inspect', '-f', fmt, name)).trim()}|${JSON.stringify(env)}`;
    };
    const before = await config();
    const spec = [
      { type: 'volume' as const, source: vol, target: '/data', readOnly: true },
      { type: 'bind' as const, source: hostDir, target: '/host' },
    ];
    const preview = await mounts.requests['mounts.editPreview']({ id: name, mounts: spec });
    expect(preview.restarts).toBe(true);
    expect(preview.commands.some((c) => c.startsWith('docker create '))).toBe(true);
    expect(preview.commands).toContain(`docker stop ${name}`);
    const done = await mounts.requests['mounts.edit']({ id: name, mounts: spec });
    expect(done.name).toBe(name);
    expect(await config()).toBe(before);
    expect((await cli('inspect', '-f', '{{.State.Status}}', name)).trim()).toBe('running');
    expect((await cli('exec', name, 'cat', '/host/x')).toString()).toBe('x');
    await expect(cli('exec', name, 'touch', '/data/nope')).rejects.toThrow(/read-only/i);
    const all = (await cli('ps', '-a', '--format', '{{.Names}}')).split('\n');
    expect(all.filter((n) => n.startsWith(name))).toEqual([name]);
    rmSync(hostDir, { recursive: true, force: true });
  });
});
