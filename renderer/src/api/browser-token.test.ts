import { describe, expect, it } from 'vitest';
import { forgetToken, saveToken, splitToken, takeToken, TOKEN_KEY, tokenFromPaste } from './browser-token';

const TOKEN = 'Ab-0123456789_xyz~.';

/** A tab: its address, its history (replaceState only) and its sessionStorage. */
function tab(href: string, stored?: string) {
  const items = new Map<string, string>(stored === undefined ? [] : [[TOKEN_KEY, stored]]);
  const place = {
    location: { href },
    history: {
      state: { kept: true },
      replaced: [] as unknown[][],
      replaceState(...args: unknown[]) {
        this.replaced.push(args);
        place.location.href = new URL(String(args[2]), place.location.href).href;
      },
    },
    storage: {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    },
  };
  return { place, items };
}

describe('browser-mode token in the page', () => {
  it('finds the token in the fragment, beside a route, or in an old ?token= query, and gives the address without it', () => {
    expect(splitToken(`http://127.0.0.1:7420/#token=${TOKEN}`)).toEqual({
      token: TOKEN,
      rest: 'http://127.0.0.1:7420/',
    });
    expect(splitToken(`http://127.0.0.1:7420/#/containers?token=${TOKEN}`)).toEqual({
      token: TOKEN,
      rest: 'http://127.0.0.1:7420/#/containers',
    });
    expect(splitToken(`http://127.0.0.1:7420/#/run?image=a&token=${TOKEN}`)).toEqual({
      token: TOKEN,
      rest: 'http://127.0.0.1:7420/#/run?image=a',
    });
    expect(splitToken(`http://127.0.0.1:7420/?token=${TOKEN}#/images`)).toEqual({
      token: TOKEN,
      rest: 'http://127.0.0.1:7420/#/images',
    });
    expect(splitToken('http://127.0.0.1:7420/#/images/abc')).toEqual({
      token: null,
      rest: 'http://127.0.0.1:7420/#/images/abc',
    });
    expect(splitToken('http://127.0.0.1:7420/')).toEqual({ token: null, rest: 'http://127.0.0.1:7420/' });
  });

  it('moves the token into this tab’s storage and out of the address bar, keeping the history state', () => {
    const { place, items } = tab(`http://127.0.0.1:7420/#token=${TOKEN}`);
    expect(takeToken(place)).toBe(TOKEN);
    expect(items.get(TOKEN_KEY)).toBe(TOKEN);
    expect(place.location.href).toBe('http://127.0.0.1:7420/');
    expect(place.history.replaced).toEqual([[{ kept: true }, '', 'http://127.0.0.1:7420/']]);
  });

  it('keeps the stored token when the address has none, and touches no history', () => {
    const { place } = tab('http://127.0.0.1:7420/#/volumes', TOKEN);
    expect(takeToken(place)).toBe(TOKEN);
    expect(place.history.replaced).toEqual([]);
    expect(takeToken(tab('http://127.0.0.1:7420/').place)).toBeNull();
  });

  it('replaces the stored token with a newer link’s, and strips an empty one', () => {
    const { place, items } = tab('http://127.0.0.1:7420/?token=newer-token-0123456789', TOKEN);
    expect(takeToken(place)).toBe('newer-token-0123456789');
    const empty = tab('http://127.0.0.1:7420/#token=', TOKEN);
    expect(takeToken(empty.place)).toBe(TOKEN);
    expect(empty.place.location.href).toBe('http://127.0.0.1:7420/');
    forgetToken(place.storage);
    expect(items.has(TOKEN_KEY)).toBe(false);
    saveToken(place.storage, TOKEN);
    expect(items.get(TOKEN_KEY)).toBe(TOKEN);
  });

  it('takes a pasted link or token, and nothing that is not one', () => {
    expect(tokenFromPaste(` http://127.0.0.1:7420/#token=${TOKEN}\n`)).toBe(TOKEN);
    expect(tokenFromPaste(`http://127.0.0.1:7420/?token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromPaste(`  ${TOKEN} `)).toBe(TOKEN);
    for (const text of [
      '',
      'short',
      'http://127.0.0.1:7420/',
      'http://127.0.0.1:7420/#token=short',
      'with spaces inside it',
      'x'.repeat(513),
    ]) {
      expect(tokenFromPaste(text), text).toBeNull();
    }
  });
});
