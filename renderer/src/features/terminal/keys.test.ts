import { describe, expect, it } from 'vitest';
import { clipboardKey, mayTakeFocus, tabEscape, TAB_ESCAPE_MS } from './keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  type: 'keydown',
  key: k,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('clipboard keys', () => {
  it('Linux and Windows: Ctrl+Shift+C/V copy and paste; Ctrl+C stays the interrupt', () => {
    expect(clipboardKey(key('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(clipboardKey(key('V', { ctrlKey: true, shiftKey: true }), false)).toBe('paste');
    expect(clipboardKey(key('c', { ctrlKey: true }), false)).toBeNull();
    expect(clipboardKey(key('v', { ctrlKey: true }), false)).toBeNull();
    expect(clipboardKey(key('c', { metaKey: true }), false)).toBeNull();
  });

  it('macOS: Cmd+C/V; Ctrl+C stays the interrupt', () => {
    expect(clipboardKey(key('c', { metaKey: true }), true)).toBe('copy');
    expect(clipboardKey(key('v', { metaKey: true }), true)).toBe('paste');
    expect(clipboardKey(key('c', { ctrlKey: true }), true)).toBeNull();
  });

  it('ignores key releases and other letters', () => {
    expect(clipboardKey({ ...key('c', { ctrlKey: true, shiftKey: true }), type: 'keyup' }, false)).toBeNull();
    expect(clipboardKey(key('x', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});

describe('Escape then Tab leaves the terminal', () => {
  it('Tab alone goes to the shell; Escape then Tab (or Shift+Tab) within two seconds leaves', () => {
    const next = tabEscape();
    expect(next(key('Tab'), 0)).toBe('pass');
    expect(next(key('Escape'), 1000)).toBe('pass');
    expect(next(key('Tab'), 1000 + TAB_ESCAPE_MS)).toBe('leave');
    expect(next(key('Tab'), 1000 + TAB_ESCAPE_MS)).toBe('pass');
    expect(next(key('Escape'), 5000)).toBe('pass');
    expect(next(key('Shift'), 5001)).toBe('pass');
    expect(next(key('Tab', { shiftKey: true }), 5002)).toBe('leave');
  });

  it('too late, another key between, a key-up or a chord: Tab stays the shell’s', () => {
    const next = tabEscape();
    next(key('Escape'), 0);
    expect(next(key('Tab'), TAB_ESCAPE_MS + 1)).toBe('pass');
    next(key('Escape'), 10_000);
    next(key('a'), 10_001);
    expect(next(key('Tab'), 10_002)).toBe('pass');
    next(key('Escape'), 20_000);
    expect(next({ ...key('Tab'), type: 'keyup' }, 20_001)).toBe('pass');
    expect(next(key('Tab', { ctrlKey: true }), 20_002)).toBe('pass');
    expect(next(key('Tab'), 20_003)).toBe('pass');
  });
});

describe('a terminal that appears takes the focus', () => {
  const element = (role: string | null, focusVisible: boolean) => ({
    getAttribute: (name: string) => (name === 'role' ? role : null),
    matches: (selector: string) => selector === ':focus-visible' && focusVisible,
  });

  it('unless the keyboard is moving along the tabs', () => {
    expect(mayTakeFocus(null)).toBe(true);
    expect(mayTakeFocus(element('button', true))).toBe(true);
    expect(mayTakeFocus(element('tab', false))).toBe(true);
    expect(mayTakeFocus(element('tab', true))).toBe(false);
  });
});
