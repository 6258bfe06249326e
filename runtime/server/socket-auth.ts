// The first message on a browser-mode WebSocket must be the token. Nothing is
// served before: no session exists until it came, and a socket whose first
// message is anything else (or that sends none in time) is closed.
import type { RawData, WebSocket } from 'ws';
import { AuthMessage, CLOSE_AUTH_TIMEOUT, CLOSE_WRONG_TOKEN, READY } from '../api/socket-auth';
import { tokenEquals } from './security';

/** How long a new socket has to send the token. */
export const AUTH_TIMEOUT_MS = 5_000;

/** Calls `serve` once the socket's first message carried `token`; closes the socket otherwise. */
export function authenticate(ws: WebSocket, token: string, serve: () => void, timeoutMs = AUTH_TIMEOUT_MS): void {
  const timer = setTimeout(() => ws.close(CLOSE_AUTH_TIMEOUT, 'No token'), timeoutMs);
  ws.once('close', () => clearTimeout(timer));
  ws.once('message', (data: RawData, isBinary: boolean) => {
    clearTimeout(timer);
    if (isBinary || !tokenEquals(tokenOf(data), token)) {
      ws.close(CLOSE_WRONG_TOKEN, 'Wrong token');
      return;
    }
    ws.send(JSON.stringify(READY));
    serve();
  });
}

/** The token a first message carries, or '' (never equal to a token) when it is not an auth message. */
function tokenOf(data: RawData): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawToString(data));
  } catch {
    return '';
  }
  const message = AuthMessage.safeParse(parsed);
  return message.success ? message.data.token : '';
}

export function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
