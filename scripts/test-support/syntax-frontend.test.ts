// The test "# syntax=" frontend's header reading, against a real HPACK
// encoder: Node's http2 (nghttp2) writes header blocks on a raw socket, and
// the compiled frontend decodes them in order (its dynamic table carried
// from one block to the next, as on one connection). Its whole run through
// BuildKit is runtime/domains/build/buildkit.int.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('./syntax-frontend.cpp', import.meta.url));

function hasGxx(): boolean {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The HPACK blocks of the HEADERS frames a Node http2 client sends for these requests, in order, as hex. */
async function headerBlocks(requests: Array<Record<string, string>>): Promise<string[]> {
  const blocks: string[] = [];
  const server = createServer();
  const done = new Promise<void>((resolve) => {
    server.on('connection', (socket) => {
      let buf = Buffer.alloc(0);
      let at = 24; // after the connection preface
      socket.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        while (at + 9 <= buf.length) {
          const length = buf.readUIntBE(at, 3);
          if (at + 9 + length > buf.length) break;
          if (buf[at + 3] === 1) blocks.push(buf.subarray(at + 9, at + 9 + length).toString('hex'));
          at += 9 + length;
        }
        if (blocks.length === requests.length) {
          socket.destroy();
          resolve();
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  client.on('error', () => {});
  for (const headers of requests) client.request({ ':path': '/', ...headers }).on('error', () => {});
  await done;
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
  return blocks;
}

describe.runIf(hasGxx())('the test "# syntax=" frontend', () => {
  let dir: string;
  let binary: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-syntax-frontend-'));
    binary = join(dir, 'frontend');
    execFileSync('g++', ['-O2', '-o', binary, SOURCE]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const decode = (blocks: string[]) =>
    execFileSync(binary, ['--decode-headers', ...blocks], { encoding: 'utf8' })
      .trimEnd()
      .split('\n');

  it("reads gRPC's trailers through HPACK's tables and its Huffman code", async () => {
    const blocks = await headerBlocks([
      { 'content-type': 'application/grpc', 'grpc-status': '0' },
      // The same fields again: now indexed from the dynamic table.
      { 'content-type': 'application/grpc', 'grpc-status': '0' },
      { 'grpc-status': '14', 'grpc-message': 'abc' },
    ]);
    const fields = decode(blocks);
    // Node writes ":authority 127.0.0.1:PORT" with a code longer than 6 bits: a stand-in, not a wrong text.
    expect(fields.filter((f) => f.startsWith(':authority: '))).toHaveLength(3);
    expect(fields.filter((f) => f.startsWith(':authority: ')).every((f) => /^:authority: \?+$/.test(f))).toBe(true);
    expect(fields.filter((f) => !f.startsWith(':authority: '))).toEqual([
      ':path: /',
      ':method: GET',
      ':scheme: http',
      'content-type: application/grpc',
      'grpc-status: 0',
      ':path: /',
      ':method: GET',
      ':scheme: http',
      'content-type: application/grpc',
      'grpc-status: 0',
      ':path: /',
      ':method: GET',
      ':scheme: http',
      'grpc-status: 14',
      'grpc-message: abc',
    ]);
    // The second block indexes what the first one added: shorter than the first.
    expect(blocks[1]!.length).toBeLessThan(blocks[0]!.length);
  });

  it('run by hand, it says what it is instead of waiting for BuildKit', () => {
    const run = spawnSync(binary, [], { encoding: 'utf8', env: {}, input: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a BuildKit frontend: run by a "# syntax=" line/);
  });
});
