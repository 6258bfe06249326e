// Crafted archives for the tar and zip tests: header blocks as a hostile
// container's archive could hold them, and a source that counts what a
// reader pulled from it.

/** A header block of type `typeflag` announcing `size` bytes (octal, as ustar writes it). */
export function rawHeader(typeflag: string, size: number, name = 'PaxHeader'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.write(typeflag, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('        ', 148, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** `head`, then zeros in 64 KiB pieces up to `total` bytes, counting what was pulled. */
export function hostile(head: Buffer, total: number): { source: AsyncGenerator<Buffer>; pulled: () => number } {
  let pulled = 0;
  const piece = Buffer.alloc(64 * 1024);
  async function* source(): AsyncGenerator<Buffer> {
    pulled += head.length;
    yield head;
    while (pulled < total) {
      pulled += piece.length;
      yield piece;
    }
  }
  return { source: source(), pulled: () => pulled };
}
