// Wharf's own helper image on an engine that has no busybox, no alpine and no
// helper image: it is loaded on first need, identified by its ID, and every
// volume feature works through it; helpers are confined; an image that only
// has the helper's name is never used; Settings' "leftovers" remove it and the
// next need loads it again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELPER_CAPS, HELPER_LABEL, HELPER_PIDS_LIMIT, HELPER_VOLUME_LABEL, createHelperPool } from './helper';
import { HELPER_IMAGE, HELPER_REPO, HELPER_TAG, helperArchive, helperBusybox, isHelperName } from './helper-image';
import { createFilesService } from './service';
import { listLeftovers } from '../volumes/leftovers';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { createVolumesService } from '../volumes/service';

const engines = testEndpoints();

/** Capability bits as /proc/<pid>/status prints them (CapEff). */
const CAP_BITS: Record<string, number> = { CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4 };
const capMask = (caps: readonly string[]) => caps.reduce((m, c) => m | (1n << BigInt(CAP_BITS[c]!)), 0n);

describe.skipIf(engines.length === 0).each(engines)("Wharf's helper image on $kind", ({ kind, endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  let files: ReturnType<typeof createFilesService>;
  let vols: ReturnType<typeof createVolumesService>;
  const volumes: string[] = [];
  const local = mkdtempSync(join(tmpdir(), 'wharf-helper-'));
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const docker = () => engine.docker();
  let expectedId = '';

  /** The engine's images as `repo:tag` names, without the registry prefixes engines add. */
  const imageNames = async () =>
    ((await docker().listImages()) as Array<{ RepoTags?: string[] | null }>)
      .flatMap((i) => i.RepoTags ?? [])
      .map((t) => t.replace(/^(docker\.io\/library\/|docker\.io\/|localhost\/)/, ''));
  const runningHelper = async (volume: string) => {
    const found = await docker().listContainers({
      filters: JSON.stringify({ label: [`${HELPER_VOLUME_LABEL}=${volume}`] }),
    });
    expect(found).toHaveLength(1);
    return found[0]!.Id;
  };
  const sh = async (id: string, script: string) => (await cli('exec', id, 'sh', '-c', script)).trim();
  const fresh = async (prefix: string) => {
    const name = uniqueName(`wharf-hlp-${prefix}`);
    volumes.push(name);
    return name;
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    files = createFilesService(engine, pool);
    vols = createVolumesService(engine, pool, files.snapshots);
    const arch = (await docker().version()).Arch === 'arm64' ? 'arm64' : 'amd64';
    expectedId = helperArchive(arch, await helperBusybox(arch)).id;
    // Earlier test files loaded the helper: start from an engine that never had it.
    await vols.requests['volumes.removeLeftovers']({});
  });

  afterAll(async () => {
    await files?.dispose();
    await pool.dispose();
    for (const name of volumes) await cli('volume', 'rm', '-f', name).catch(() => {});
    await engine?.dispose();
    rmSync(local, { recursive: true, force: true });
  });

  it('starts from an engine with no busybox, no alpine and no Wharf helper image', async () => {
    const names = await imageNames();
    expect(names.filter((n) => /^(library\/)?(busybox|alpine)(:|$)/.test(n))).toEqual([]);
    expect(names.filter((n) => n.startsWith(`${HELPER_REPO}:`))).toEqual([]);
    expect(await listLeftovers(docker())).toEqual([]);
    expect(names).toContain(`${TEST_IMAGE}:latest`);
  });

  it('browses, edits, clones, exports and imports a volume through its own helper, loaded on first need', async () => {
    const vol = await fresh('src');
    await cli('volume', 'create', vol);
    // A file only its owner (uid 1000) may read or write: the helper reaches it as root with DAC_OVERRIDE.
    await cli(
      'run',
      '--rm',
      '-v',
      `${vol}:/d`,
      TEST_IMAGE,
      'sh',
      '-c',
      'mkdir /d/app && echo hello > /d/app/notes.txt && chown -R 1000:1000 /d/app && chmod 600 /d/app/notes.txt && chmod 700 /d/app',
    );
    const target = { kind: 'volume' as const, name: vol };

    const page = await files.requests['files.list']({ target, path: '/app', offset: 0, limit: 10, showHidden: true });
    expect(page.entries.map((e) => e.name)).toEqual(['notes.txt']);
    const read = await files.requests['files.read']({ target, path: '/app/notes.txt', maxBytes: 1024 });
    if (read.kind !== 'text') throw new Error(`read as ${read.kind}`);
    expect(read.text).toBe('hello\n');

    // Loaded as ours: the expected ID, named wharf-helper:<version>; the helper runs from that ID.
    const image = (await docker().getImage(expectedId).inspect()) as { Id: string; RepoTags: string[] };
    expect(image.RepoTags.some(isHelperName)).toBe(true);
    const helper = (await docker()
      .getContainer(await runningHelper(vol))
      .inspect()) as { Image: string };
    expect(helper.Image).toBe(expectedId);

    const written = await files.requests['files.write']({
      target,
      path: '/app/notes.txt',
      text: 'edited\n',
      expected: { size: read.entry.size, mtime: read.entry.mtime, sha256: read.sha256 },
    });
    expect(written.commands.join('\n')).toContain(HELPER_IMAGE);
    expect(written.commands.join('\n')).not.toMatch(/busybox|alpine/);
    expect(
      await cli(
        'run',
        '--rm',
        '-v',
        `${vol}:/d`,
        TEST_IMAGE,
        'sh',
        '-c',
        'cat /d/app/notes.txt; stat -c "%u:%g %a" /d/app/notes.txt',
      ),
    ).toBe('edited\n1000:1000 600\n');

    const copy = await fresh('copy');
    const cloned = await vols.requests['volumes.clone']({ from: vol, to: copy });
    expect(cloned.commands.join('\n')).toContain(HELPER_IMAGE);
    expect(
      await cli(
        'run',
        '--rm',
        '-v',
        `${copy}:/d`,
        TEST_IMAGE,
        'sh',
        '-c',
        'cat /d/app/notes.txt; stat -c "%u:%g %a" /d/app /d/app/notes.txt',
      ),
    ).toBe('edited\n1000:1000 700\n1000:1000 600\n');

    const file = join(local, 'export.tar');
    const exported = await vols.requests['volumes.export']({ name: copy, file });
    expect(exported.bytes).toBeGreaterThan(0);
    expect(exported.commands.join('\n')).toContain(HELPER_IMAGE);
    expect(readFileSync(file).includes(Buffer.from('edited\n'))).toBe(true);

    const imported = await fresh('imported');
    const done = await vols.requests['volumes.import']({ name: imported, file });
    expect(done.commands.join('\n')).toContain(HELPER_IMAGE);
    expect(
      await cli(
        'run',
        '--rm',
        '-v',
        `${imported}:/d`,
        TEST_IMAGE,
        'sh',
        '-c',
        'cat /d/app/notes.txt; stat -c "%u:%g %a" /d/app/notes.txt',
      ),
    ).toBe('edited\n1000:1000 600\n');

    // No helper container is left but the pooled one serving the browsed volume.
    const helpers = await docker().listContainers({ all: true, filters: JSON.stringify({ label: [HELPER_LABEL] }) });
    expect(helpers.map((h) => h.Labels[HELPER_VOLUME_LABEL])).toEqual([vol]);
  });

  it('runs helpers confined: no capabilities but four, no new privileges, a read-only root, a pids limit, no network', async () => {
    const vol = await fresh('conf');
    await cli('volume', 'create', vol);
    await files.requests['files.list']({
      target: { kind: 'volume', name: vol },
      path: '/',
      offset: 0,
      limit: 10,
      showHidden: true,
    });
    const id = await runningHelper(vol);
    const info = (await docker().getContainer(id).inspect()) as {
      HostConfig: {
        CapDrop?: string[] | null;
        ReadonlyRootfs?: boolean;
        PidsLimit?: number;
        SecurityOpt?: string[] | null;
        NetworkMode?: string;
      };
    };
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    expect(info.HostConfig.PidsLimit).toBe(HELPER_PIDS_LIMIT);
    expect(info.HostConfig.SecurityOpt?.some((o) => /^no-new-privileges(:true|=true)?$/.test(o))).toBe(true);
    expect(info.HostConfig.NetworkMode).toBe('none');
    // Docker reports CapDrop [ALL] and CapAdd; Podman the default set less what was added back: the kernel's word below holds for both.
    if (kind === 'docker') expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    // What the kernel says, whatever the engine reports: exactly these capabilities, no new privileges.
    const status = await sh(id, 'grep -E "^(CapEff|CapBnd|NoNewPrivs):" /proc/self/status');
    const field = (name: string) =>
      status
        .split('\n')
        .find((l) => l.startsWith(`${name}:`))!
        .split(/\s+/)[1]!;
    expect(BigInt(`0x${field('CapEff')}`)).toBe(capMask(HELPER_CAPS));
    expect(BigInt(`0x${field('CapBnd')}`)).toBe(capMask(HELPER_CAPS));
    expect(field('NoNewPrivs')).toBe('1');
    await expect(sh(id, 'touch /bin/x')).rejects.toThrow(/Read-only file system/);
    expect(await sh(id, 'ls /sys/class/net')).toBe('lo');
    expect(await sh(id, 'touch /v/ok && rm /v/ok && echo writable')).toBe('writable');
  });

  it('never uses an image that only has its name: a fake wharf-helper is moved aside for the real one', async () => {
    await vols.requests['volumes.removeLeftovers']({});
    await cli('tag', TEST_IMAGE, `${HELPER_REPO}:${HELPER_TAG}`);
    const fake = (await cli('image', 'inspect', '-f', '{{.Id}}', `${HELPER_REPO}:${HELPER_TAG}`)).trim();
    expect(fake).not.toBe(expectedId);
    const vol = await fresh('fake');
    await cli('volume', 'create', vol);
    // A pool that looked before (cached) would be fooled too: a new one.
    const other = createHelperPool();
    const otherFiles = createFilesService(engine, other);
    try {
      await otherFiles.requests['files.list']({
        target: { kind: 'volume', name: vol },
        path: '/',
        offset: 0,
        limit: 10,
        showHidden: true,
      });
      const helper = (await docker()
        .getContainer(await runningHelper(vol))
        .inspect()) as { Image: string };
      expect(helper.Image).toBe(expectedId);
      expect((await cli('image', 'inspect', '-f', '{{.Id}}', `${HELPER_REPO}:${HELPER_TAG}`)).trim()).toBe(expectedId);
      // The test image keeps its own name, untouched.
      expect((await cli('image', 'inspect', '-f', '{{.Id}}', TEST_IMAGE)).trim()).toBe(fake);
    } finally {
      await otherFiles.dispose();
      await other.dispose();
      // Podman names the fake docker.io/library/wharf-helper:… and ours localhost/…: the fake's name goes, the test image stays.
      const left = (await docker().getImage(fake).inspect()) as { RepoTags?: string[] | null };
      for (const tag of left.RepoTags ?? [])
        if (tag.includes(`${HELPER_REPO}:`)) await docker().getImage(tag).remove({ noprune: true });
    }
  });

  it('loads the helper image again when it was removed behind its back (docker rmi)', async () => {
    const vol = await fresh('rmi');
    await cli('volume', 'create', vol);
    const file = join(local, 'rmi.tar');
    await vols.requests['volumes.export']({ name: vol, file });
    await cli('rmi', '-f', expectedId);
    await expect(docker().getImage(expectedId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await vols.requests['volumes.export']({ name: vol, file });
    expect((await docker().getImage(expectedId).inspect()) as { Id: string }).toMatchObject({ Id: expectedId });
  });

  it("says plainly when Wharf's helper is missing from the installation", async () => {
    const vol = await fresh('missing');
    await cli('volume', 'create', vol);
    const empty = mkdtempSync(join(tmpdir(), 'wharf-no-helper-'));
    const bare = createHelperPool({ helperDirs: [empty] });
    const bareFiles = createFilesService(engine, bare);
    const bareVols = createVolumesService(engine, bare);
    try {
      const list = bareFiles.requests['files.list']({
        target: { kind: 'volume', name: vol },
        path: '/',
        offset: 0,
        limit: 10,
        showHidden: true,
      });
      await expect(list).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/Wharf's helper is missing/),
      });
      await expect(bareVols.requests['volumes.export']({ name: vol, file: join(local, 'none.tar') })).rejects.toThrow(
        /Wharf's helper is missing/,
      );
    } finally {
      await bareFiles.dispose();
      await bare.dispose();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('lists what Wharf left and removes it all; the helper image is loaded again on the next need', async () => {
    const vol = await fresh('left');
    await cli('volume', 'create', vol);
    const target = { kind: 'volume' as const, name: vol };
    await files.requests['files.list']({ target, path: '/', offset: 0, limit: 10, showHidden: true });
    const before = await vols.requests['volumes.leftovers']({});
    expect(before.filter((l) => l.kind === 'helper-image').map((l) => l.id)).toEqual([expectedId]);
    expect(before.some((l) => l.kind === 'helper-container')).toBe(true);

    const removed = await vols.requests['volumes.removeLeftovers']({});
    expect(removed.failed).toEqual([]);
    expect(removed.removed).toEqual(expect.arrayContaining(before.map((l) => l.id)));
    expect(removed.commands.join('\n')).toMatch(/docker rmi -f .*wharf-helper/);
    expect(await vols.requests['volumes.leftovers']({})).toEqual([]);
    await expect(docker().getImage(expectedId).inspect()).rejects.toMatchObject({ statusCode: 404 });

    await files.requests['files.mkdir']({ target, path: '/again' });
    expect((await docker().getImage(expectedId).inspect()) as { Id: string }).toMatchObject({ Id: expectedId });
    const page = await files.requests['files.list']({ target, path: '/', offset: 0, limit: 10, showHidden: true });
    expect(page.entries.map((e) => e.name)).toEqual(['again']);
  });
});
