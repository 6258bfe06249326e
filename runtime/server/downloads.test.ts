// GET /download/<id> on the real server, with the real downloads service over
// a stand-in engine: Host and Origin checked, the link followed from Wharf's
// own page (Sec-Fetch-Site: same-origin), one use per id,
// the bytes streamed with an attachment name, and path escapes refused
// before any address exists.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { FileTarget } from '../domains/files/types';
import type { Engine } from '../engine/types';
import { createDownloadsService, type DownloadsService } from '../domains/downloads/service';
import type { FilesService } from '../domains/files/service';
import type { Handlers } from '../transport/handlers';
import { contentDisposition, startServer, type RunningServer } from './server';

const TOKEN = 'download-token-0123456789abcdef';
/** What the stand-in engine holds: a file of 3 MB and a folder "/dir". */
const BLOB = Buffer.alloc(3 * 1024 * 1024, 0);
for (let i = 0; i < BLOB.length; i++) BLOB[i] = (i * 31 + (i >> 11)) & 0xff;

const files = {
  requests: {
    'files.stat': async ({ path }: { path: string }) => {
      if (path === '/blob.bin' || path === '/fails.bin') return { type: 'file' };
      if (path === '/dir') return { type: 'dir' };
      throw new ApiError({ code: 'not-found', message: `"${path}" does not exist.` });
    },
  },
  commandFor: async (_t: FileTarget, path: string, local: string) => `docker cp x:${path} ${local}`,
  openDownload: async (_t: FileTarget, path: string) => {
    if (path === '/fails.bin') {
      // Some bytes, then the source fails.
      const stream = Readable.from(
        (async function* () {
          yield BLOB.subarray(0, 1024 * 1024);
          throw new Error('engine went away');
        })(),
      );
      return { name: 'fails.bin', stream, done: new Promise<void>(() => {}) };
    }
    return {
      name: 'blob.bin',
      stream: Readable.from([BLOB.subarray(0, BLOB.length / 2), BLOB.subarray(BLOB.length / 2)]),
      done: Promise.resolve(),
    };
  },
} as unknown as FilesService;

let server: RunningServer;
let downloads: DownloadsService;
let staticDir: string;
const host = () => `127.0.0.1:${server.port}`;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  aborted: boolean;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method, headers: { Host: host(), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        let aborted = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            aborted: aborted || !res.complete,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** What Chromium sends when Wharf's page follows its own download link. */
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' };

const volume = { kind: 'volume' as const, name: 'data' };
const create = async (path = '/blob.bin') =>
  (await downloads.requests['downloads.create']({ kind: 'file', target: volume, path })).url;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'wharf-dl-'));
  await mkdir(staticDir, { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  downloads = createDownloadsService({ docker: () => ({}) } as unknown as Engine, files);
  server = await startServer({
    port: 0,
    token: TOKEN,
    handlers: { requests: {}, subscriptions: {} } as unknown as Handlers,
    staticDir,
    downloads,
  });
});

afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('GET /download/<id>', () => {
  it('streams the bytes once, as an attachment that is never cached', async () => {
    const url = await create();
    expect(url).toMatch(/^\/download\/[0-9a-f]{64}$/);
    const res = await get(url, SAME_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.aborted).toBe(false);
    expect(sha(res.body)).toBe(sha(BLOB));
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="blob.bin"; filename*=UTF-8''blob.bin`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Used up.
    const again = await get(url, SAME_ORIGIN);
    expect(again.status).toBe(404);
    expect(again.body.toString()).toMatch(/used already or has expired/);
  });

  it('needs Sec-Fetch-Site: same-origin: without it, or with any other value, it is refused and the id stays unused', async () => {
    const url = await create();
    for (const headers of [
      {} as Record<string, string>,
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'none' },
      { 'Sec-Fetch-Site': 'Same-Origin' },
    ]) {
      const res = await get(url, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.toString()).toMatch(/start the download again in Wharf/);
    }
    expect((await get(url, SAME_ORIGIN)).status).toBe(200);
  });

  it('a drag out of the page: the browser’s own fetch (Sec-Fetch-Site: none) is served once; other sites are refused', async () => {
    const url = (
      await downloads.requests['downloads.createDragOut']({ kind: 'file', target: volume, path: '/blob.bin' })
    ).url;
    for (const headers of [
      {} as Record<string, string>,
      { 'Sec-Fetch-Site': 'same-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'None' },
    ]) {
      const res = await get(url, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    // Host and Origin still decide first.
    expect((await get(url, { 'Sec-Fetch-Site': 'none', Host: `evil.example:${server.port}` })).status).toBe(403);
    const res = await get(url, { 'Sec-Fetch-Site': 'none' });
    expect(res.status).toBe(200);
    expect(sha(res.body)).toBe(sha(BLOB));
    // Used up: Wharf's page hears it is gone; the browser's own fetch is refused.
    expect((await get(url, SAME_ORIGIN)).status).toBe(404);
    expect((await get(url, { 'Sec-Fetch-Site': 'none' })).status).toBe(403);
  });

  it('an address for the page itself is never served to the browser’s own fetch (none)', async () => {
    const url = await create();
    expect((await get(url, { 'Sec-Fetch-Site': 'none' })).status).toBe(403);
    expect((await get(url, SAME_ORIGIN)).status).toBe(200);
  });

  it('refuses a foreign Host or Origin even when same-origin', async () => {
    const url = await create();
    expect((await get(url, { ...SAME_ORIGIN, Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(url, { ...SAME_ORIGIN, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(url, SAME_ORIGIN)).status).toBe(200);
  });

  it('answers an unknown or malformed id with 404, and HEAD with 405 without using the id', async () => {
    expect((await get(`/download/${'0'.repeat(64)}`, SAME_ORIGIN)).status).toBe(404);
    expect((await get('/download/xyz', SAME_ORIGIN)).status).toBe(404);
    const url = await create();
    expect((await get(url, SAME_ORIGIN, 'HEAD')).status).toBe(405);
    expect((await get(url, SAME_ORIGIN)).status).toBe(200);
  });

  it('refuses a path that leaves the volume, and a folder asked for as a file, before any address exists', async () => {
    await expect(create('/../etc/passwd')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(create('/a/../../x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(create('relative')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(create('/dir')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(create('/missing')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('cuts the connection when the source fails after the first byte, so the browser marks it failed', async () => {
    const url = await create('/fails.bin');
    const res = await get(url, SAME_ORIGIN);
    expect(res.status).toBe(200);
    expect(res.aborted).toBe(true);
    expect(res.body.length).toBeLessThan(BLOB.length);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('데이터 (1).tar')).toBe(
      `attachment; filename="___ (1).tar"; filename*=UTF-8''%EB%8D%B0%EC%9D%B4%ED%84%B0%20%281%29.tar`,
    );
    expect(contentDisposition('a"b;c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%3Bc.txt`);
  });
});
