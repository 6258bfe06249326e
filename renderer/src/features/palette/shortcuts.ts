// Wharf's keyboard shortcuts: which key does what, and when a key is left
// alone (a terminal or an editor with focus keeps its keys, except the one
// that opens the command palette). Pure: the palette's host reads the DOM and
// asks here.

export type Shortcut = { kind: 'palette' } | { kind: 'page'; index: number } | { kind: 'help' };

export interface KeyPress {
  key: string;
  /** KeyboardEvent.code: "Digit1" whatever the keyboard layout writes there. */
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface FocusKind {
  /** An input, a text area, a select or editable text. */
  textField: boolean;
  /** A terminal (xterm). */
  terminal: boolean;
  /** A code editor (CodeMirror). */
  editor: boolean;
  /** A modal dialog other than the palette is open. */
  dialog: boolean;
}

/** How many sidebar pages have a number. */
export const NUMBERED_PAGES = 9;

/** What a key press asks for, or null to leave it to whoever has focus. `mac`: Cmd is the modifier, not Ctrl. */
export function shortcutFor(e: KeyPress, focus: FocusKind, mac: boolean): Shortcut | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k')) {
    return focus.dialog ? null : { kind: 'palette' };
  }
  if (focus.terminal || focus.editor || focus.dialog) return null;
  if (mod && !e.altKey && !e.shiftKey) {
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : undefined);
    if (digit !== undefined) return { kind: 'page', index: Number(digit) - 1 };
    return null;
  }
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !focus.textField) return { kind: 'help' };
  return null;
}

/** The modifier's name as the keyboard shows it. */
export function modifierLabel(mac: boolean): string {
  return mac ? '⌘' : 'Ctrl';
}

/** For aria-keyshortcuts. */
export function modifierAria(mac: boolean): string {
  return mac ? 'Meta' : 'Control';
}

/** Whether this is a Mac, from the browser's platform strings. */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

export interface ShortcutRow {
  /** The keys, each a word of the combination ("Ctrl", "K"). */
  keys: string[][];
  /** Translation key of what it does. */
  labelKey: string;
  params?: Record<string, string>;
}

/** Every shortcut, as the help dialog lists them; `pages` are the sidebar's labels, in its order. */
export function shortcutRows(mac: boolean, pages: readonly string[]): ShortcutRow[] {
  const mod = modifierLabel(mac);
  return [
    { keys: [[mod, 'K']], labelKey: 'shortcuts.palette' },
    { keys: [['?']], labelKey: 'shortcuts.help' },
    ...pages
      .slice(0, NUMBERED_PAGES)
      .map((page, i) => ({ keys: [[mod, String(i + 1)]], labelKey: 'shortcuts.page', params: { page } })),
    { keys: [['/']], labelKey: 'shortcuts.filter' },
    { keys: [['Shift', 'F10'], ['≣ Menu']], labelKey: 'shortcuts.rowMenu' },
    { keys: [['↑'], ['↓']], labelKey: 'shortcuts.move' },
    { keys: [['Enter']], labelKey: 'shortcuts.run' },
    { keys: [['Esc']], labelKey: 'shortcuts.close' },
  ];
}
