import { describe, expect, it } from 'vitest';
import { isMacPlatform, shortcutFor, shortcutRows, type FocusKind, type KeyPress } from './shortcuts';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const page: FocusKind = { textField: false, terminal: false, editor: false, dialog: false };
const field = { ...page, textField: true };
const terminal = { ...page, terminal: true, textField: true };
const editor = { ...page, editor: true, textField: true };

describe('shortcutFor', () => {
  it('opens the palette with Ctrl+K, or Cmd+K on a Mac, wherever focus is', () => {
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), page, false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('k', 'KeyK', { metaKey: true }), page, true)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), terminal, false)).toEqual({ kind: 'palette' });
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), editor, false)).toEqual({ kind: 'palette' });
    // A Korean layout writes ㅏ on that key: the key's place counts.
    expect(shortcutFor(press('ㅏ', 'KeyK', { ctrlKey: true }), page, false)).toEqual({ kind: 'palette' });
  });

  it('leaves Ctrl+K alone on a Mac, Cmd+K elsewhere, and K with more modifiers', () => {
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), page, true)).toBeNull();
    expect(shortcutFor(press('k', 'KeyK', { metaKey: true }), page, false)).toBeNull();
    expect(shortcutFor(press('K', 'KeyK', { ctrlKey: true, shiftKey: true }), page, false)).toBeNull();
    expect(shortcutFor(press('k', 'KeyK'), page, false)).toBeNull();
  });

  it('switches to the first nine pages with Ctrl+1…9', () => {
    expect(shortcutFor(press('1', 'Digit1', { ctrlKey: true }), page, false)).toEqual({ kind: 'page', index: 0 });
    expect(shortcutFor(press('9', 'Digit9', { ctrlKey: true }), field, false)).toEqual({ kind: 'page', index: 8 });
    expect(shortcutFor(press('2', 'Digit2', { metaKey: true }), page, true)).toEqual({ kind: 'page', index: 1 });
    expect(shortcutFor(press('0', 'Digit0', { ctrlKey: true }), page, false)).toBeNull();
    expect(shortcutFor(press('2', 'Digit2'), page, false)).toBeNull();
  });

  it('opens the list of shortcuts with ? outside text fields', () => {
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), page, false)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), field, false)).toBeNull();
  });

  it('never takes a terminal’s or an editor’s keys, but Ctrl+K', () => {
    for (const focus of [terminal, editor]) {
      expect(shortcutFor(press('2', 'Digit2', { ctrlKey: true }), focus, false)).toBeNull();
      expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), focus, false)).toBeNull();
    }
  });

  it('does nothing over another dialog', () => {
    const dialog = { ...page, dialog: true };
    expect(shortcutFor(press('k', 'KeyK', { ctrlKey: true }), dialog, false)).toBeNull();
    expect(shortcutFor(press('1', 'Digit1', { ctrlKey: true }), dialog, false)).toBeNull();
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), dialog, false)).toBeNull();
  });
});

describe('shortcutRows', () => {
  it('numbers the first nine pages with the platform’s modifier', () => {
    const pages = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
    const rows = shortcutRows(true, pages).filter((r) => r.labelKey === 'shortcuts.page');
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ keys: [['⌘', '1']], labelKey: 'shortcuts.page', params: { page: 'A' } });
    expect(shortcutRows(false, pages)[0]?.keys).toEqual([['Ctrl', 'K']]);
  });

  it('knows a Mac by its platform string', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
  });
});
