// The terminal's colours: one dark palette in both app themes, as most
// terminals are; the ANSI colours are tuned for contrast on it.
import type { ITheme } from '@xterm/xterm';

export const TERMINAL_THEME: ITheme = {
  background: '#14161b',
  foreground: '#d8dee9',
  cursor: '#f0f3f6',
  cursorAccent: '#14161b',
  selectionBackground: '#3b4d6e',
  black: '#1d2027',
  red: '#f07178',
  green: '#a3d97a',
  yellow: '#f2c66d',
  blue: '#6cb6ff',
  magenta: '#d2a6ff',
  cyan: '#5ccfe6',
  white: '#c7ccd4',
  brightBlack: '#5c6370',
  brightRed: '#ff8b92',
  brightGreen: '#bde89b',
  brightYellow: '#ffd98e',
  brightBlue: '#91cbff',
  brightMagenta: '#e2c2ff',
  brightCyan: '#8be0f0',
  brightWhite: '#ffffff',
};
