// Files in volumes and containers against the real engines, each checked with
// the docker CLI: what a user would see, and what the engine then holds.
// (Volumes and mounts themselves: volumes.int.test.ts.)
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { toApiError } from '../../transport/to-api-error';
import { writeFile } from './content';
import { createHelperPool } from './helper';
import { resolvePlace } from './place';
import { createDownloadsService } from '../downloads/service';
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
/** Volumes the checker container mounts (one per files test, two for the unsafe-path test). */
const POOLED = 13;

describe.skipIf(engines.length === 0).each(engines)('storage on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  const containers: string[] = [];
  const volumes: string[] = [];
  const local = mkdtempSync(join(tmpdir(), 'wharf-storage-'));
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  let files: ReturnType<typeof createFilesService>;
  let downloads: ReturnType<typeof createDownloadsService>;

  // Volumes made up front and mounted in one checker container, so each check
  // is a `docker exec`, not a container start.
  const ready: string[] = [];
  const checker = uniqueName('wharf-st-checker');
  const volume = async () => {
    const name = ready.shift();
    if (name === undefined) throw new Error('add a volume to the pool in beforeAll');
    return name;
  };
  /** Runs sh with VOL at /d: in the checker when it mounts VOL, else in a throwaway container. */
  const inVolume = async (vol: string, script: string) =>
    volumes.indexOf(vol) < POOLED
      ? (await cli('exec', checker, 'sh', '-c', script.replace(/\/d(?=[/\s;]|$)/g, `/m/${vol}`)))
          .toString()
          .replaceAll(`/m/${vol}`, '/d')
      : (await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'sh', '-c', script)).toString();
  const v = (name: string) => ({ kind: 'volume' as const, name });

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    for (let i = 0; i < POOLED; i++) {
      const name = uniqueName('wharf-st-vol');
      volumes.push(name);
      ready.push(name);
      await cli('volume', 'create', name);
    }
    containers.push(checker);
    await cli(
      'run',
      '-d',
      '--name',
      checker,
      ...volumes.flatMap((n) => ['-v', `${n}:/m/${n}`]),
      TEST_IMAGE,
      'sleep',
      '3600',
    );
    files = createFilesService(engine, pool);
    downloads = createDownloadsService(engine, files);
  });

  afterAll(() => removeTestLeftovers({ endpoint, services: [files, pool], containers, volumes, engine, local }));

  it('writes a file through the files service that docker run reads back', async () => {
    const vol = await volume();
    await files.requests['files.mkdir']({ target: v(vol), path: '/conf' });
    const written = await files.requests['files.write']({
      target: v(vol),
      path: '/conf/app.txt',
      text: 'hello 안녕\n',
      expected: null,
    });
    expect(written.entry).toMatchObject({ name: 'app.txt', type: 'file', size: Buffer.byteLength('hello 안녕\n') });
    expect(await inVolume(vol, 'cat /d/conf/app.txt')).toBe('hello 안녕\n');

    const page = await files.requests['files.list']({
      target: v(vol),
      path: '/conf',
      offset: 0,
      limit: 200,
      showHidden: true,
    });
    expect(page.entries.map((e) => e.name)).toEqual(['app.txt']);
    expect(page.via).toBe('helper');
    const read = await files.requests['files.read']({ target: v(vol), path: '/conf/app.txt', maxBytes: 1024 });
    expect(read).toMatchObject({ kind: 'text', text: 'hello 안녕\n' });
  });

  it('lists folders first, pages, and reports links, modes and owners', async () => {
    const vol = await volume();
    await inVolume(
      vol,
      'mkdir /d/b /d/a && for i in 1 2 3; do echo $i > /d/f$i; done && ln -s f1 /d/link && chmod 640 /d/f2 && chown 33:44 /d/f3 && touch /d/.hidden',
    );
    const all = await files.requests['files.list']({
      target: v(vol),
      path: '/',
      offset: 0,
      limit: 200,
      showHidden: true,
    });
    expect(all.entries.map((e) => e.name)).toEqual(['a', 'b', '.hidden', 'f1', 'f2', 'f3', 'link']);
    expect(all.entries.find((e) => e.name === 'link')).toMatchObject({ type: 'symlink', linkTarget: 'f1' });
    expect(all.entries.find((e) => e.name === 'f2')).toMatchObject({ mode: 0o640, size: 2 });
    expect(all.entries.find((e) => e.name === 'f3')).toMatchObject({ uid: 33, gid: 44 });
    const page = await files.requests['files.list']({
      target: v(vol),
      path: '/',
      offset: 2,
      limit: 2,
      showHidden: false,
    });
    expect(page.total).toBe(6);
    expect(page.entries.map((e) => e.name)).toEqual(['f1', 'f2']);
    // A folder listed once is paged from memory only while it is unchanged.
    await inVolume(vol, 'touch /d/f0 && rm /d/f3');
    const changed = await files.requests['files.list']({
      target: v(vol),
      path: '/',
      offset: 2,
      limit: 2,
      showHidden: false,
    });
    expect(changed.total).toBe(6);
    expect(changed.entries.map((e) => e.name)).toEqual(['f0', 'f1']);
  });

  it('upload and download round-trip the same bytes', async () => {
    const vol = await volume();
    const bytes = randomBytes(300_000);
    bytes[10] = 0;
    const up = await files.requests['files.upload']({
      target: v(vol),
      dir: '/',
      entries: [
        { path: 'bin/blob.dat', type: 'file', base64: bytes.toString('base64') },
        { path: 'bin', type: 'dir' },
      ],
    });
    expect(up.files).toBe(1);
    expect((await inVolume(vol, 'sha256sum /d/bin/blob.dat')).slice(0, 64)).toBe(createHashHex(bytes));
    const file = join(local, 'blob.out');
    const down = await files.requests['files.downloadTo']({
      target: v(vol),
      path: '/bin/blob.dat',
      format: 'raw',
      file,
    });
    expect(down.bytes).toBe(bytes.length);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    const read = await files.requests['files.read']({ target: v(vol), path: '/bin/blob.dat', maxBytes: 1_000_000 });
    expect(read.kind).toBe('binary');
    const small = await files.requests['files.read']({ target: v(vol), path: '/bin/blob.dat', maxBytes: 1000 });
    expect(small.kind).toBe('too-large');
  });

  it('uploads a 120 MB file in chunks and downloads the same bytes', async () => {
    const vol = await volume();
    const t = v(vol);
    const big = randomBytes(120 * 1024 * 1024);
    const small = Buffer.from('small one');
    const { id, chunkBytes, total } = await files.requests['files.uploadBegin']({
      target: t,
      dir: '/',
      entries: [
        { path: 'in', type: 'dir', size: 0 },
        { path: 'in/big.bin', type: 'file', size: big.length },
        { path: 'in/empty', type: 'file', size: 0 },
        { path: 'in/small.txt', type: 'file', size: small.length },
      ],
    });
    expect(total).toBe(big.length + small.length);
    const all = Buffer.concat([big, small]);
    for (let offset = 0; offset < all.length; offset += chunkBytes) {
      const { received } = await files.requests['files.uploadChunk']({
        id,
        offset,
        base64: all.subarray(offset, offset + chunkBytes).toString('base64'),
      });
      expect(received).toBe(Math.min(offset + chunkBytes, all.length));
    }
    const done = await files.requests['files.uploadCommit']({ id });
    expect(done).toMatchObject({ files: 3, bytes: all.length });
    expect(
      await inVolume(vol, 'sha256sum /d/in/big.bin | cut -c1-64; cat /d/in/small.txt; echo; wc -c < /d/in/empty'),
    ).toBe(`${createHashHex(big)}\nsmall one\n0\n`);
    const file = join(local, 'big.out');
    const down = await files.requests['files.downloadTo']({ target: t, path: '/in/big.bin', format: 'raw', file });
    expect(down.bytes).toBe(big.length);
    expect(createHashHex(readFileSync(file))).toBe(createHashHex(big));
    rmSync(file);
  });

  it('a desktop save cancelled halfway stops the copy and leaves no partial file', async () => {
    const vol = await volume();
    await inVolume(vol, 'head -c 268435456 /dev/zero > /d/large.bin');
    const file = join(local, 'cancelled.bin');
    const controller = new AbortController();
    const saving = files.requests['files.downloadTo'](
      { target: v(vol), path: '/large.bin', format: 'raw', file },
      { signal: controller.signal },
    );
    const outcome = saving.then(
      () => 'saved',
      () => 'cancelled',
    );
    // Cancel once the copy is under way: its temporary file beside the target holds bytes.
    for (;;) {
      const part = readdirSync(local).find((name) => name.startsWith('.cancelled.bin.'));
      if (part !== undefined && statSync(join(local, part)).size > 0) break;
      if ((await Promise.race([outcome, new Promise((r) => setTimeout(() => r('waiting'), 5))])) !== 'waiting') break;
    }
    controller.abort();
    expect(await outcome).toBe('cancelled');
    expect(readdirSync(local).filter((name) => name.includes('cancelled.bin'))).toEqual([]);
  });

  it('downloads a folder as a zip, streamed, that unzip restores with the same bytes and links', async () => {
    const vol = await volume();
    await inVolume(
      vol,
      'mkdir -p /d/site/sub /d/site/empty && head -c 300000 /dev/urandom > /d/site/sub/blob && echo hi > /d/site/a.txt && : > /d/site/zero && ln -s a.txt /d/site/link',
    );
    const descriptor = { kind: 'folder-zip' as const, target: v(vol), path: '/site' };
    const created = await downloads.requests['downloads.create'](descriptor);
    expect(created).toMatchObject({ url: expect.stringMatching(/^\/download\/[0-9a-f]{64}$/), name: 'site.zip' });
    const id = created.url.slice('/download/'.length);
    expect(downloads.claim(id)?.descriptor).toEqual(descriptor);
    expect(downloads.claim(id)).toBeUndefined();
    const zip = join(local, 'site.zip');
    expect((await downloads.saveTo(descriptor, zip)).bytes).toBeGreaterThan(300000);
    const unpack = `/${uniqueName('wharf-unzip')}`;
    await cli('cp', zip, `${checker}:${unpack}.zip`);
    const sums = 'cd site && sha256sum a.txt sub/blob zero && readlink link && ls -d empty';
    const unzipped = await cli(
      'exec',
      checker,
      'sh',
      '-c',
      `mkdir ${unpack} && cd ${unpack} && unzip -q ${unpack}.zip && ${sums}`,
    );
    expect(unzipped.toString()).toBe(await inVolume(vol, `cd /d && ${sums}`));
  });

  it('refuses a download whose path leaves the volume or is missing, before any address exists', async () => {
    const vol = await volume();
    await inVolume(vol, 'mkdir -p /d/dir');
    await expect(
      downloads.requests['downloads.create']({ kind: 'file', target: v(vol), path: '/../etc/passwd' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      downloads.requests['downloads.create']({ kind: 'file', target: v(vol), path: '/missing' }),
    ).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      downloads.requests['downloads.create']({ kind: 'file', target: v(vol), path: '/dir' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      downloads.requests['downloads.create']({ kind: 'volume-export', name: uniqueName('wharf-no-such') }).catch(
        (e: unknown) => Promise.reject(toApiError(e)),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses an upload that sends more than it announced, and an aborted upload leaves no half file', async () => {
    const vol = await volume();
    const t = v(vol);
    const over = await files.requests['files.uploadBegin']({
      target: t,
      dir: '/',
      entries: [{ path: 'a.txt', type: 'file', size: 3 }],
    });
    await expect(
      files.requests['files.uploadChunk']({ id: over.id, offset: 0, base64: Buffer.from('abcd').toString('base64') }),
    ).rejects.toThrow(/more than the 3 bytes/);
    await expect(files.requests['files.uploadCommit']({ id: over.id })).rejects.toMatchObject({ code: 'not-found' });
    const cut = await files.requests['files.uploadBegin']({
      target: t,
      dir: '/',
      entries: [{ path: 'half.bin', type: 'file', size: 2_000_000 }],
    });
    await files.requests['files.uploadChunk']({
      id: cut.id,
      offset: 0,
      base64: randomBytes(cut.chunkBytes).toString('base64'),
    });
    await expect(files.requests['files.uploadCommit']({ id: cut.id })).rejects.toThrow(/not complete/);
    expect(await files.requests['files.uploadAbort']({ id: cut.id })).toEqual({ aborted: true });
    expect(await inVolume(vol, 'ls -A /d')).toBe('');
    expect(files.uploads.size()).toBe(0);
    await expect(
      files.requests['files.uploadBegin']({ target: t, dir: '/', entries: [{ path: '../x', type: 'file', size: 1 }] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses every unsafe path, and nothing outside the volume changes', async () => {
    const vol = await volume();
    const outside = await volume();
    await inVolume(outside, 'echo canary > /d/canary');
    // A link to the helper's / and to a folder outside; the second volume is mounted nowhere near.
    await inVolume(
      vol,
      'mkdir /d/in && echo ok > /d/in/ok && ln -s / /d/root && ln -s ../.. /d/in/up && ln -s /etc/passwd /d/pw && ln -s in /d/inlink',
    );
    const t = v(vol);
    const refusals: Array<() => Promise<unknown>> = [
      () => files.requests['files.read']({ target: t, path: '/../canary', maxBytes: 100 }),
      () => files.requests['files.read']({ target: t, path: 'relative', maxBytes: 100 }),
      () => files.requests['files.read']({ target: t, path: '/in/\0x', maxBytes: 100 }),
      () => files.requests['files.read']({ target: t, path: '/pw', maxBytes: 100 }),
      () => files.requests['files.read']({ target: t, path: '/root/etc/passwd', maxBytes: 100 }),
      () => files.requests['files.list']({ target: t, path: '/root', offset: 0, limit: 10, showHidden: true }),
      () => files.requests['files.list']({ target: t, path: '/in/up', offset: 0, limit: 10, showHidden: true }),
      () => files.requests['files.write']({ target: t, path: '/root/tmp/evil', text: 'x' }),
      () => files.requests['files.write']({ target: t, path: '/pw', text: 'x' }),
      () => files.requests['files.mkdir']({ target: t, path: '/root/evil' }),
      () => files.requests['files.rename']({ target: t, path: '/in/ok', name: '../escaped' }),
      () => files.requests['files.delete']({ target: t, path: '/root/etc', recursive: true }),
      () =>
        files.requests['files.upload']({
          target: t,
          dir: '/root',
          entries: [{ path: 'evil', type: 'file', base64: '' }],
        }),
      () =>
        files.requests['files.upload']({
          target: t,
          dir: '/',
          entries: [{ path: '../evil', type: 'file', base64: '' }],
        }),
    ];
    for (const attempt of refusals) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect(['forbidden', 'invalid-input']).toContain((error as ApiError).code);
      expect((error as ApiError).message.length).toBeGreaterThan(10);
    }
    // A link inside the volume is followed.
    const inside = await files.requests['files.read']({ target: t, path: '/inlink/ok', maxBytes: 100 });
    expect(inside).toMatchObject({ kind: 'text', text: 'ok\n' });
    expect(await inVolume(outside, 'cat /d/canary; ls /d')).toBe('canary\ncanary\n');
    expect(await inVolume(vol, 'ls /d; cat /d/in/ok')).toBe('in\ninlink\npw\nroot\nok\n');
  });

  it('saves atomically: a save cut halfway leaves the old file whole', async () => {
    const vol = await volume();
    const t = v(vol);
    const original = 'original content\n'.repeat(1000);
    await files.requests['files.write']({ target: t, path: '/doc.txt', text: original });
    const docker = engine.docker();
    const place = await resolvePlace(docker, pool, t);
    const big = Buffer.alloc(2_000_000, 'n');
    const cut = (tar: Buffer) =>
      new Readable({
        read() {
          this.push(tar.subarray(0, tar.length / 2));
          this.destroy(new Error('connection lost'));
        },
      });
    await expect(writeFile(docker, pool, place, '/doc.txt', big, undefined, { body: cut })).rejects.toThrow();
    expect(await inVolume(vol, 'cat /d/doc.txt')).toBe(original);
    expect(await inVolume(vol, 'ls -A /d')).toBe('doc.txt\n');
  });

  it('downloads a file out of a stopped container as it streams, and a folder asked for as a file is refused', async () => {
    const name = uniqueName('wharf-st-dl');
    containers.push(name);
    await cli('create', '--name', name, TEST_IMAGE, 'true');
    const t = { kind: 'container' as const, id: name };
    const bytes = randomBytes(5 * 1024 * 1024 + 17);
    const src = join(local, 'stopped-src.bin');
    writeFileSync(src, bytes);
    await cli('cp', src, `${name}:/data.bin`);
    const file = join(local, 'stopped-out.bin');
    const saved = await downloads.saveTo({ kind: 'file', target: t, path: '/data.bin' }, file);
    expect(saved.bytes).toBe(bytes.length);
    expect(createHashHex(readFileSync(file))).toBe(createHashHex(bytes));
    // Refused before the first byte (the archive's first entry, or the script, says what it is), so the server can answer with a status.
    await expect(downloads.open({ kind: 'file', target: t, path: '/etc' })).rejects.toThrow(
      /is not a file|is a folder, not a file/,
    );
  });

  it('a save in a stopped container cut halfway leaves the old file whole', async () => {
    const name = uniqueName('wharf-st-cut');
    containers.push(name);
    await cli('create', '--name', name, TEST_IMAGE, 'cat', '/doc.txt');
    const t = { kind: 'container' as const, id: name };
    const original = 'original content\n'.repeat(1000);
    await files.requests['files.write']({ target: t, path: '/doc.txt', text: original, expected: null });
    const docker = engine.docker();
    const place = await resolvePlace(docker, pool, t);
    expect(place.via).toBe('archive');
    // The first half goes out; when the request asks for more, the connection is lost.
    const cut = (tar: Buffer) => {
      let reads = 0;
      return new Readable({
        read() {
          if (reads++ === 0) this.push(tar.subarray(0, tar.length / 2));
          else this.destroy(new Error('connection lost'));
        },
      });
    };
    const error = await writeFile(docker, pool, place, '/doc.txt', Buffer.alloc(4_000_000, 'n'), undefined, {
      body: cut,
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/did not arrive whole, so the file was put back as it was/);
    expect((await cli('start', '-a', name)).toString()).toBe(original);
  });

  it('refuses a save when the file changed underneath', async () => {
    const vol = await volume();
    const t = v(vol);
    await files.requests['files.write']({ target: t, path: '/a.txt', text: 'one' });
    const opened = await files.requests['files.read']({ target: t, path: '/a.txt', maxBytes: 100 });
    if (opened.kind !== 'text') throw new Error('not text');
    const expected = { size: opened.entry.size, mtime: opened.entry.mtime, sha256: opened.sha256 };
    await inVolume(vol, 'printf two > /d/a.txt');
    const error = await files.requests['files.write']({ target: t, path: '/a.txt', text: 'mine', expected }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toMatch(/changed underneath you/);
    expect(await inVolume(vol, 'cat /d/a.txt')).toBe('two');
    const fresh = await files.requests['files.read']({ target: t, path: '/a.txt', maxBytes: 100 });
    if (fresh.kind !== 'text') throw new Error('not text');
    await files.requests['files.write']({
      target: t,
      path: '/a.txt',
      text: 'mine',
      expected: { size: fresh.entry.size, mtime: fresh.entry.mtime, sha256: fresh.sha256 },
    });
    expect(await inVolume(vol, 'cat /d/a.txt')).toBe('mine');
    await expect(
      files.requests['files.write']({ target: t, path: '/a.txt', text: 'x', expected: null }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('renames and deletes, and works in running and stopped containers', async () => {
    const vol = await volume();
    const t = v(vol);
    await files.requests['files.write']({ target: t, path: '/old.txt', text: 'x' });
    await files.requests['files.rename']({ target: t, path: '/old.txt', name: 'new.txt' });
    await files.requests['files.mkdir']({ target: t, path: '/dir' });
    await files.requests['files.write']({ target: t, path: '/dir/f', text: 'x' });
    await expect(files.requests['files.delete']({ target: t, path: '/dir', recursive: false })).rejects.toThrow(
      /not empty/,
    );
    await files.requests['files.delete']({ target: t, path: '/dir', recursive: true });
    expect(await inVolume(vol, 'ls -A /d')).toBe('new.txt\n');

    const name = uniqueName('wharf-st-c');
    containers.push(name);
    await cli(
      'run',
      '-d',
      '--name',
      name,
      TEST_IMAGE,
      'sh',
      '-c',
      'mkdir -p /srv && echo hi > /srv/x && exec sleep 3600',
    );
    await waitForFile(() => cli('exec', name, 'cat', '/srv/x'));
    const c = { kind: 'container' as const, id: name };
    const running = await files.requests['files.list']({
      target: c,
      path: '/srv',
      offset: 0,
      limit: 10,
      showHidden: true,
    });
    expect(running).toMatchObject({ via: 'exec', entries: [{ name: 'x', size: 3 }] });
    const saved = await files.requests['files.write']({ target: c, path: '/srv/y', text: 'new', expected: null });
    expect(saved.commands[0]).toMatch(/^docker cp y /);
    expect((await cli('exec', name, 'cat', '/srv/y')).toString()).toBe('new');
    await cli('stop', '-t', '0', name);
    const stopped = await files.requests['files.list']({
      target: c,
      path: '/srv',
      offset: 0,
      limit: 10,
      showHidden: true,
    });
    // Podman mounts a stopped container's filesystem for a helper (files-mounted.int.test.ts).
    expect(stopped.via).toBe(kind === 'podman' ? 'mount' : 'archive');
    if (kind === 'docker') expect(stopped.command).toBe(`docker cp ${name}:/srv - | tar -tv`);
    expect(stopped.entries.map((e) => [e.name, e.size])).toEqual([
      ['x', 3],
      ['y', 3],
    ]);
    expect(await files.requests['files.read']({ target: c, path: '/srv/y', maxBytes: 100 })).toMatchObject({
      kind: 'text',
      text: 'new',
    });
    // Stopped: saving (with the conflict check), new files, folders and uploads go through the archive API.
    const opened = await files.requests['files.read']({ target: c, path: '/srv/y', maxBytes: 100 });
    if (opened.kind !== 'text') throw new Error('not text');
    const asOpened = { size: opened.entry.size, mtime: opened.entry.mtime, sha256: opened.sha256 };
    const resaved = await files.requests['files.write']({
      target: c,
      path: '/srv/y',
      text: 'edited while stopped',
      expected: asOpened,
    });
    expect(resaved.entry).toMatchObject({ name: 'y', type: 'file', size: 20 });
    expect(resaved.commands[0]).toMatch(/^docker cp y /);
    await expect(
      files.requests['files.write']({ target: c, path: '/srv/y', text: 'stale', expected: asOpened }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      files.requests['files.write']({ target: c, path: '/srv/y', text: 'again', expected: null }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await files.requests['files.write']({ target: c, path: '/srv/z', text: 'new while stopped', expected: null });
    await files.requests['files.mkdir']({ target: c, path: '/srv/sub' });
    await files.requests['files.upload']({
      target: c,
      dir: '/srv/sub',
      entries: [{ path: 'up.bin', type: 'file', base64: Buffer.from('uploaded').toString('base64') }],
    });
    // Both engines rename and delete in a stopped container: Docker through the archive endpoint
    // (files-stopped.int.test.ts), Podman on its mounted filesystem (files-mounted.int.test.ts).
    await cli('start', name);
    await waitForFile(() => cli('exec', name, 'cat', '/srv/z'));
    expect(
      (
        await cli('exec', name, 'sh', '-c', 'cat /srv/y; echo; cat /srv/z; echo; cat /srv/sub/up.bin; echo; ls /srv')
      ).toString(),
    ).toBe('edited while stopped\nnew while stopped\nuploaded\nsub\nx\ny\nz\n');
  });
});

function createHashHex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function waitForFile(check: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await check();
      return;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
