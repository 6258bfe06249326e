import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../runtime/api/errors';
import { saveDownload } from './downloads';

const volume = { kind: 'volume', name: 'data' };

describe('saveDownload (desktop app)', () => {
  it('asks where, then streams the checked description into the picked file', async () => {
    const pick = vi.fn(async () => '/home/me/Downloads/blob.bin');
    const saveTo = vi.fn(async (_d: unknown, file: string) => ({ bytes: 42, file, command: 'docker cp' }));
    const out = await saveDownload({ kind: 'file', target: volume, path: '/blob.bin' }, 'blob.bin', { pick, saveTo });
    expect(out).toEqual({ saved: true, bytes: 42, file: '/home/me/Downloads/blob.bin', command: 'docker cp' });
    expect(pick).toHaveBeenCalledWith('blob.bin');
    expect(saveTo).toHaveBeenCalledWith({ kind: 'file', target: volume, path: '/blob.bin' }, '/home/me/Downloads/blob.bin');
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const saveTo = vi.fn();
    expect(await saveDownload({ kind: 'volume-export', name: 'data' }, 'data.tar', { pick: async () => undefined, saveTo })).toEqual({ saved: false });
    expect(saveTo).not.toHaveBeenCalled();
  });

  it('refuses a description that does not validate, without asking', async () => {
    const pick = vi.fn();
    const saveTo = vi.fn();
    for (const bad of [{ kind: 'file', target: volume }, { kind: 'shell', cmd: 'rm -rf /' }, { kind: 'image-save', ref: '-oops' }, null]) {
      expect(await saveDownload(bad, 'x', { pick, saveTo })).toMatchObject({ saved: false, error: { code: 'invalid-input' } });
    }
    expect(await saveDownload({ kind: 'volume-export', name: 'data' }, '', { pick, saveTo })).toMatchObject({ saved: false, error: { code: 'invalid-input' } });
    expect(pick).not.toHaveBeenCalled();
  });

  it('offers only a name to the dialog, and answers a failure as an error body', async () => {
    const pick = vi.fn(async () => '/tmp/x');
    const saveTo = vi.fn(async () => {
      throw new ApiError({ code: 'forbidden', message: '"/../x" goes up with ".."' });
    });
    const out = await saveDownload({ kind: 'file', target: volume, path: '/../x' }, '../../etc/x', { pick, saveTo });
    expect(pick).toHaveBeenCalledWith('.._.._etc_x');
    expect(out).toEqual({ saved: false, error: { code: 'forbidden', message: '"/../x" goes up with ".."' } });
  });
});
