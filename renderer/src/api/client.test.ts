import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage, Transport } from '../../../runtime/api/protocol';
import { ApiError } from '../../../runtime/api/errors';
import { createClient } from './client';

function fakeTransport() {
  const sent: ClientMessage[] = [];
  let onMessage: (m: ServerMessage) => void = () => {};
  let onStatus: (s: 'open' | 'closed') => void = () => {};
  const transport: Transport = {
    send: (m) => void sent.push(m),
    onMessage: (l) => ((onMessage = l), () => {}),
    onStatus: (l) => ((onStatus = l), () => {}),
  };
  return {
    transport,
    sent,
    reply: (m: ServerMessage) => onMessage(m),
    status: (s: 'open' | 'closed') => onStatus(s),
  };
}

describe('createClient', () => {
  it('resolves a request with the data the runtime answered', async () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    const result = client.request('containers.list', {});
    expect(t.sent[0]).toMatchObject({ t: 'req', method: 'containers.list', input: {} });
    t.reply({ t: 'res', id: t.sent[0]!.id, ok: true, data: [] });
    await expect(result).resolves.toEqual([]);
  });

  it('rejects with code, message and hint from the error body', async () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    const result = client.request('engine.use', { endpoint: 'nope' });
    t.reply({
      t: 'res',
      id: t.sent[0]!.id,
      ok: false,
      error: { code: 'invalid-input', message: 'bad address', hint: 'use unix://' },
    });
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid-input', message: 'bad address', hint: 'use unix://' });
  });

  it('delivers events until unsubscribed, then tells the runtime', () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    const events: unknown[] = [];
    const stop = client.subscribe('changes.watch', {}, (e) => events.push(e));
    const id = t.sent[0]!.id;
    t.reply({ t: 'evt', id, data: { kind: 'resync' } });
    stop();
    t.reply({ t: 'evt', id, data: { kind: 'resync' } });
    expect(events).toEqual([{ kind: 'resync' }]);
    expect(t.sent[1]).toEqual({ t: 'unsub', id });
  });

  it('sends cancel when the signal aborts, and rejects with code cancelled without waiting', async () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    const abort = new AbortController();
    const result = client.request('containers.list', {}, { signal: abort.signal });
    const id = t.sent[0]!.id;
    abort.abort();
    expect(t.sent[1]).toEqual({ t: 'cancel', id });
    await expect(result).rejects.toMatchObject({ code: 'cancelled' });
    // The runtime's own answer to the cancel changes nothing.
    t.reply({ t: 'res', id, ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
    expect(t.sent).toHaveLength(2);
  });

  it('sends nothing for a signal already aborted, nor for one aborted after the answer', async () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    await expect(client.request('containers.list', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(t.sent).toEqual([]);
    const abort = new AbortController();
    const result = client.request('containers.list', {}, { signal: abort.signal });
    t.reply({ t: 'res', id: t.sent[0]!.id, ok: true, data: [] });
    await expect(result).resolves.toEqual([]);
    abort.abort();
    expect(t.sent).toHaveLength(1);
  });

  it('fails requests in flight when the connection drops and re-subscribes when it returns', async () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    const events: unknown[] = [];
    client.subscribe('engine.watch', {}, (e) => events.push(e));
    const inFlight = client.request('containers.list', {});
    t.status('closed');
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    await expect(client.request('images.list', {})).rejects.toMatchObject({ code: 'unavailable' });

    t.status('open');
    const resub = t.sent.at(-1)!;
    expect(resub).toMatchObject({ t: 'sub', topic: 'engine.watch' });
    expect(resub.id).not.toBe(t.sent[0]!.id);
    t.reply({ t: 'evt', id: t.sent[0]!.id, data: 'old' });
    t.reply({ t: 'evt', id: resub.id, data: 'new' });
    expect(events).toEqual(['new']);
  });

  it('reports the end of a subscription with its error', () => {
    const t = fakeTransport();
    const client = createClient(t.transport);
    let ended: ApiError | undefined;
    client.subscribe(
      'changes.watch',
      {},
      () => {},
      (e) => (ended = e),
    );
    t.reply({ t: 'end', id: t.sent[0]!.id, error: { code: 'unavailable', message: 'engine gone' } });
    expect(ended?.message).toBe('engine gone');
  });

  it('downloads in a browser by asking for a one-time address and handing it to the download manager', async () => {
    const t = fakeTransport();
    const opened: [string, string][] = [];
    const client = createClient({ ...t.transport, openDownload: (url, name) => void opened.push([url, name]) });
    const started = client.startDownload({ kind: 'volume-export', name: 'data' }, 'data.tar');
    await Promise.resolve();
    expect(t.sent[0]).toMatchObject({
      t: 'req',
      method: 'downloads.create',
      input: { kind: 'volume-export', name: 'data' },
    });
    t.reply({
      t: 'res',
      id: t.sent[0]!.id,
      ok: true,
      data: { id: 'ab', url: '/download/ab', name: 'data.tar', command: 'docker run …' },
    });
    // No save dialog in a browser: nothing to wait for but the progress the runtime reports.
    await expect(started).resolves.toEqual({ id: 'ab', name: 'data.tar', command: 'docker run …' });
    expect(opened).toEqual([['/download/ab', 'data.tar']]);
  });

  it('downloads in the desktop app through the save dialog: registered first; saved is true, cancelled false, a failure a ApiError', async () => {
    const t = fakeTransport();
    const outcomes = [
      { saved: true as const, file: '/x/data.tar', bytes: 1, command: 'docker run …' },
      { saved: false as const },
      { saved: false as const, error: { code: 'not-found' as const, message: 'No such volume' } },
    ];
    const asked: [string, string][] = [];
    const client = createClient({
      ...t.transport,
      saveDownload: async (id, name) => {
        asked.push([id, name]);
        return outcomes.shift()!;
      },
    });
    const results = [];
    for (let i = 0; i < 3; i++) {
      const download = client.startDownload({ kind: 'volume-export', name: 'data' }, 'data.tar');
      await Promise.resolve();
      const request = t.sent.at(-1)!;
      expect(request).toMatchObject({
        t: 'req',
        method: 'downloads.create',
        input: { kind: 'volume-export', name: 'data' },
      });
      t.reply({
        t: 'res',
        id: request.id,
        ok: true,
        data: { id: `id${i}`, url: `/download/id${i}`, name: 'data.tar', command: 'docker run …' },
      });
      const started = await download;
      expect(started).toMatchObject({ id: `id${i}`, command: 'docker run …' });
      results.push(
        await started.saved!.then(
          (r) => r,
          (e: unknown) => e,
        ),
      );
    }
    expect(results[0]).toBe(true);
    expect(results[1]).toBe(false);
    expect(results[2]).toBeInstanceOf(ApiError);
    expect(asked).toEqual([
      ['id0', 'data.tar'],
      ['id1', 'data.tar'],
      ['id2', 'data.tar'],
    ]);
  });
});
