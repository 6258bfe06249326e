import { describe, expect, it } from 'vitest';
import { clipboardKey } from './keys';

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
