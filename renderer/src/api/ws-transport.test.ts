import { describe, expect, it } from 'vitest';
import { encodeBytesFrame, type ServerMessage } from '../../../runtime/api/protocol';
import { webSocketTransport } from './ws-transport';

const TOKEN = 'page-token-0123456789';

// A stand-in for the browser's WebSocket: the test opens, closes and feeds it.
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
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
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  receiveBinary(frame: ArrayBuffer) {
    this.onmessage?.({ data: frame });
  }
  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }
  sentMessages() {
    return this.sent.map((d) => JSON.parse(d) as unknown);
  }
}

function start() {
  FakeSocket.all = [];
  const delays: number[] = [];
  const transport = webSocketTransport('ws://127.0.0.1:1/api', TOKEN, {
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    backoff: (attempt: number) => (delays.push(attempt), 0),
  });
  const statuses: string[] = [];
  const messages: ServerMessage[] = [];
  let refused = 0;
  transport.onStatus?.((s) => statuses.push(s));
  transport.onMessage((m) => messages.push(m));
  transport.onRefused(() => refused++);
  return { transport, delays, statuses, messages, refused: () => refused };
}

const auth = { t: 'auth', token: TOKEN };

describe('webSocketTransport', () => {
  it('sends the token first, holds requests until the server is ready, and reconnects after a drop', async () => {
    const { transport, delays, statuses, messages } = start();

    transport.send({ t: 'req', id: 1, method: 'containers.list', input: {} });
    const first = FakeSocket.all[0]!;
    expect(first.sent).toEqual([]);
    first.open();
    // Open, but not ready: only the token went out.
    transport.send({ t: 'req', id: 2, method: 'images.list', input: {} });
    expect(first.sentMessages()).toEqual([auth]);
    expect(statuses).toEqual([]);
    first.receive({ t: 'ready' });
    expect(first.sentMessages()).toEqual([
      auth,
      { t: 'req', id: 1, method: 'containers.list', input: {} },
      { t: 'req', id: 2, method: 'images.list', input: {} },
    ]);
    expect(statuses).toEqual(['open']);
    first.receive({ t: 'res', id: 1, ok: true, data: [] });
    first.receive('not json');
    first.receive({ t: 'ready' });
    expect(messages).toEqual([{ t: 'res', id: 1, ok: true, data: [] }]);

    first.drop();
    // While closed, nothing is queued for the next socket: the client re-sends.
    transport.send({ t: 'req', id: 3, method: 'images.list', input: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const second = FakeSocket.all[1]!;
    expect(second.url).toBe('ws://127.0.0.1:1/api');
    second.open();
    expect(second.sentMessages()).toEqual([auth]);
    second.receive({ t: 'ready' });
    expect(statuses).toEqual(['open', 'closed', 'open']);
    expect(delays).toEqual([0]);
  });

  it('passes on nothing the server sends before it is ready', () => {
    const { messages, statuses } = start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ t: 'res', id: 1, ok: true, data: ['early'] });
    expect(messages).toEqual([]);
    expect(statuses).toEqual([]);
  });

  it('stops and says so when the server refuses the token', async () => {
    const { transport, statuses, refused } = start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.drop(4401);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(refused()).toBe(1);
    expect(statuses).toEqual(['closed']);
    expect(FakeSocket.all).toHaveLength(1);
    transport.send({ t: 'req', id: 1, method: 'containers.list', input: {} });
    expect(socket.sentMessages()).toEqual([auth]);
  });

  it('reads a binary frame as the event of bytes it carries, once ready', () => {
    const { messages } = start();
    const socket = FakeSocket.all[0]!;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    const bytes = new TextEncoder().encode('한글 ✓\r\n');
    const frame = () => encodeBytesFrame(12, bytes).slice().buffer;
    // Before "ready", nothing is passed on.
    socket.receiveBinary(frame());
    socket.receive({ t: 'ready' });
    socket.receiveBinary(frame());
    // Too short to hold an id: dropped.
    socket.receiveBinary(new ArrayBuffer(3));
    expect(messages).toEqual([{ t: 'evt', id: 12, data: { type: 'data', data: bytes } }]);
  });
});
