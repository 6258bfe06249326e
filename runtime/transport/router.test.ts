import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../api/protocol';
import type { Handlers } from './handlers';
import { createSession } from './router';

function handlersWith(overrides: {
  list?: () => Promise<unknown>;
  act?: (input: unknown) => Promise<unknown>;
  watch?: Handlers['subscriptions']['changes.watch'];
}): Handlers {
  const unexpected = () => Promise.reject(new Error('not used in this test'));
  const requests = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === 'containers.list' ? (overrides.list ?? unexpected) : key === 'containers.act' ? (overrides.act ?? unexpected) : unexpected,
    },
  ) as Handlers['requests'];
  return {
    requests,
    subscriptions: {
      'engine.watch': () => () => {},
      'changes.watch': overrides.watch ?? (() => () => {}),
      'logs.stream': () => () => {},
      'terminal.output': () => () => {},
      'images.pull': () => () => {},
      'images.push': () => () => {},
      'images.build': () => () => {},
      'vm.watch': () => () => {},
      'downloads.watch': () => () => {},
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

  it('refuses input the contract does not allow, without calling the handler', async () => {
    const act = vi.fn(async () => ({}));
    const { s, sent, settle } = session(handlersWith({ act }));
    s.receive({ t: 'req', id: 2, method: 'containers.act', input: { action: 'explode', targets: [] } });
    s.receive({ t: 'req', id: 3, method: 'containers.act', input: { action: 'stop', targets: [{ id: '../x', name: 'x' }] } });
    s.receive({ t: 'req', id: 4, method: 'containers.list', input: { extra: true } });
    await settle();
    expect(act).not.toHaveBeenCalled();
    expect(sent.map((m) => m.t === 'res' && !m.ok && m.error.code)).toEqual(['invalid-input', 'invalid-input', 'invalid-input']);
  });

  it('refuses unknown methods, including inherited object keys', async () => {
    const { s, sent, settle } = session(handlersWith({}));
    s.receive({ t: 'req', id: 5, method: 'docker.raw', input: {} });
    s.receive({ t: 'req', id: 6, method: 'constructor', input: {} });
    s.receive({ t: 'req', id: 7, method: 'changes.watch', input: {} });
    await settle();
    expect(sent.map((m) => m.t === 'res' && !m.ok && m.error.code)).toEqual(['unknown-method', 'unknown-method', 'unknown-method']);
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
    const engineError = Object.assign(new Error('(HTTP code 500) server error - Bind for 127.0.0.1:8080 failed: port is already allocated'), {
      statusCode: 500,
      json: { message: 'Bind for 127.0.0.1:8080 failed: port is already allocated' },
    });
    const { s, sent, settle } = session(handlersWith({ act: () => Promise.reject(engineError) }));
    s.receive({ t: 'req', id: 8, method: 'containers.act', input: { action: 'start', targets: [{ id: 'web', name: 'web' }] } });
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
          emit = sink.emit as (e: never) => void;
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
});
