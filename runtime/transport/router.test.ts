import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import type { ServerMessage } from '../api/protocol';
import type { Handlers, RequestContext } from './handlers';
import { DEFAULT_LIMITS } from './limits';
import { createSession } from './router';

function handlersWith(overrides: {
  list?: (input: unknown, context?: RequestContext) => Promise<unknown>;
  act?: (input: unknown) => Promise<unknown>;
  watch?: Handlers['subscriptions']['changes.watch'];
  open?: (input: unknown) => Promise<unknown>;
  close?: (input: unknown) => Promise<unknown>;
  output?: Handlers['subscriptions']['terminal.output'];
}): Handlers {
  const unexpected = () => Promise.reject(new Error('not used in this test'));
  const byName: Record<string, ((input: unknown, context?: RequestContext) => Promise<unknown>) | undefined> = {
    'containers.list': overrides.list,
    'containers.act': overrides.act,
    'terminal.open': overrides.open,
    'terminal.close': overrides.close,
    'shell.open': overrides.open,
  };
  const requests = new Proxy({}, { get: (_t, key) => byName[String(key)] ?? unexpected }) as Handlers['requests'];
  return {
    requests,
    subscriptions: {
      'engine.watch': () => () => {},
      'changes.watch': overrides.watch ?? (() => () => {}),
      'logs.stream': () => () => {},
      'terminal.output': overrides.output ?? (() => () => {}),
      'images.pull': () => () => {},
      'images.push': () => () => {},
      'images.build': () => () => {},
      'vm.watch': () => () => {},
      'downloads.watch': () => () => {},
      'stats.watch': () => () => {},
      'activity.watch': () => () => {},
      'compose.run': () => () => {},
      'compose.logs': () => () => {},
      'learn.watch': () => () => {},
      'shell.output': () => () => {},
      'app.openLink': () => () => {},
    },
  };
}

function session(handlers: Handlers) {
  const sent: ServerMessage[] = [];
  const s = createSession(handlers, (m) => sent.push(m));
  return { s, sent, settle: () => new Promise((r) => setTimeout(r, 0)) };
}

