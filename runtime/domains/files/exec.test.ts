import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demux } from './exec';

const frame = (type: number, data: string) => {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(data), 4);
  return Buffer.concat([header, Buffer.from(data)]);
};

function sink(highWaterMark = 16 * 1024) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark,
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString() };
}

describe('demux of an exec stream', () => {
  it('splits stdout and stderr, with headers and frames cut anywhere', () => {
    const source = new PassThrough();
    const stdout = sink();
    const stderr = sink();
    demux(source, stdout.out, stderr.out);
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (let i = 0; i < all.length; i += 3) source.write(all.subarray(i, i + 3));
    expect(stdout.text()).toBe('hello world');
    expect(stderr.text()).toBe('oops');
  });

  it('pauses the engine stream while stdout is full, and resumes when it drains', async () => {
    const source = new PassThrough();
    let release: () => void = () => {};
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk);
        release = done;
      },
    });
    demux(source, slow, sink().out);
    source.write(frame(1, 'more than four bytes'));
    expect(source.isPaused()).toBe(true);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.isPaused()).toBe(false);
    expect(Buffer.concat(chunks).toString()).toBe('more than four bytes');
  });

  it('passes a stream that is not multiplexed through as stdout', () => {
    const source = new PassThrough();
    const stdout = sink();
    demux(source, stdout.out, sink().out);
    source.write(Buffer.from('plain output, no headers'));
    expect(stdout.text()).toBe('plain output, no headers');
  });
});
