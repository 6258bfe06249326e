// Browser mode: the contract over a WebSocket to the local server, which
// authenticates this page by the cookie it set on first load. A dropped socket
// is reopened with backoff; the client above re-subscribes on 'open'.
import type { ClientMessage, ServerMessage, Transport } from '../../../runtime/api/protocol';

export interface WebSocketTransportOptions {
  /** Delay before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
  WebSocketImpl?: typeof WebSocket;
}

const defaultBackoff = (attempt: number) =>
  Math.min(10_000, 250 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

export function apiSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}

export function webSocketTransport(url: string, options: WebSocketTransportOptions = {}): Transport {
  const backoff = options.backoff ?? defaultBackoff;
  const Impl = options.WebSocketImpl ?? WebSocket;
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const statusListeners = new Set<(status: 'open' | 'closed') => void>();
  let socket: WebSocket;
  let attempt = 0;
  let reported: 'open' | 'closed' | undefined;
  // Only while a socket is connecting: sent as soon as it opens.
  let queue: string[] = [];

  const report = (status: 'open' | 'closed') => {
    if (reported === status) return;
    reported = status;
    for (const listener of [...statusListeners]) listener(status);
  };

  const connect = () => {
    socket = new Impl(url);
    socket.onopen = () => {
      attempt = 0;
      const queued = queue;
      queue = [];
      for (const data of queued) socket.send(data);
      report('open');
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = JSON.parse(event.data) as ServerMessage;
      } catch {
        return;
      }
      for (const listener of [...messageListeners]) listener(message);
    };
    socket.onclose = () => {
      queue = [];
      report('closed');
      setTimeout(connect, backoff(attempt++));
    };
  };
  connect();

  return {
    send(message: ClientMessage) {
      const data = JSON.stringify(message);
      if (socket.readyState === Impl.OPEN) socket.send(data);
      else if (socket.readyState === Impl.CONNECTING) queue.push(data);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    openDownload: clickDownloadLink,
  };
}

/**
 * A same-origin link with `download`: the browser's download manager fetches
 * it with the session cookie and writes it to disk as it arrives (the page
 * never holds the bytes). The server names the file (Content-Disposition).
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