describe('router', () => {
  it('answers a request with the handler result', async () => {
    const { s, sent, settle } = session(handlersWith({ list: async () => [{ id: 'a' }] }));
    s.receive({ t: 'req', id: 1, method: 'containers.list', input: {} });
    await settle();
    expect(sent).toEqual([{ t: 'res', id: 1, ok: true, data: [{ id: 'a' }] }]);
  });

  it('answers with the error, and keeps serving, when a handler throws before returning its promise', async () => {
    const list = () => {
      throw new ApiError({ code: 'unavailable', message: 'No container engine is connected right now.' });
    };
    const { s, sent, settle } = session(handlersWith({ list: list }));
    s.receive({ t: 'req', id: 7, method: 'containers.list', input: {} });
    await settle();
    expect(sent).toEqual([
      { t: 'res', id: 7, ok: false, error: expect.objectContaining({ code: 'unavailable' }) as unknown },
    ]);
  });

  it('ends a subscription with the error when its handler throws before returning', async () => {
    const watch = () => {
      throw new ApiError({ code: 'unavailable', message: 'No container engine is connected right now.' });
    };
    const { s, sent, settle } = session(handlersWith({ watch }));
    s.receive({ t: 'sub', id: 8, topic: 'changes.watch', input: {} });
    await settle();
    expect(sent).toEqual([{ t: 'end', id: 8, error: expect.objectContaining({ code: 'unavailable' }) as unknown }]);
    s.receive({ t: 'unsub', id: 8 });
  });

  it('refuses input the contract does not allow, without calling the handler', async () => {
    const act = vi.fn(async () => ({}));
    const { s, sent, settle } = session(handlersWith({ act }));
    s.receive({ t: 'req', id: 2, method: 'containers.act', input: { action: 'explode', targets: [] } });
    s.receive({
      t: 'req',
      id: 3,
      method: 'containers.act',
      input: { action: 'stop', targets: [{ id: '../x', name: 'x' }] },
    });
    s.receive({ t: 'req', id: 4, method: 'containers.list', input: { extra: true } });
    await settle();
    expect(act).not.toHaveBeenCalled();
    expect(sent.map((m) => m.t === 'res' && !m.ok && m.error.code)).toEqual([
      'invalid-input',
      'invalid-input',
      'invalid-input',
    ]);
  });

  it('refuses unknown methods, including inherited object keys', async () => {
    const { s, sent, settle } = session(handlersWith({}));
    s.receive({ t: 'req', id: 5, method: 'docker.raw', input: {} });
    s.receive({ t: 'req', id: 6, method: 'constructor', input: {} });
    s.receive({ t: 'req', id: 7, method: 'changes.watch', input: {} });
    await settle();
    expect(sent.map((m) => m.t === 'res' && !m.ok && m.error.code)).toEqual([
      'unknown-method',
      'unknown-method',
      'unknown-method',
    ]);
  });

  it('ignores malformed envelopes', async () => {
    const { s, sent, settle } = session(handlersWith({}));
    s.receive('hello');
    s.receive({ t: 'req', id: -1, method: 'containers.list' });
    s.receive({ t: 'req', id: 1, method: 'containers.list', input: {}, extra: 1 });
    await settle();
    expect(sent).toEqual([]);
  });

  it('keeps the engine reason of a failed request', async () => {
    const engineError = Object.assign(
      new Error('(HTTP code 500) server error - Bind for 127.0.0.1:8080 failed: port is already allocated'),
      {
        statusCode: 500,
        json: { message: 'Bind for 127.0.0.1:8080 failed: port is already allocated' },
      },
    );
    const { s, sent, settle } = session(handlersWith({ act: () => Promise.reject(engineError) }));
    s.receive({
      t: 'req',
      id: 8,
      method: 'containers.act',
      input: { action: 'start', targets: [{ id: 'web', name: 'web' }] },
    });
    await settle();
    const reply = sent[0];
    expect(reply?.t === 'res' && !reply.ok && reply.error.message).toContain('port is already allocated');
  });

  it('streams a subscription until the client unsubscribes or goes away', () => {
    let emit: ((e: never) => void) | undefined;
    const stop = vi.fn();
    const { s, sent } = session(
      handlersWith({
        watch: (_input, sink) => {
          emit = sink.emit;
          return stop;
        },
      }),
    );
    s.receive({ t: 'sub', id: 9, topic: 'changes.watch', input: {} });
    emit?.({ kind: 'resync' } as never);
    s.receive({ t: 'unsub', id: 9 });
    emit?.({ kind: 'resync' } as never);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([{ t: 'evt', id: 9, data: { kind: 'resync' } }]);

    s.receive({ t: 'sub', id: 10, topic: 'changes.watch', input: {} });
    s.close();
    expect(stop).toHaveBeenCalledTimes(2);
  });

  it('aborts the signal of a cancelled request and answers it with code cancelled, once', async () => {
    let signal: AbortSignal | undefined;
    let finish: (value: unknown) => void = () => {};
    const { s, sent, settle } = session(
      handlersWith({
        list: (_input, context) => {
          signal = context?.signal;
          return new Promise((resolve) => (finish = resolve));
        },
      }),
    );
    s.receive({ t: 'req', id: 5, method: 'containers.list', input: {} });
    expect(signal?.aborted).toBe(false);
    s.receive({ t: 'cancel', id: 5 });
    expect(signal?.aborted).toBe(true);
    finish([]);
    // A second cancel of the same id, and one for an id never sent, change nothing.
    s.receive({ t: 'cancel', id: 5 });
    s.receive({ t: 'cancel', id: 77 });
    await settle();
    expect(sent).toEqual([{ t: 'res', id: 5, ok: false, error: { code: 'cancelled', message: 'Cancelled.' } }]);
  });

  it('leaves a request that already answered alone when its cancel comes late', async () => {
    let signal: AbortSignal | undefined;
    const { s, sent, settle } = session(
      handlersWith({
        list: async (_input, context) => {
          signal = context?.signal;
          return [];
        },
      }),
    );
    s.receive({ t: 'req', id: 6, method: 'containers.list', input: {} });
    await settle();
    s.receive({ t: 'cancel', id: 6 });
    await settle();
    expect(signal?.aborted).toBe(false);
    expect(sent).toEqual([{ t: 'res', id: 6, ok: true, data: [] }]);
  });

  it('cancels only requests of its own connection', async () => {
    let signal: AbortSignal | undefined;
    const handlers = handlersWith({
      list: (_input, context) => {
        signal = context?.signal;
        return new Promise(() => {});
      },
    });
    const a = session(handlers);
    const b = session(handlers);
    a.s.receive({ t: 'req', id: 1, method: 'containers.list', input: {} });
    b.s.receive({ t: 'cancel', id: 1 });
    await b.settle();
    expect(signal?.aborted).toBe(false);
    expect([...a.sent, ...b.sent]).toEqual([]);
  });

  it('ends a subscription on cancel, as on unsub', () => {
    const stop = vi.fn();
    const { s } = session(handlersWith({ watch: () => stop }));
    s.receive({ t: 'sub', id: 11, topic: 'changes.watch', input: {} });
    s.receive({ t: 'cancel', id: 11 });
    expect(stop).toHaveBeenCalledTimes(1);
  });
});

