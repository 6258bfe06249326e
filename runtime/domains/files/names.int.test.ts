// Names and file types a container can hold that a file manager must not trip
// over, against the real engines: a name ending in a newline next to the same
// name without it, and pipes and devices, which a read would wait on forever.
// Each in a volume (through its helper) and in a running container.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FileTarget } from './types';
import { createDownloadsService } from '../downloads/service';
import { createHelperPool } from './helper';
import { createFilesService } from './service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  removeTestLeftovers,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const engines = testEndpoints();

describe.skipIf(engines.length === 0).each(engines)('awkward names and file types on $kind', ({ endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const volumes: string[] = [];
  const containers: string[] = [];
  let files: ReturnType<typeof createFilesService>;
  let downloads: ReturnType<typeof createDownloadsService>;

  /** A volume and a running container, both holding what `script` makes under $D ($N is a newline). */
  const places = async (
    script: string,
  ): Promise<Array<{ target: FileTarget; dir: string; ls: () => Promise<string> }>> => {
    const vol = uniqueName('wharf-names');
    volumes.push(vol);
    await cli('volume', 'create', vol);
    await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'sh', '-c', `D=/d; N=$1; ${script}`, 'sh', '\n');
    const name = uniqueName('wharf-names-run');
    containers.push(name);
    await cli(
      'run',
      '-d',
      '--name',
      name,
      TEST_IMAGE,
      'sh',
      '-c',
      `D=/srv; N=$1; mkdir -p $D; ${script}; exec sleep 3600`,
      'sh',
      '\n',
    );
    // Each name in brackets, exactly (a newline in a name stays one).
    const list = (dir: string) => ['sh', '-c', `cd ${dir} && for f in *; do printf '[%s]' "$f"; done`];
    return [
      {
        target: { kind: 'volume', name: vol },
        dir: '',
        ls: () => cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, ...list('/d')),
      },
      { target: { kind: 'container', id: name }, dir: '/srv', ls: () => cli('exec', name, ...list('/srv')) },
    ];
  };
  const contents = async (target: FileTarget, path: string) => {
    const read = await files.requests['files.read']({ target, path, maxBytes: 1024 });
    return read.kind === 'text' ? read.text : read.kind;
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    files = createFilesService(engine, pool);
    downloads = createDownloadsService(engine, files);
  });

  afterAll(() => removeTestLeftovers({ endpoint, services: [files, pool], containers, volumes, engine }));

  it('a name ending in a newline is read, written, renamed and deleted as itself, never as its sibling', async () => {
    // "x\n" beside "x"; a folder "d\n" beside "d"; "l\n" a link to / (outside a volume).
    for (const { target, dir, ls } of await places(
      'printf nl > "$D/x$N"; printf sibling > $D/x; mkdir "$D/d$N" $D/d; echo in > "$D/d$N/f"; echo other > $D/d/f; ln -s / "$D/l$N"',
    )) {
      const nl = `${dir}/x\n`;
      expect(await contents(target, nl)).toBe('nl');
      expect(await contents(target, `${dir}/d\n/f`)).toBe('in\n');
      const entry = await files.requests['files.stat']({ target, path: `${dir}/l\n` });
      expect(entry).toMatchObject({ type: 'symlink', linkTarget: '/' });

      await files.requests['files.write']({ target, path: nl, text: 'changed' });
      expect(await contents(target, nl)).toBe('changed');
      expect(await contents(target, `${dir}/x`)).toBe('sibling');

      await files.requests['files.write']({ target, path: `${dir}/d\n/new\n`, text: 'made', expected: null });
      expect(await contents(target, `${dir}/d\n/new\n`)).toBe('made');

      await files.requests['files.rename']({ target, path: nl, name: 'y\n' });
      expect(await ls()).toBe('[d][d\n][l\n][x][y\n]');
      await files.requests['files.rename']({ target, path: `${dir}/y\n`, name: 'x\n' });

      await files.requests['files.delete']({ target, path: nl, recursive: false });
      expect(await ls()).toBe('[d][d\n][l\n][x]');
      expect(await contents(target, `${dir}/x`)).toBe('sibling');
      await files.requests['files.delete']({ target, path: `${dir}/d\n`, recursive: true });
      expect(await ls()).toBe('[d][l\n][x]');
      expect(await contents(target, `${dir}/d/f`)).toBe('other\n');

      if (target.kind === 'volume') {
        // The link leads out of the volume: still refused, with or without the newline.
        await expect(contents(target, '/l\n/etc/hostname')).rejects.toMatchObject({ code: 'forbidden' });
        await expect(
          files.requests['files.list']({ target, path: '/l\n', offset: 0, limit: 10, showHidden: true }),
        ).rejects.toMatchObject({ code: 'forbidden' });
      }
    }
  });

  it('a first page is one exec, names and stat together; a page holding a name with a newline lists whole', async () => {
    for (const { target, dir } of await places(
      'for i in 1 2 3 4 5; do echo $i > $D/f$i; done; mkdir $D/sub; ln -s f1 $D/link; printf z > "$D/z$N"',
    )) {
      const path = dir === '' ? '/' : dir;
      // Every exec Wharf makes goes through the engine client's Container.exec.
      const container = Object.getPrototypeOf(engine.docker().getContainer('any')) as { exec: () => unknown };
      const execs = vi.spyOn(container, 'exec');
      try {
        const first = await files.requests['files.list']({ target, path, offset: 0, limit: 3, showHidden: true });
        expect(first.entries.map((e) => [e.name, e.type])).toEqual([
          ['sub', 'dir'],
          ['f1', 'file'],
          ['f2', 'file'],
        ]);
        expect(first.total).toBe(8);
        expect(execs).toHaveBeenCalledTimes(1);
        execs.mockClear();
        // "z\n" cannot go to the listing one a line: the page is stat-ed by a second exec.
        const all = await files.requests['files.list']({ target, path, offset: 0, limit: 10, showHidden: true });
        expect(all.entries.map((e) => e.name)).toEqual(['sub', 'f1', 'f2', 'f3', 'f4', 'f5', 'link', 'z\n']);
        expect(all.entries.find((e) => e.name === 'link')).toMatchObject({ type: 'symlink', linkTarget: 'f1' });
        expect(all.entries.find((e) => e.name === 'z\n')).toMatchObject({ type: 'file', size: 1 });
        expect(execs).toHaveBeenCalledTimes(2);
      } finally {
        execs.mockRestore();
      }
    }
  });

  it(
    'a pipe or a device is refused at once, for a read and for a download, instead of waiting forever',
    { timeout: 60_000 },
    async () => {
      for (const { target, dir } of await places('mkfifo $D/pipe; ln -s pipe $D/to-pipe')) {
        for (const path of [`${dir}/pipe`, `${dir}/to-pipe`]) {
          const started = Date.now();
          await expect(contents(target, path)).rejects.toMatchObject({
            code: 'invalid-input',
            message: expect.stringMatching(/not a regular file/),
          });
          await expect(files.openDownload(target, path, 'raw')).rejects.toMatchObject({
            code: 'invalid-input',
            message: expect.stringMatching(/not a regular file/),
          });
          expect(Date.now() - started).toBeLessThan(15_000);
        }
        await expect(
          downloads.requests['downloads.create']({ kind: 'file', target, path: `${dir}/pipe` }),
        ).rejects.toMatchObject({ code: 'invalid-input' });
        if (target.kind === 'container') {
          for (const path of ['/dev/zero', '/dev/null']) {
            await expect(contents(target, path)).rejects.toMatchObject({
              code: 'invalid-input',
              message: expect.stringMatching(/not a regular file/),
            });
            await expect(files.openDownload(target, path, 'raw')).rejects.toMatchObject({ code: 'invalid-input' });
          }
        }
        // A folder holding a pipe still downloads as an archive: tar stores the pipe, it does not read it.
        const tar = await files.openDownload(target, dir === '' ? '/' : dir, 'tar');
        let bytes = 0;
        for await (const chunk of tar.stream as AsyncIterable<Buffer>) bytes += chunk.length;
        await tar.done;
        expect(bytes).toBeGreaterThan(1024);
      }
    },
  );
});
