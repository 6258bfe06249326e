import { describe, expect, it } from 'vitest';
import { captureState, restoreLayout, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };
const defaultSize = { width: 1280, height: 820 };
const minSize = { width: 880, height: 560 };
const layout = (saved: unknown, displays: Rect[] = [laptop]) =>
  restoreLayout({ saved, displays, defaultSize, minSize });

describe('restoreLayout', () => {
  it('opens at the default size, centered, with nothing saved or a bad file', () => {
    for (const saved of [undefined, null, 'x', {}, { x: 1, y: 2, width: 3 }, { x: 0, y: 0, width: 900, height: 600 }]) {
      expect(layout(saved)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
    }
    expect(layout({ x: 0, y: 0, width: 1.5, height: 600, maximized: false }).bounds).not.toHaveProperty('x');
    expect(layout({ x: 0, y: 0, width: 900, height: 600, maximized: 'yes' }).bounds).not.toHaveProperty('x');
  });

  it('restores the place and size it was left at, and the maximized state', () => {
    const saved = { x: 100, y: 60, width: 1000, height: 700, maximized: true };
    expect(layout(saved)).toEqual({ bounds: { x: 100, y: 60, width: 1000, height: 700 }, maximized: true });
  });

  it('restores onto a second display that is still there', () => {
    const saved = { x: 2000, y: 200, width: 1600, height: 1000, maximized: false };
    expect(layout(saved, [laptop, external]).bounds).toEqual({ x: 2000, y: 200, width: 1600, height: 1000 });
  });

  it('moves a window whose display is gone back onto the primary one, at its size', () => {
    const saved = { x: 2000, y: 200, width: 1200, height: 800, maximized: true };
    expect(layout(saved, [laptop])).toEqual({ bounds: { width: 1200, height: 800 }, maximized: true });
  });

  it('shrinks a window larger than its display, keeping the minimum where the display allows', () => {
    const saved = { x: 1500, y: 0, width: 2500, height: 1400, maximized: false };
    expect(layout(saved, [laptop]).bounds).toEqual({ width: 1440, height: 875 });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 500 };
    expect(layout({ x: 0, y: 0, width: 400, height: 300, maximized: false }, [tiny]).bounds).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 500,
    });
  });

  it('pulls a window hanging off an edge back inside, title bar reachable', () => {
    const saved = { x: 1000, y: -10, width: 1000, height: 700, maximized: false };
    expect(layout(saved).bounds).toEqual({ x: 440, y: 25, width: 1000, height: 700 });
  });

  it('does not count a sliver of title bar as visible', () => {
    const saved = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(layout(saved).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('with no display reported, still opens at the default size', () => {
    expect(layout({ x: 0, y: 0, width: 900, height: 600, maximized: false }, [])).toEqual({
      bounds: defaultSize,
      maximized: false,
    });
  });
});

describe('captureState', () => {
  it('saves whole pixels and a state restoreLayout accepts', () => {
    const state = captureState({ x: 10.4, y: 20.6, width: 999.5, height: 700.2 }, false);
    expect(state).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: false });
    expect(layout(state).bounds).toEqual({ x: 10, y: 25, width: 1000, height: 700 });
  });
});
