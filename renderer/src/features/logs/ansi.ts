// ANSI SGR (colours, bold, underline…) in log lines → styled text segments.
// Written here rather than taken from a library: the renderer needs only
// SGR, must never produce HTML (segments become React text nodes), and has
// to carry the style from one line into the next like a terminal does.
// Every other escape sequence (cursor moves, titles) is dropped.

export interface AnsiStyle {
  /** 0–15: the theme's palette; a string: an exact colour (#rrggbb) from 256-colour or true-colour codes. */
  fg?: number | string;
  bg?: number | string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  /** Absent for unstyled text. */
  style?: AnsiStyle;
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
const ESCAPE = /\u001b(?:\[([0-?]*)[ -/]*([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// Other control characters (and an ESC left from a cut-off sequence) would show as boxes; tab stays.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const hasEscapes = (text: string): boolean => text.includes('\u001b');

/** The text without escape sequences or control characters: what is searched and downloaded. */
export function stripAnsi(text: string): string {
  if (!hasEscapes(text)) return HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
  return text.replace(ESCAPE, '').replace(CONTROL, '');
}

const isEmpty = (s: AnsiStyle): boolean => Object.keys(s).length === 0;

function cube(n: number): string {
  // xterm's 256-colour table: 16 palette colours, a 6×6×6 cube, 24 greys.
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  if (n >= 232) {
    const g = 8 + (n - 232) * 10;
    return `#${hex(g)}${hex(g)}${hex(g)}`;
  }
  const i = n - 16;
  const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}

/** Reads an extended colour (38/48 ;5;n or ;2;r;g;b) starting at params[i]; returns it and how many params it used. */
function extended(params: number[], i: number): [number | string | undefined, number] {
  const mode = params[i + 1];
  if (mode === 5) {
    const n = params[i + 2];
    if (n === undefined || n < 0 || n > 255) return [undefined, 3];
    return [n < 16 ? n : cube(n), 3];
  }
  if (mode === 2) {
    const [r, g, b] = [params[i + 2], params[i + 3], params[i + 4]];
    if (r === undefined || g === undefined || b === undefined) return [undefined, 5];
    const c = (v: number) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0');
    return [`#${c(r)}${c(g)}${c(b)}`, 5];
  }
  return [undefined, 2];
}

/** Applies one SGR sequence's parameters to a style; returns the new style. */
export function applySgr(style: AnsiStyle, raw: string): AnsiStyle {
  // ':' separates sub-parameters (38:2::r:g:b); treated like ';' after dropping an empty colour-space id.
  const params =
    raw === ''
      ? [0]
      : raw
          .replace(/:(?=:)/g, '')
          .split(/[;:]/)
          .map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) s = {};
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 9) s.strike = true;
    else if (p === 22) {
      delete s.bold;
      delete s.dim;
    } else if (p === 23) delete s.italic;
    else if (p === 24) delete s.underline;
    else if (p === 27) delete s.inverse;
    else if (p === 29) delete s.strike;
    else if (p >= 30 && p <= 37) s.fg = p - 30;
    else if (p >= 90 && p <= 97) s.fg = p - 90 + 8;
    else if (p === 39) delete s.fg;
    else if (p >= 40 && p <= 47) s.bg = p - 40;
    else if (p >= 100 && p <= 107) s.bg = p - 100 + 8;
    else if (p === 49) delete s.bg;
    else if (p === 38 || p === 48) {
      const [colour, used] = extended(params, i);
      if (colour !== undefined) s[p === 38 ? 'fg' : 'bg'] = colour;
      i += used - 1;
    }
  }
  return s;
}

/**
 * Splits a line into styled segments. `initial` is the style the previous
 * line ended with; `end` is the style this one ends with.
 */
export function parseAnsi(text: string, initial: AnsiStyle = {}): { segments: AnsiSegment[]; end: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let style = initial;
  let last = 0;
  const push = (chunk: string) => {
    const clean = HAS_CONTROL.test(chunk) ? chunk.replace(CONTROL, '') : chunk;
    if (clean === '') return;
    const prev = segments.at(-1);
    const styled = isEmpty(style) ? undefined : style;
    if (prev && prev.style === styled) prev.text += clean;
    else segments.push(styled ? { text: clean, style: styled } : { text: clean });
  };
  if (!hasEscapes(text)) {
    push(text);
    return { segments, end: style };
  }
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    push(text.slice(last, m.index));
    last = ESCAPE.lastIndex;
    if (m[2] === 'm') style = applySgr(style, m[1] ?? '');
  }
  push(text.slice(last));
  return { segments, end: style };
}
