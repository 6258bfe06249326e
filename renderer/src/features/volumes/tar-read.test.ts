import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../files/transfer';
import { readTar } from './tar-read';

/** A minimal ustar header + body, as tar writes them. */
function entry(name: string, type: '0' | '5' | '2', body = ''): Uint8Array {
  const header = new Uint8Array(512);
  const put = (s: string, at: number) => header.set(new TextEncoder().encode(s), at);
  put(name, 0);
  put('0000644\0', 100);
  put(body.length.toString(8).padStart(11, '0') + '\0', 124);
  put(type, 156);
  put('ustar\0', 257);
  const data = new Uint8Array(Math.ceil(body.length / 512) * 512);
  data.set(new TextEncoder().encode(body));
  const out = new Uint8Array(512 + data.length);
  out.set(header);
  out.set(data, 512);
  return out;
}

describe('readTar', () => {
  it('reads folders and files with their bytes, skipping links', () => {
    const parts = [entry('./conf/', '5'), entry('./conf/app.json', '0', '{"a":1}'), entry('./link', '2'), new Uint8Array(1024)];
    const tar = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      tar.set(p, at);
      at += p.length;
    }
    const { entries, skipped } = readTar(tar);
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['conf', 'dir'],
      ['conf/app.json', 'file'],
    ]);
    expect(new TextDecoder().decode(base64ToBytes(entries[1]!.base64!))).toBe('{"a":1}');
    expect(entries[1]!.mode).toBe(0o644);
    expect(skipped).toEqual(['link']);
  });
});
