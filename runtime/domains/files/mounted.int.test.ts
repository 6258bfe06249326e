// Files in a stopped container on Podman: its filesystem is mounted by the
// engine and served by a helper, so listing pages like a volume's (no archive
// of the folder) and rename and delete work. Checked with the engine: the
// container's own start shows what changed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELPER_LABEL, HELPER_OWNER_LABEL, createHelperPool, removeStaleHelpers } from './helper';
import { HELPER_CONTAINER_LABEL, mountContainer, releaseStaleMount } from './mounted';
import { createFilesService } from './service';
import { readTar } from './tar';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const podman = testEndpoints().find((e) => e.kind === 'podman');

/** The engine requests made through a client, as "METHOD path". */
function recordRequests(docker: Docker): string[] {
  const seen: string[] = [];
  const modem = docker.modem as unknown as {
    dial: (opts: { method?: string; path?: string }, cb: unknown) => unknown;
    __recorded?: string[];
  };
  if (modem.__recorded) return modem.__recorded;
  const dial = modem.dial;
  // Called on whatever view of the connection dials (mounted.ts dials libpod without the version prefix).
  modem.dial = function (this: unknown, opts, cb) {
    seen.push(`${opts.method ?? 'GET'} ${opts.path ?? ''}`);
    return dial.call(this, opts, cb);
  };
  modem.__recorded = seen;
  return seen;
}

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(podman === undefined)('files in a stopped container on Podman', () => {
  const endpoint = podman?.endpoint ?? '';
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  let files: ReturnType<typeof createFilesService>;
  const containers: string[] = [];
  const volumes: string[] = [];
  const host = mkdtempSync(join(tmpdir(), 'wharf-stopped-'));
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const idOf = async (name: string) => (await cli('inspect', '-f', '{{.Id}}', name)).trim();
  /** Containers Podman has mounted (libpod's showmounted): id → path. */
  const mounted = async (): Promise<Record<string, string>> => {
    const docker = engine.docker();
    return new Promise((resolve, reject) =>
      (Object.create(docker.modem, { version: { value: undefined } }) as typeof docker.modem).dial(
        { path: '/v4.0.0/libpod/containers/showmounted', method: 'GET', statusCodes: { 200: true } },
        (error: unknown, data: unknown) =>
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the engine's error, as it came
          error ? reject(error) : resolve((data ?? {}) as Record<string, string>),
      ),
    );
  };
  const helpersOf = async (id: string) =>
    (await cli('ps', '-a', '-q', '--filter', `label=${HELPER_CONTAINER_LABEL}=${id}`))
      .split('\n')
      .filter((l) => l !== '');

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    files = createFilesService(engine, pool);
    writeFileSync(join(host, 'from-host.txt'), 'host\n');
  });

  afterAll(async () => {
    await pool.dispose();
    if (containers.length > 0) await cli('rm', '-f', ...containers).catch(() => {});
    for (const name of volumes) await cli('volume', 'rm', '-f', name).catch(() => {});
    await engine?.dispose();
    rmSync(host, { recursive: true, force: true });
  });

  it('lists, renames, deletes, writes and pages through the mounted filesystem; the container then starts with the changes', async () => {
    const name = uniqueName('wharf-ps');
    const vol = uniqueName('wharf-ps-vol');
    containers.push(name);
    volumes.push(vol);
    // First start fills /srv and the volume; every later start prints what is there.
    const script = [
      'if [ -e /srv/.done ]; then for d in /srv /srv/renamed-dir /data /bind; do echo "$d:"; ls -A $d; done; cat /srv/target.txt /srv/written.txt; exit 0; fi',
      'mkdir -p /srv/dir /srv/gone-dir/sub /srv/many && echo a > /srv/a.txt && echo b > /srv/dir/b && echo g > /srv/gone-dir/sub/g',
      'echo doomed > /srv/doomed.txt && echo v > /data/v.txt',
      'i=0; while [ $i -lt 300 ]; do : > /srv/many/f$i; i=$((i+1)); done',
      'echo target > /srv/target.txt && echo marker > /marker && ln -s ../../../.. /srv/up && ln -s /srv/target.txt /srv/abs',
      'ln -s /../../proc/self/environ /srv/procenv && touch /srv/.done',
    ].join('\n');
    await cli('run', '--name', name, '-v', `${vol}:/data`, '-v', `${host}:/bind`, TEST_IMAGE, 'sh', '-c', script);
    const id = await idOf(name);
    const c = { kind: 'container' as const, id: name };
    const requests = recordRequests(engine.docker());

    const listed = await files.requests['files.list']({
      target: c,
      path: '/srv',
      offset: 0,
      limit: 50,
      showHidden: false,
    });
    expect(listed.via).toBe('mount');
    expect(listed.entries.map((e) => [e.name, e.type])).toEqual([
      ['dir', 'dir'],
      ['gone-dir', 'dir'],
      ['many', 'dir'],
      ['a.txt', 'file'],
      ['abs', 'symlink'],
      ['doomed.txt', 'file'],
      ['procenv', 'symlink'],
      ['target.txt', 'file'],
      ['up', 'symlink'],
    ]);
    expect(listed.command).toBe(
      `m=$(podman container mount ${name}) && ls -la "$m"/srv; podman container unmount ${name}`,
    );
    // Podman's /etc/hosts of the container is what the helper shows there, read-only.
    const hostsPath = (await cli('inspect', '-f', '{{.HostsPath}}', name)).trim();
    expect(await files.requests['files.read']({ target: c, path: '/etc/hosts', maxBytes: 10_000 })).toMatchObject({
      kind: 'text',
      text: readFileSync(hostsPath, 'utf8'),
    });
    await expect(files.requests['files.write']({ target: c, path: '/etc/hosts', text: 'x' })).rejects.toThrow(
      /is a mount point/,
    );
    await expect(files.requests['files.delete']({ target: c, path: '/etc/hosts', recursive: false })).rejects.toThrow(
      /is a mount point/,
    );
    expect(readFileSync(hostsPath, 'utf8')).not.toBe('x');
    // The container's volume and bind mount are where the container sees them.
    expect(
      (
        await files.requests['files.list']({ target: c, path: '/data', offset: 0, limit: 50, showHidden: false })
      ).entries.map((e) => e.name),
    ).toEqual(['v.txt']);
    expect(await files.requests['files.read']({ target: c, path: '/bind/from-host.txt', maxBytes: 100 })).toMatchObject(
      { kind: 'text', text: 'host\n' },
    );

    // Deleting never reaches through a mount point into the volume or the host folder.
    await expect(files.requests['files.delete']({ target: c, path: '/data', recursive: true })).rejects.toThrow(
      /mount point/,
    );
    await expect(files.requests['files.delete']({ target: c, path: '/bind', recursive: true })).rejects.toThrow(
      /mount point/,
    );
    expect(readFileSync(join(host, 'from-host.txt'), 'utf8')).toBe('host\n');

    // A folder of 300 files: the first page, without the engine sending the folder.
    requests.length = 0;
    const page = await files.requests['files.list']({
      target: c,
      path: '/srv/many',
      offset: 0,
      limit: 50,
      showHidden: false,
    });
    expect(page.total).toBe(300);
    expect(page.entries).toHaveLength(50);
    expect(page.entries[0]?.name).toBe('f0');
    const later = await files.requests['files.list']({
      target: c,
      path: '/srv/many',
      offset: 250,
      limit: 50,
      showHidden: false,
    });
    expect(later.entries.at(-1)?.name).toBe('f299');
    expect(requests.filter((r) => r.includes('/archive'))).toEqual([]);
    expect(requests.some((r) => r.includes('/exec'))).toBe(true);

    // Rename a file and a folder, delete a file and a folder.
    const renamed = await files.requests['files.rename']({ target: c, path: '/srv/a.txt', name: 'renamed.txt' });
    expect(renamed.entry).toMatchObject({ name: 'renamed.txt', type: 'file', size: 2 });
    expect(renamed.commands[0]).toBe(
      `m=$(podman container mount ${name}) && mv "$m"/srv/a.txt "$m"/srv/renamed.txt; podman container unmount ${name}`,
    );
    await files.requests['files.rename']({ target: c, path: '/srv/dir', name: 'renamed-dir' });
    const deleted = await files.requests['files.delete']({ target: c, path: '/srv/doomed.txt', recursive: false });
    expect(deleted.commands[0]).toBe(
      `m=$(podman container mount ${name}) && rm "$m"/srv/doomed.txt; podman container unmount ${name}`,
    );
    await expect(
      files.requests['files.delete']({ target: c, path: '/srv/gone-dir', recursive: false }),
    ).rejects.toThrow(/not empty/);
    await files.requests['files.delete']({ target: c, path: '/srv/gone-dir', recursive: true });
    await files.requests['files.delete']({ target: c, path: '/srv/many', recursive: true });

    // Write atomically (with the conflict check) and read back.
    const written = await files.requests['files.write']({
      target: c,
      path: '/srv/written.txt',
      text: 'first',
      expected: null,
    });
    expect(written.commands[0]).toBe(`docker cp written.txt ${name}:/srv/written.txt`);
    const opened = await files.requests['files.read']({ target: c, path: '/srv/written.txt', maxBytes: 100 });
    if (opened.kind !== 'text') throw new Error('not text');
    expect(opened.text).toBe('first');
    const asOpened = { size: opened.entry.size, mtime: opened.entry.mtime, sha256: opened.sha256 };
    await files.requests['files.write']({
      target: c,
      path: '/srv/written.txt',
      text: 'written while stopped',
      expected: asOpened,
    });
    await expect(
      files.requests['files.write']({ target: c, path: '/srv/written.txt', text: 'stale', expected: asOpened }),
    ).rejects.toMatchObject({ code: 'conflict' });
    // New folder, upload into it, and a folder download as tar.
    await files.requests['files.mkdir']({ target: c, path: '/srv/new' });
    await files.requests['files.upload']({
      target: c,
      dir: '/srv/new',
      entries: [{ path: 'up.bin', type: 'file', base64: Buffer.from('uploaded').toString('base64') }],
    });
    const tar = await files.openDownload(c, '/srv/new', 'tar');
    const names: string[] = [];
    await readTar(tar.stream as AsyncIterable<Buffer>, (h) => void names.push(h.path));
    await tar.done;
    expect(names.map((n) => n.replace(/^\.\//, '').replace(/\/$/, ''))).toEqual(['new', 'new/up.bin']);
    expect(requests.filter((r) => r.includes('/archive') && r.startsWith('GET') && r.includes(id))).toEqual([]);

    // Unsafe paths stay refused: "..", relative, NUL, a name with "/".
    await expect(
      files.requests['files.list']({ target: c, path: '/srv/../etc', offset: 0, limit: 10, showHidden: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      files.requests['files.list']({ target: c, path: 'srv', offset: 0, limit: 10, showHidden: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(files.requests['files.read']({ target: c, path: '/srv/a\0b', maxBytes: 100 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      files.requests['files.rename']({ target: c, path: '/srv/renamed.txt', name: '../escaped.txt' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Links resolve as inside the container (an absolute target from its root, ".." stopping there),
    // never to the helper's own files.
    expect(await files.requests['files.read']({ target: c, path: '/srv/up/marker', maxBytes: 100 })).toMatchObject({
      kind: 'text',
      text: 'marker\n',
    });
    expect(
      (
        await files.requests['files.list']({ target: c, path: '/srv/up', offset: 0, limit: 100, showHidden: false })
      ).entries.map((e) => e.name),
    ).toContain('marker');
    expect(await files.requests['files.read']({ target: c, path: '/srv/abs', maxBytes: 100 })).toMatchObject({
      kind: 'text',
      text: 'target\n',
    });
    await files.requests['files.write']({ target: c, path: '/srv/abs', text: 'through the link\n' });
    expect(await files.requests['files.read']({ target: c, path: '/srv/target.txt', maxBytes: 100 })).toMatchObject({
      kind: 'text',
      text: 'through the link\n',
    });
    await expect(
      files.requests['files.read']({ target: c, path: '/srv/procenv', maxBytes: 100 }),
    ).rejects.toMatchObject({ code: 'not-found' });
    // Deleting a link removes the link, not what it points to.
    await files.requests['files.delete']({ target: c, path: '/srv/up', recursive: false });
    await files.requests['files.delete']({ target: c, path: '/srv/procenv', recursive: false });

    // The engine holds the changes: the container starts and sees them.
    await pool.dispose();
    expect(Object.keys(await mounted())).not.toContain(id);
    expect((await cli('start', '-a', name)).toString()).toBe(
      [
        '/srv:',
        '.done',
        'abs',
        'new',
        'renamed-dir',
        'renamed.txt',
        'target.txt',
        'written.txt',
        '/srv/renamed-dir:',
        'b',
        '/data:',
        'v.txt',
        '/bind:',
        'from-host.txt',
        'through the link',
        'written while stopped',
      ].join('\n'),
    );
  });

  it('lets the helper go when the container starts meanwhile, and again when it is removed', async () => {
    const name = uniqueName('wharf-ps-start');
    containers.push(name);
    await cli('create', '--name', name, TEST_IMAGE, 'sh', '-c', 'cat /hello.txt; exec sleep 600');
    const id = await idOf(name);
    const c = { kind: 'container' as const, id: name };
    await files.requests['files.write']({ target: c, path: '/hello.txt', text: 'before start\n', expected: null });
    expect(await helpersOf(id)).toHaveLength(1);
    expect(Object.keys(await mounted())).toContain(id);

    // Started while the helper holds its filesystem: it starts, and the helper goes.
    await cli('start', name);
    await until('the helper to go', async () => ((await helpersOf(id)).length === 0 ? true : undefined));
    await until('the output', async () => ((await cli('logs', name)).includes('before start') ? true : undefined));
    const running = await files.requests['files.list']({
      target: c,
      path: '/',
      offset: 0,
      limit: 100,
      showHidden: false,
    });
    expect(running.via).toBe('exec');
    expect(running.entries.map((e) => e.name)).toContain('hello.txt');
    await files.requests['files.write']({ target: c, path: '/hello.txt', text: 'while running\n' });
    expect((await cli('exec', name, 'cat', '/hello.txt')).toString()).toBe('while running\n');

    // Stopped again: mounted again; removing the container lets the helper and the mount go.
    await cli('stop', '-t', '0', name);
    const stopped = await files.requests['files.list']({
      target: c,
      path: '/',
      offset: 0,
      limit: 100,
      showHidden: false,
    });
    expect(stopped.via).toBe('mount');
    expect(await helpersOf(id)).toHaveLength(1);
    // Started again, now with the /etc files Podman attaches mounted in the helper too.
    await cli('start', name);
    await until('the helper to go', async () => ((await helpersOf(id)).length === 0 ? true : undefined));
    expect((await cli('inspect', '-f', '{{.State.Running}}', name)).trim()).toBe('true');
    await cli('stop', '-t', '0', name);
    expect(
      (await files.requests['files.list']({ target: c, path: '/', offset: 0, limit: 100, showHidden: false })).via,
    ).toBe('mount');
    await cli('rm', name);
    await until('the helper to go after removal', async () => ((await helpersOf(id)).length === 0 ? true : undefined));
    expect(Object.keys(await mounted())).not.toContain(id);
  });

  it('an idle helper goes, and the mount with it', async () => {
    const name = uniqueName('wharf-ps-idle');
    containers.push(name);
    await cli('create', '--name', name, TEST_IMAGE, 'true');
    const id = await idOf(name);
    const quick = createHelperPool({ idleMs: 5000 });
    const quickFiles = createFilesService(engine, quick);
    try {
      const listed = await quickFiles.requests['files.list']({
        target: { kind: 'container', id: name },
        path: '/',
        offset: 0,
        limit: 10,
        showHidden: false,
      });
      expect(listed.via).toBe('mount');
      expect(await helpersOf(id)).toHaveLength(1);
      await until('the idle helper to go', async () => ((await helpersOf(id)).length === 0 ? true : undefined));
      await until('the mount to go', async () => (Object.keys(await mounted()).includes(id) ? undefined : true));
    } finally {
      await quick.dispose();
    }
  });

  it('releases the mount of a helper a crashed Wharf left behind', async () => {
    const name = uniqueName('wharf-ps-crash');
    const helper = uniqueName('wharf-ps-crash-helper');
    containers.push(name, helper);
    await cli('create', '--name', name, TEST_IMAGE, 'true');
    const id = await idOf(name);
    const path = await mountContainer(engine.docker(), id);
    // A pid far above any pid_max is never alive.
    const owner = `${(await import('node:os')).hostname()}:99999999`;
    const helperId = (
      await cli(
        'run',
        '-d',
        '--name',
        helper,
        '--label',
        `${HELPER_LABEL}=files`,
        '--label',
        `${HELPER_OWNER_LABEL}=${owner}`,
        '--label',
        `${HELPER_CONTAINER_LABEL}=${id}`,
        '-v',
        `${path}:/c`,
        TEST_IMAGE,
        'sleep',
        '600',
      )
    ).trim();
    expect(Object.keys(await mounted())).toContain(id);
    const docker = engine.docker();
    const removed = await removeStaleHelpers(docker, Date.now(), (h) => releaseStaleMount(docker, h));
    expect(removed).toContain(helperId);
    expect(Object.keys(await mounted())).not.toContain(id);
    // The container is whole: it starts and exits cleanly.
    await cli('start', '-a', name);
    expect((await cli('inspect', '-f', '{{.State.ExitCode}}', name)).trim()).toBe('0');
  });
});
