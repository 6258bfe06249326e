import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { countingStream } from './service';

/** Runs `pieces` through a counting stream; what the receiver got, and how the stream ended. */
async function through(size: number | undefined, pieces: string[]) {
  const sentAt: number[] = [];
  const counted = countingStream(size, '/f', (n) => sentAt.push(n));
  const received: Buffer[] = [];
  counted.stream.on('data', (b: Buffer) => received.push(b));
  const ended = new Promise<Error | null>((resolve) => {
    counted.stream.once('end', () => resolve(null));
    counted.stream.once('error', resolve);
  });
  Readable.from(pieces.map((p) => Buffer.from(p))).pipe(counted.stream);
  return { error: await ended, received: Buffer.concat(received).toString(), sentAt, sent: counted.sent() };
}

describe('a download counting its bytes', () => {
  it('passes a file of the announced size whole, and counts every piece', async () => {
    const r = await through(6, ['abc', 'def']);
    expect(r).toEqual({ error: null, received: 'abcdef', sentAt: [3, 6], sent: 6 });
  });

  it('a file that grew after a piece ended exactly at its size: the receiver never gets every announced byte', async () => {
    const r = await through(6, ['abc', 'def', 'ghi']);
    expect(r.error?.message).toContain('"/f" grew while it was being downloaded');
    // "def" reached the size and waited for the end; the growth came first.
    expect(r.received).toBe('abc');
  });

  it('a file that grew within a piece fails without sending that piece', async () => {
    const r = await through(6, ['abc', 'defg']);
    expect(r.error?.message).toContain('"/f" grew while it was being downloaded');
    expect(r.received).toBe('abc');
  });

  it('a file that shrank fails once the source ends short', async () => {
    const r = await through(6, ['abc']);
    expect(r.error?.message).toContain('"/f" shrank while it was being downloaded');
  });

  it('without a size (a folder, an image) everything passes', async () => {
    const r = await through(undefined, ['abc', 'def', 'ghi']);
    expect(r).toEqual({ error: null, received: 'abcdefghi', sentAt: [3, 6, 9], sent: 9 });
  });
});
