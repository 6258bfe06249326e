import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../../runtime/api/protocol';
import { createClient } from '../../api/client';
import { bytesToBase64, crumbs, joinPath, modeString, parentOf, uploadChunked } from './transfer';

describe('file transfer helpers', () => {
  it('round-trips every byte value through base64', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    expect([...atob(bytesToBase64(bytes))].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
  });

  it('builds breadcrumbs, parents and joined paths', () => {
    expect(crumbs('/etc/ssl')).toEqual([
      { name: '/', path: '/' },
      { name: 'etc', path: '/etc' },
      { name: 'ssl', path: '/etc/ssl' },
    ]);
    expect(crumbs('/')).toEqual([{ name: '/', path: '/' }]);
    expect(parentOf('/etc/ssl')).toBe('/etc');
    expect(parentOf('/etc')).toBe('/');
    expect(joinPath('/', 'a')).toBe('/a');
    expect(joinPath('/a', 'b')).toBe('/a/b');
  });

  it('shows modes as ls -l does', () => {
    expect(modeString(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(modeString(0o644, 'file')).toBe('-rw-r--r--');
    expect(modeString(0o777, 'symlink')).toBe('lrwxrwxrwx');
  });

  it('Cancel cancels the part in flight at once, then aborts the upload', async () => {
    const sent: ClientMessage[] = [];
    let reply: (m: ServerMessage) => void = () => {};
    const client = createClient({
      send: (m) => {
        sent.push(m);
        // Begin and abort are answered; a part is left waiting, as on a slow engine.
        if (m.t !== 'req') return;
        if (m.method === 'files.uploadBegin')
          queueMicrotask(() =>
            reply({ t: 'res', id: m.id, ok: true, data: { id: 'u'.repeat(32), chunkBytes: 4, total: 8 } }),
          );
        if (m.method === 'files.uploadAbort')
          queueMicrotask(() => reply({ t: 'res', id: m.id, ok: true, data: { aborted: true } }));
      },
      onMessage: (l) => ((reply = l), () => {}),
    });
    const abort = new AbortController();
    const uploading = uploadChunked(
      client,
      { kind: 'volume', name: 'v' },
      '/',
      { kind: 'items', items: [{ path: 'a.txt', type: 'file', file: new Blob(['12345678']) }] },
      () => {},
      abort.signal,
    );
    await expect.poll(() => sent.some((m) => m.t === 'req' && m.method === 'files.uploadChunk')).toBe(true);
    abort.abort();
    await expect(uploading).rejects.toMatchObject({ code: 'cancelled' });
    const chunk = sent.find((m) => m.t === 'req' && m.method === 'files.uploadChunk')!;
    expect(sent.slice(-2)).toEqual([
      { t: 'cancel', id: chunk.id },
      expect.objectContaining({ t: 'req', method: 'files.uploadAbort', input: { id: 'u'.repeat(32) } }),
    ]);
  });
});
