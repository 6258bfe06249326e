import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../runtime/api/errors';
import { saveDownload, type Claimed } from './downloads';

const ID = 'ab'.repeat(32);

function claimed(save: Claimed['saveTo'] = async (file) => ({ bytes: 42, file, command: 'docker cp' })) {
  return { saveTo: vi.fn(save), drop: vi.fn() };
}

describe('saveDownload (desktop app)', () => {
  it('claims the registered id, asks where, then streams it into the picked file', async () => {
    const one = claimed();
    const claim = vi.fn(() => one);
    const pick = vi.fn(async () => '/home/me/Downloads/blob.bin');
    const out = await saveDownload(ID, 'blob.bin', { claim, pick });
    expect(out).toEqual({ saved: true, bytes: 42, file: '/home/me/Downloads/blob.bin', command: 'docker cp' });
    expect(claim).toHaveBeenCalledWith(ID);
    expect(pick).toHaveBeenCalledWith('blob.bin');
    expect(one.saveTo).toHaveBeenCalledWith('/home/me/Downloads/blob.bin');
    expect(one.drop).not.toHaveBeenCalled();
  });

  it('writes nothing when the user cancels the dialog, and drops the claim so the page hears it ended', async () => {
    const one = claimed();
    expect(await saveDownload(ID, 'data.tar', { claim: () => one, pick: async () => undefined })).toEqual({
      saved: false,
    });
    expect(one.saveTo).not.toHaveBeenCalled();
    expect(one.drop).toHaveBeenCalled();
  });

  it('refuses an id or a name that does not validate, without asking', async () => {
    const claim = vi.fn();
    const pick = vi.fn();
    for (const bad of ['xyz', 'AB'.repeat(32), { kind: 'file' }, null, `${ID}0`]) {
      expect(await saveDownload(bad, 'x', { claim, pick })).toMatchObject({
        saved: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(await saveDownload(ID, '', { claim, pick })).toMatchObject({
      saved: false,
      error: { code: 'invalid-input' },
    });
    expect(claim).not.toHaveBeenCalled();
    expect(pick).not.toHaveBeenCalled();
  });

  it('an id used, cancelled or expired is answered without a dialog', async () => {
    const pick = vi.fn();
    expect(await saveDownload(ID, 'x', { claim: () => undefined, pick })).toMatchObject({
      saved: false,
      error: { code: 'not-found' },
    });
    expect(pick).not.toHaveBeenCalled();
  });

  it('offers only a name to the dialog, and answers a failure as an error body', async () => {
    const pick = vi.fn(async () => '/tmp/x');
    const one = claimed(async () => {
      throw new ApiError({ code: 'conflict', message: '"/x" grew while it was being downloaded' });
    });
    const out = await saveDownload(ID, '../../etc/x', { claim: () => one, pick });
    expect(pick).toHaveBeenCalledWith('.._.._etc_x');
    expect(out).toEqual({
      saved: false,
      error: { code: 'conflict', message: '"/x" grew while it was being downloaded' },
    });
  });
});
