import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../runtime/api/protocol';
import { webSocketTransport } from './ws-transport';

// A stand-in for the browser's WebSocket: the test opens, closes and feeds it.
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }
}

describe('webSocketTransport', () => {
  it('sends what was queued while connecting, reports status, and reconnects after a drop', async () => {
    FakeSocket.all = [];
    const delays: number[] = [];
    const transport = webSocketTransport('ws://127.0.0.1:1/api', {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      backoff: (attempt) => (delays.push(attempt), 0),
    });
    const statuses: string[] = [];
    const messages: ServerMessage[] = [];
    transport.onStatus?.((s) => statuses.push(s));
    transport.onMessage((m) => messages.push(m));

    transport.send({ t: 'req', id: 1, method: 'containers.list', input: {} });
    const first = FakeSocket.all[0]!;
    expect(first.sent).toEqual([]);
    first.open();
    expect(first.sent.map((d) => JSON.parse(d) as unknown)).toEqual([
      { t: 'req', id: 1, method: 'containers.list', input: {} },
    ]);
    first.onmessage?.({ data: JSON.stringify({ t: 'res', id: 1, ok: true, data: [] }) });
    first.onmessage?.({ data: 'not json' });
    expect(messages).toEqual([{ t: 'res', id: 1, ok: true, data: [] }]);

    first.drop();
    // While closed, nothing is queued for the next socket: the client re-sends.
    transport.send({ t: 'req', id: 2, method: 'images.list', input: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const second = FakeSocket.all[1]!;
    expect(second.url).toBe('ws://127.0.0.1:1/api');
    second.open();
    expect(second.sent).toEqual([]);
    expect(statuses).toEqual(['open', 'closed', 'open']);
    expect(delays).toEqual([0]);
  });
});
