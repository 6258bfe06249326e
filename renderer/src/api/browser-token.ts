// Browser mode's token, on the page's side. `wharf serve` prints
// http://127.0.0.1:PORT/#token=…: the fragment is never sent to any server.
// The page moves the token into sessionStorage (this tab only), takes it out
// of the address bar and history, and sends it as the WebSocket's first
// message (ws-transport.ts). Older ?token= links are taken the same way.
import { MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH, TOKEN_CHARS } from '../../../runtime/api/socket-auth';

export const TOKEN_KEY = 'wharf.token';

// The rule `wharf serve` checks tokens with.
const isWellFormedToken = (text: string) =>
  text.length >= MIN_TOKEN_LENGTH && text.length <= MAX_TOKEN_LENGTH && TOKEN_CHARS.test(text);

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenPlace {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: TokenStorage;
}

/**
 * The token an address carries (null: none) and the address without it.
 * Taken from the fragment (#token=…, or #/page?token=… beside a route) or from
 * the query (?token=…, the old form).
 */
export function splitToken(href: string): { token: string | null; rest: string } {
  const url = new URL(href);
  let token: string | null = null;
  if (url.searchParams.has('token')) {
    token = url.searchParams.get('token');
    url.searchParams.delete('token');
  }
  const hash = url.hash.replace(/^#/, '');
  // A route starts with "/" and may have a ?query; anything else is parameters alone.
  const isRoute = hash === '' || hash.startsWith('/');
  const q = isRoute ? hash.indexOf('?') : -1;
  const path = isRoute ? (q === -1 ? hash : hash.slice(0, q)) : '';
  const params = new URLSearchParams(isRoute ? (q === -1 ? '' : hash.slice(q + 1)) : hash);
  if (params.has('token')) {
    token = params.get('token');
    params.delete('token');
    const query = params.toString();
    url.hash = path + (query === '' ? '' : `?${query}`);
  }
  return { token, rest: url.href };
}

/**
 * Moves a token the address carries into storage and out of the address bar
 * (history.replaceState: no reload, no history entry), then answers the token
 * this tab holds, or null.
 */
export function takeToken(place: TokenPlace): string | null {
  const { token, rest } = splitToken(place.location.href);
  if (token !== null) {
    place.history.replaceState(place.history.state, '', rest);
    if (token !== '') place.storage.setItem(TOKEN_KEY, token);
  }
  return place.storage.getItem(TOKEN_KEY);
}

export function saveToken(storage: TokenStorage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
}

/** What a person pasted: the link `wharf serve` printed, or the token alone. Null when neither. */
export function tokenFromPaste(text: string): string | null {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const { token } = splitToken(trimmed);
      return token !== null && isWellFormedToken(token) ? token : null;
    } catch {
      return null;
    }
  }
  return isWellFormedToken(trimmed) ? trimmed : null;
}
