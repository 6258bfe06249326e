// Browser mode's WebSocket handshake, shared by the server and the page. The
// page holds the token (from the address's fragment, which browsers never send
// to any server) and sends it as the socket's first message; the server serves
// nothing on the socket before, answers READY when the token is right, and
// otherwise closes the socket. Pure: no Node, no DOM.
import { z } from 'zod';

/** Shorter tokens can be guessed; the default one has 43 characters. */
export const MIN_TOKEN_LENGTH = 16;
export const MAX_TOKEN_LENGTH = 512;
/** The characters a token may hold: the same in a URL, a shell and a file. */
export const TOKEN_CHARS = /^[A-Za-z0-9._~-]*$/;

// Marked pure so that a bundle importing only the values above (the renderer's)
// leaves zod out.
export const AuthMessage = /* @__PURE__ */ z
  .object({ t: z.literal('auth'), token: z.string().min(1).max(MAX_TOKEN_LENGTH) })
  .strict();
export type AuthMessage = z.infer<typeof AuthMessage>;

/** The server's answer to the right token: requests and subscriptions may follow. */
export const READY = { t: 'ready' } as const;

/** Close codes (4000-4999 belong to the application). */
export const CLOSE_WRONG_TOKEN = 4401;
/** The first message did not come in time. */
export const CLOSE_AUTH_TIMEOUT = 4408;
