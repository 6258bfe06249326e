// Downloads against the real engines, through the real browser-mode server:
// the bytes equal the source (sha256), a file's Content-Length is its size,
// progress reaches the total, a file that changes size on the way fails the
// download instead of leaving a corrupt copy, and Cancel ends the transfer
// and the exec in the helper behind it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadDescriptorInput, DownloadProgress } from './contract';
import type { Handlers } from '../../transport/handlers';
import { startServer, type RunningServer } from '../../server/server';
import { createDownloadsService, type DownloadsService } from './service';
import { createHelperPool } from '../files/helper';
import { createFilesService } from '../files/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const engines = testEndpoints();
const TOKEN = 'downloads-int-token-0123456789ab';
const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.skipIf(engines.length === 0).each(engines)('downloads on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  const volumes: string[] = [];
  const local = mkdtempSync(join(tmpdir(), 'wharf-dl-int-'));
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  let downloads: DownloadsService;
  let server: RunningServer;

  const freshVolume = async (script: string) => {
    const name = uniqueName('wharf-dl');
    volumes.push(name);
    await cli('volume', 'create', name);
    await cli('run', '--rm', '-v', `${name}:/d`, TEST_IMAGE, 'sh', '-c', script);
    return name;
  };
  const inVolume = async (vol: string, script: string) =>
    (await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'sh', '-c', script)).toString();
  const v = (name: string) => ({ kind: 'volume' as const, name });

  /** Every progress event of a download, from 'downloads.watch'. */
  const watch = (id: string) => {
    const events: DownloadProgress[] = [];
    const stop = downloads.subscriptions['downloads.watch'](
      { id },
      { emit: (e) => events.push(e), fail: (e) => events.push({ phase: 'failed', error: e } as never) },
    );
    return { events, stop, last: () => events.at(-1) };
  };

  /** GET the download's address as Wharf's page does (same-origin); `pause` holds the body unread until told to read on. */
  const fetchDownload = (url: string, options: { pause?: boolean } = {}) =>
    new Promise<{ res: IncomingMessage; body: Promise<{ bytes: Buffer; complete: boolean }>; resume: () => void }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path: url,
            headers: { Host: `127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            if (options.pause) res.pause();
            const body = new Promise<{ bytes: Buffer; complete: boolean }>((done) => {
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('error', () => {});
              res.on('close', () => done({ bytes: Buffer.concat(chunks), complete: res.complete }));
            });
            resolve({ res, body, resume: () => res.resume() });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );

  const create = (descriptor: DownloadDescriptorInput) => downloads.requests['downloads.create'](descriptor);

  /** Exec sessions still running in the volume's helper (the download's cat or tar among them). */
  const runningExecs = async (vol: string): Promise<number> => {
    const docker = engine.docker();
    const id = await pool.forVolume(docker, vol);
    const info = (await docker.getContainer(id).inspect()) as { ExecIDs?: string[] | null };
    let running = 0;
    for (const execId of info.ExecIDs ?? []) {
      const exec = (await docker
        .getExec(execId)
        .inspect()
        .catch(() => ({ Running: false }))) as { Running?: boolean };
      if (exec.Running === true) running++;
    }
    return running;
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    const files = createFilesService(engine, pool);
    downloads = createDownloadsService(engine, files);
    server = await startServer({
      port: 0,
      token: TOKEN,
      handlers: { requests: {}, subscriptions: {} } as unknown as Handlers,
      staticDir: local,
      downloads,
    });
  });

  afterAll(async () => {
    await server?.close();
    await pool.dispose();
    for (const name of volumes) await cli('volume', 'rm', '-f', name).catch(() => {});
    await engine?.dispose();
    rmSync(local, { recursive: true, force: true });
  });

  it('a 30 MB file: its bytes, its Content-Length, and progress that reaches the total', async () => {
    const vol = await freshVolume(`head -c ${30 * MB + 123} /dev/urandom > /d/big.bin`);
    const created = await create({ kind: 'file', target: v(vol), path: '/big.bin' });
    const progress = watch(created.id);
    expect(progress.last()).toMatchObject({ id: created.id, name: 'big.bin', phase: 'waiting', sent: 0 });
    const { res, body, resume } = await fetchDownload(created.url, { pause: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(30 * MB + 123));
    // Held unread: what was sent so far fills the buffers on the way, and is reported before the end.
    await expect.poll(() => progress.last()?.sent ?? 0).toBeGreaterThan(0);
    expect(progress.last()).toMatchObject({ phase: 'running', total: 30 * MB + 123 });
    expect(progress.last()?.sent).toBeLessThan(30 * MB);
    resume();
    const { bytes, complete } = await body;
    expect(complete).toBe(true);
    expect(sha256(bytes)).toBe((await inVolume(vol, 'sha256sum /d/big.bin')).slice(0, 64));
    await expect.poll(() => progress.last()?.phase).toBe('done');
    expect(progress.last()).toMatchObject({ sent: 30 * MB + 123, total: 30 * MB + 123 });
    expect(progress.last()?.bytesPerSecond).toBeGreaterThan(0);
    progress.stop();
  });

  it('a folder as tar and as zip: an estimated total beforehand, and the estimate reached at the end', async () => {
    const vol = await freshVolume(
      'mkdir -p /d/site/sub && head -c 3000000 /dev/urandom > /d/site/sub/blob && echo hi > /d/site/a.txt && ln -s a.txt /d/site/link',
    );
    const tar = await create({ kind: 'folder-tar', target: v(vol), path: '/site' });
    const tarProgress = watch(tar.id);
    const got = await fetchDownload(tar.url);
    expect(got.res.headers['content-length']).toBeUndefined();
    const { bytes } = await got.body;
    writeFileSync(join(local, 'site.tar'), bytes);
    await expect.poll(() => tarProgress.last()?.phase).toBe('done');
    await expect.poll(() => tarProgress.last()?.estimate).toBeDefined();
    const done = tarProgress.last();
    expect(done?.sent).toBe(bytes.length);
    // The estimate comes from a listing: near the real size (the tar's own padding aside).
    expect(done?.estimate?.total).toBeGreaterThan(bytes.length * 0.9);
    expect(done?.estimate?.total).toBeLessThan(bytes.length * 1.1);
    expect(done?.estimate?.read).toBe(done?.estimate?.total);
    const { execFileSync } = await import('node:child_process');
    expect(
      sha256(execFileSync('tar', ['-xOf', join(local, 'site.tar'), './site/sub/blob'], { maxBuffer: 16 * MB })),
    ).toBe((await inVolume(vol, 'sha256sum /d/site/sub/blob')).slice(0, 64));

    const zip = await create({ kind: 'folder-zip', target: v(vol), path: '/site' });
    const zipProgress = watch(zip.id);
    const zipped = await (await fetchDownload(zip.url)).body;
    expect(zipped.complete).toBe(true);
    expect(zipped.bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    await expect.poll(() => zipProgress.last()?.phase).toBe('done');
    await expect.poll(() => zipProgress.last()?.estimate).toBeDefined();
    expect(zipProgress.last()?.sent).toBe(zipped.bytes.length);
    expect(zipProgress.last()?.estimate?.total).toBe(done?.estimate?.total);
  });

  it('a file that grows while it downloads fails the download instead of saving a corrupt copy', async () => {
    const vol = await freshVolume(`head -c ${4 * MB} /dev/urandom > /d/grows.bin`);
    // A writer appends a 1 KB line every few tens of microseconds with shell builtins only (no process started
    // between appends, so no gap a quick read could fall into), about 25 MB/s: slower than any read, so the
    // helper's cat still reaches the end, but the file is certain to grow between its size and that end.
    const writer = uniqueName('wharf-dl-writer');
    const line = '0'.repeat(1023);
    const script = `while :; do echo ${line}; i=0; while [ $i -lt 40 ]; do i=$((i+1)); done; done >> /d/grows.bin`;
    await cli('run', '-d', '--name', writer, '-v', `${vol}:/d`, TEST_IMAGE, 'sh', '-c', script);
    try {
      // The writer is running before the download begins.
      await expect
        .poll(async () => Number((await inVolume(vol, 'stat -c %s /d/grows.bin')).trim()))
        .toBeGreaterThan(4 * MB);
      const created = await create({ kind: 'file', target: v(vol), path: '/grows.bin' });
      const progress = watch(created.id);
      const got = await fetchDownload(created.url);
      const announced = Number(got.res.headers['content-length']);
      expect(announced).toBeGreaterThanOrEqual(4 * MB);
      const { bytes, complete } = await got.body;
      expect(complete).toBe(false);
      expect(bytes.length).toBeLessThanOrEqual(announced);
      await expect.poll(() => progress.last()?.phase).toBe('failed');
      expect(progress.last()?.error?.message).toContain('"/grows.bin" grew while it was being downloaded');
    } finally {
      await cli('rm', '-f', writer);
    }
  });

  it('a file that shrinks while it downloads fails the download', async ({ skip }) => {
    // Podman's exec stream does not hold back a reader that pauses: the file is read whole before it can change.
    if (kind === 'podman') skip('needs the engine to hold the command back while the download is paused');
    const vol = await freshVolume(`head -c ${40 * MB} /dev/urandom > /d/shrinks.bin`);
    const created = await create({ kind: 'file', target: v(vol), path: '/shrinks.bin' });
    const progress = watch(created.id);
    // The body is held unread, so the helper's cat waits partway through the file while it is emptied.
    const got = await fetchDownload(created.url, { pause: true });
    expect(got.res.headers['content-length']).toBe(String(40 * MB));
    await inVolume(vol, ': > /d/shrinks.bin');
    got.resume();
    const { bytes, complete } = await got.body;
    expect(complete).toBe(false);
    expect(bytes.length).toBeLessThan(40 * MB);
    await expect.poll(() => progress.last()?.phase).toBe('failed');
    expect(progress.last()?.error?.message).toContain('"/shrinks.bin" shrank while it was being downloaded');
  });

  it('Cancel stops the transfer, the browser side sees it fail, and the exec in the helper ends (file and zip)', async () => {
    const vol = await freshVolume(`mkdir /d/f && head -c ${60 * MB} /dev/urandom > /d/f/big.bin`);
    for (const descriptor of [
      { kind: 'file', target: v(vol), path: '/f/big.bin' },
      { kind: 'folder-zip', target: v(vol), path: '/f' },
    ] as const) {
      const created = await create(descriptor);
      const progress = watch(created.id);
      const got = await fetchDownload(created.url, { pause: true });
      // Held again at its first bytes, so it is midway for sure when Cancel comes (a poll's pause
      // came too late once: the whole file had passed, and the exec had ended).
      const first = new Promise<void>((resolve) => got.res.once('data', () => (got.res.pause(), resolve())));
      got.resume();
      await first;
      await expect.poll(() => progress.last()?.sent ?? 0).toBeGreaterThan(0);
      expect(await runningExecs(vol)).toBeGreaterThan(0);
      expect(await downloads.requests['downloads.abort']({ id: created.id })).toEqual({ aborted: true });
      got.res.resume();
      const { complete } = await got.body;
      expect(complete).toBe(false);
      expect(progress.last()).toMatchObject({ phase: 'cancelled', cancelledBy: 'wharf' });
      expect(progress.last()?.sent).toBeLessThan(60 * MB);
      await expect.poll(() => runningExecs(vol), { timeout: 15_000 }).toBe(0);
      // A second cancel changes nothing; the address is used up.
      expect(await downloads.requests['downloads.abort']({ id: created.id })).toEqual({ aborted: false });
    }
  });

  it('Cancel before the address is fetched: it answers 404 and nothing starts', async () => {
    const vol = await freshVolume('echo hi > /d/a.txt');
    const created = await create({ kind: 'file', target: v(vol), path: '/a.txt' });
    const progress = watch(created.id);
    expect(await downloads.requests['downloads.abort']({ id: created.id })).toEqual({ aborted: true });
    expect(progress.last()).toMatchObject({ phase: 'cancelled', sent: 0 });
    expect((await fetchDownload(created.url)).res.statusCode).toBe(404);
  });

  it('the desktop save: a claimed id streamed into a file, with the same progress', async () => {
    const vol = await freshVolume(`head -c ${8 * MB + 5} /dev/urandom > /d/s.bin`);
    const created = await create({ kind: 'file', target: v(vol), path: '/s.bin' });
    const progress = watch(created.id);
    const claimed = downloads.claim(created.id);
    expect(claimed).toBeDefined();
    expect(downloads.claim(created.id)).toBeUndefined();
    const file = join(local, 's.bin');
    const saved = await claimed!.saveTo(file);
    expect(saved).toMatchObject({ bytes: 8 * MB + 5, file });
    expect(sha256(readFileSync(file))).toBe((await inVolume(vol, 'sha256sum /d/s.bin')).slice(0, 64));
    expect(progress.last()).toMatchObject({ phase: 'done', sent: 8 * MB + 5, total: 8 * MB + 5 });
  });

  it('a desktop save cancelled halfway leaves no file, and one already there as it was', async () => {
    // Big enough that the copy outlasts several progress updates (one each 250 ms) on a fast machine.
    const vol = await freshVolume(`head -c ${256 * MB} /dev/urandom > /d/c.bin`);
    const dir = mkdtempSync(join(local, 'cancelled-'));
    for (const existing of [undefined, 'kept']) {
      const file = join(dir, 'c.bin');
      if (existing !== undefined) writeFileSync(file, existing);
      const created = await create({ kind: 'file', target: v(vol), path: '/c.bin' });
      // Cancelled at the first progress with bytes written: the save is under way, far from its end.
      let cancelled = false;
      const stop = downloads.subscriptions['downloads.watch'](
        { id: created.id },
        {
          emit: (p) => {
            if (!cancelled && p.sent > 0) {
              cancelled = true;
              void downloads.requests['downloads.abort']({ id: created.id });
            }
          },
          fail: () => {},
        },
      );
      await expect(downloads.claim(created.id)!.saveTo(file)).rejects.toThrow(/cancelled/);
      stop();
      expect(cancelled).toBe(true);
      expect(readdirSync(dir)).toEqual(existing === undefined ? [] : ['c.bin']);
      if (existing !== undefined) expect(readFileSync(file, 'utf8')).toBe(existing);
    }
  });
});
