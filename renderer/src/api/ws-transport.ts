// Browser mode: the contract over a WebSocket to the local server. Each
// socket first sends the token and waits for the server's "ready"; only then
// is it open. A dropped socket is reopened with backoff (the client above
// re-subscribes on 'open'); a socket refused for its token is not: the page
// then asks for the link again.
import {
  type ClientMessage,
  decodeBytesFrame,
  type ServerMessage,
  type Transport,
} from '../../../runtime/api/protocol';
import { type AuthMessage, CLOSE_WRONG_TOKEN, READY } from '../../../runtime/api/socket-auth';

export interface WebSocketTransportOptions {
  /** Delay before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
  WebSocketImpl?: typeof WebSocket;
}

export interface WebSocketTransport extends Transport {
  /** The server refused the token: no reconnect follows. */
  onRefused(listener: () => void): () => void;
}

const defaultBackoff = (attempt: number) => Math.min(10_000, 250 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

export function apiSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}

export function webSocketTransport(
  url: string,
  token: string,
  options: WebSocketTransportOptions = {},
): WebSocketTransport {
  const backoff = options.backoff ?? defaultBackoff;
  const Impl = options.WebSocketImpl ?? WebSocket;
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const statusListeners = new Set<(status: 'open' | 'closed') => void>();
  const refusedListeners = new Set<() => void>();
  const auth = JSON.stringify({ t: 'auth', token } satisfies AuthMessage);
  let socket: WebSocket;
  let attempt = 0;
  let reported: 'open' | 'closed' | undefined;
  // The current socket sent the token and the server answered "ready".
  let ready = false;
  // Only while a socket is connecting or waiting for "ready": sent once it is ready.
  let queue: string[] = [];

  const report = (status: 'open' | 'closed') => {
    if (reported === status) return;
    reported = status;
    for (const listener of [...statusListeners]) listener(status);
  };

  const connect = () => {
    ready = false;
    socket = new Impl(url);
    // A terminal's output comes in binary frames (protocol.ts), read as they are.
    socket.binaryType = 'arraybuffer';
    // The token first: the server answers nothing before it.
    socket.onopen = () => socket.send(auth);
    socket.onmessage = (event: MessageEvent) => {
      if (event.data instanceof ArrayBuffer) {
        const message = ready ? decodeBytesFrame(event.data) : undefined;
        if (message) for (const listener of [...messageListeners]) listener(message);
        return;
      }
      if (typeof event.data !== 'string') return;
      let message: ServerMessage | typeof READY;
      try {
        message = JSON.parse(event.data) as ServerMessage | typeof READY;
      } catch {
        return;
      }
      if (!ready) {
        if (message.t !== READY.t) return;
        ready = true;
        attempt = 0;
        const queued = queue;
        queue = [];
        for (const data of queued) socket.send(data);
        report('open');
        return;
      }
      if (message.t === READY.t) return;
      for (const listener of [...messageListeners]) listener(message);
    };
    socket.onclose = (event: CloseEvent) => {
      ready = false;
      queue = [];
      report('closed');
      if (event.code === CLOSE_WRONG_TOKEN) {
        for (const listener of [...refusedListeners]) listener();
        return;
      }
      setTimeout(connect, backoff(attempt++));
    };
  };
  connect();

  return {
    send(message: ClientMessage) {
      const data = JSON.stringify(message);
      if (ready && socket.readyState === Impl.OPEN) socket.send(data);
      else if (socket.readyState === Impl.CONNECTING || socket.readyState === Impl.OPEN) queue.push(data);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onRefused(listener) {
      refusedListeners.add(listener);
      return () => refusedListeners.delete(listener);
    },
    openDownload: clickDownloadLink,
  };
}

/**
 * A same-origin link with `download`: the browser's download manager fetches
 * it (saying Sec-Fetch-Site: same-origin, which the server requires beside the
 * one-time id) and writes it to disk as it arrives (the page never holds the
 * bytes). The server names the file (Content-Disposition).
 */
export function clickDownloadLink(url: string, suggestedName: string, doc: Document = document): void {
  const a = doc.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
}
