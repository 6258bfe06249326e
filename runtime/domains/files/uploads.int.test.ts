// Uploads against the real engines: the bytes a client sends that the engine
// has not read yet stay bounded, however many parts arrive at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from './contract';
import { createHelperPool } from './helper';
import { createFilesService } from './service';
import { IN_FLIGHT_BYTES, MAX_UPLOADS, createImageUploads } from '../images/upload';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const engines = testEndpoints();
const CHUNK = 512 * 1024;
const chunk = Buffer.alloc(CHUNK).toString('base64');

/** How each of `calls` ended: its value, or the error's code and message. */
async function outcomes<T>(
  calls: Promise<T>[],
): Promise<Array<{ ok: true } | { ok: false; code?: string; message: string }>> {
  return Promise.all(
    calls.map((c) =>
      c.then(
        () => ({ ok: true as const }),
        (e: { code?: string; message: string }) => ({
          ok: false as const,
          ...(e.code !== undefined ? { code: e.code } : {}),
          message: e.message,
        }),
      ),
    ),
  );
}

describe.skipIf(engines.length === 0).each(engines)('uploads in flight on $kind', ({ endpoint }) => {
  let engine: TestEngine;
  const pool = createHelperPool({ idleMs: 30_000 });
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const volumes: string[] = [];

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
  });

  afterAll(async () => {
    await pool.dispose();
    for (const name of volumes) await cli('volume', 'rm', '-f', name).catch(() => {});
    await engine?.dispose();
  });

  it('an image load takes one part at a time beyond its buffer: 40 parts sent at once are not all held', async () => {
    const uploads = createImageUploads(engine);
    try {
      const id = uploads.begin();
      // All sent in the same moment, none waited for: only what fits the stream (its two sides) and one more are taken.
      const ended = await outcomes(Array.from({ length: 40 }, () => uploads.chunk(id, chunk)));
      const busy = ended.filter((o) => !o.ok && o.code === 'conflict' && /still being written/.test(o.message));
      expect(busy.length).toBeGreaterThanOrEqual(40 - ((2 * IN_FLIGHT_BYTES) / CHUNK + 1));
      uploads.abort(id);
    } finally {
      uploads.dispose();
    }
  });

  it(`at most ${MAX_UPLOADS} image loads are open at once`, async () => {
    const uploads = createImageUploads(engine);
    try {
      const ids = Array.from({ length: MAX_UPLOADS }, () => uploads.begin());
      expect(() => uploads.begin()).toThrow(expect.objectContaining({ code: 'conflict', key: 'images.uploadsFull' }));
      uploads.abort(ids[0]!);
      uploads.abort(uploads.begin());
    } finally {
      uploads.dispose();
    }
  });

  it('a file upload takes one part at a time: parts sent at once are refused, and the upload still completes', async () => {
    const files = createFilesService(engine, pool);
    const vol = uniqueName('wharf-upload-flight');
    volumes.push(vol);
    await cli('volume', 'create', vol);
    const target = { kind: 'volume' as const, name: vol };
    const size = 20 * UPLOAD_CHUNK_BYTES;
    const begun = await files.uploads.begin({ target, dir: '/', entries: [{ path: 'big.bin', type: 'file', size }] });
    const part = Buffer.alloc(UPLOAD_CHUNK_BYTES, 7).toString('base64');
    const ended = await outcomes(
      Array.from({ length: 20 }, (_, i) =>
        files.uploads.chunk({ id: begun.id, offset: i * UPLOAD_CHUNK_BYTES, base64: part }),
      ),
    );
    const taken = ended.filter((o) => o.ok).length;
    // What the session's stream holds (twice a part) and the part that waits for room.
    expect(taken).toBeLessThanOrEqual(4);
    for (let i = taken; i < 20; i++)
      await files.uploads.chunk({ id: begun.id, offset: i * UPLOAD_CHUNK_BYTES, base64: part });
    await files.uploads.commit({ id: begun.id });
    expect((await cli('run', '--rm', '-v', `${vol}:/d`, TEST_IMAGE, 'stat', '-c', '%s', '/d/big.bin')).trim()).toBe(
      String(size),
    );
    await files.dispose();
  });
});