describe('router limits per connection', () => {
  const terminalId = (n: number) => n.toString(16).padStart(32, '0');
  const openInput = { container: 'web', mode: 'exec', cols: 80, rows: 24 };
  const ended = (sent: ServerMessage[], id: number) => sent.find((m) => m.t === 'end' && m.id === id);
  const answer = (sent: ServerMessage[], id: number) => sent.find((m) => m.t === 'res' && m.id === id);

  it(`refuses subscription number ${DEFAULT_LIMITS.subscriptions + 1} with an error the UI translates, and takes one again once one ended`, () => {
    const started = vi.fn(() => () => {});
    const { s, sent } = session(handlersWith({ watch: started }));
    const max = DEFAULT_LIMITS.subscriptions;
    expect(max).toBe(256);
    for (let id = 1; id <= max; id++) s.receive({ t: 'sub', id, topic: 'changes.watch', input: {} });
    expect(sent).toEqual([]);
    s.receive({ t: 'sub', id: max + 1, topic: 'changes.watch', input: {} });
    expect(sent).toEqual([
      {
        t: 'end',
        id: max + 1,
        error: {
          code: 'unavailable',
          message: 'This window already has 256 live updates open, the most Wharf allows.',
          hint: 'Close some terminals or log views, or reload the page.',
          key: 'limits.subscriptions',
          params: { max: '256' },
        },
      },
    ]);
    expect(started).toHaveBeenCalledTimes(max);
    s.receive({ t: 'unsub', id: 1 });
    s.receive({ t: 'sub', id: max + 2, topic: 'changes.watch', input: {} });
    expect(ended(sent, max + 2)).toBeUndefined();
    expect(started).toHaveBeenCalledTimes(max + 1);
  });

  it(`refuses terminal number ${DEFAULT_LIMITS.terminals + 1}, counting opens under way, without asking the engine`, async () => {
    let next = 0;
    const open = vi.fn(async () => ({ id: terminalId(++next) }));
    const { s, sent, settle } = session(handlersWith({ open }));
    const max = DEFAULT_LIMITS.terminals;
    expect(max).toBe(32);
    // All at once: the opens under way count before any has answered.
    for (let id = 1; id <= max + 1; id++) s.receive({ t: 'req', id, method: 'terminal.open', input: openInput });
    await settle();
    expect(open).toHaveBeenCalledTimes(max);
    expect(answer(sent, max)).toMatchObject({ ok: true });
    expect(answer(sent, max + 1)).toEqual({
      t: 'res',
      id: max + 1,
      ok: false,
      error: {
        code: 'unavailable',
        message: 'This window already has 32 terminals open, the most Wharf allows.',
        hint: 'Close a terminal you no longer use, then open this one again.',
        key: 'limits.terminals',
        params: { max: '32' },
      },
    });
  });

  it('counts shells on this machine toward the same limit', async () => {
    let next = 0;
    const open = vi.fn(async () => ({ id: terminalId(++next) }));
    const { s, sent, settle } = session(handlersWith({ open }));
    const max = DEFAULT_LIMITS.terminals;
    for (let id = 1; id < max; id++) s.receive({ t: 'req', id, method: 'terminal.open', input: openInput });
    s.receive({ t: 'req', id: max, method: 'shell.open', input: { cols: 80, rows: 24 } });
    s.receive({ t: 'req', id: max + 1, method: 'shell.open', input: { cols: 80, rows: 24 } });
    await settle();
    expect(open).toHaveBeenCalledTimes(max);
    expect(answer(sent, max)).toMatchObject({ ok: true });
    expect(answer(sent, max + 1)).toMatchObject({ ok: false, error: { key: 'limits.terminals' } });
  });

  it('frees a terminal’s place when it is closed, when its output says it exited, or when the open failed', async () => {
    let next = 0;
    let failNext = false;
    const open = vi.fn(async () => {
      if (failNext) throw new Error('engine went away');
      return { id: terminalId(++next) };
    });
    const sinks = new Map<string, { emit(e: unknown): void }>();
    const { s, sent, settle } = session(
      handlersWith({
        open,
        close: async () => undefined,
        output: ({ id }, sink) => {
          sinks.set(id, sink);
          return () => {};
        },
      }),
    );
    const max = DEFAULT_LIMITS.terminals;
    let req = 0;
    const tryOpen = async () => {
      const id = ++req;
      s.receive({ t: 'req', id, method: 'terminal.open', input: openInput });
      await settle();
      return answer(sent, id) as { ok: boolean };
    };
    for (let i = 0; i < max; i++) expect((await tryOpen()).ok).toBe(true);
    expect((await tryOpen()).ok).toBe(false);

    s.receive({ t: 'req', id: ++req, method: 'terminal.close', input: { id: terminalId(1) } });
    expect((await tryOpen()).ok).toBe(true);
    expect((await tryOpen()).ok).toBe(false);

    s.receive({ t: 'sub', id: ++req, topic: 'terminal.output', input: { id: terminalId(2) } });
    sinks.get(terminalId(2))?.emit({ type: 'data', data: 'hi' });
    expect((await tryOpen()).ok).toBe(false);
    sinks.get(terminalId(2))?.emit({ type: 'exit', reason: 'process-exited', exitCode: 0 });
    expect((await tryOpen()).ok).toBe(true);

    s.receive({ t: 'req', id: ++req, method: 'terminal.close', input: { id: terminalId(3) } });
    failNext = true;
    const failed = await tryOpen();
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    failNext = false;
    expect((await tryOpen()).ok).toBe(true);
    expect((await tryOpen()).ok).toBe(false);
  });

  it('counts a terminal whose output it watches (after a reconnect) as its own', async () => {
    const open = vi.fn(async () => ({ id: terminalId(999) }));
    const { s, sent, settle } = session(handlersWith({ open, output: () => () => {} }));
    for (let n = 1; n <= DEFAULT_LIMITS.terminals; n++)
      s.receive({ t: 'sub', id: n, topic: 'terminal.output', input: { id: terminalId(n) } });
    s.receive({ t: 'req', id: 100, method: 'terminal.open', input: openInput });
    await settle();
    expect(open).not.toHaveBeenCalled();
    expect(answer(sent, 100)).toMatchObject({ ok: false, error: { key: 'limits.terminals' } });
  });
});
