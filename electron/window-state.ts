// Where the window opens: where it was last time (size, position, maximized),
// kept inside the displays present now. A display unplugged since, or a
// resolution lowered, must never leave the window off screen or larger than
// the screen. Pure: the shell reads the displays and the saved file.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The window's normal (not maximized) bounds and whether it was maximized, as saved in window-state.json. */
export const WindowState = z
  .object({
    x: z.number().int().min(-100_000).max(100_000),
    y: z.number().int().min(-100_000).max(100_000),
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof WindowState>;

export interface WindowLayout {
  /** Position too when restored; size only (the system centers it) otherwise. */
  bounds: Size & Partial<Pick<Rect, 'x' | 'y'>>;
  maximized: boolean;
}

export interface LayoutInput {
  /** What the file held: anything, checked here. */
  saved: unknown;
  /** The work areas (screen minus taskbar, dock, menu bar) of the displays present; the primary first. */
  displays: readonly Rect[];
  defaultSize: Size;
  minSize: Size;
}

/** How much of the title bar must show on a display for the saved place to count as visible. */
const GRIP = { width: 120, height: 40 };

const overlap = (a: Rect, b: Rect): Rect => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
};

const clampSize = (size: Size, area: Rect, min: Size): Size => ({
  width: Math.max(Math.min(size.width, area.width), Math.min(min.width, area.width)),
  height: Math.max(Math.min(size.height, area.height), Math.min(min.height, area.height)),
});

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** The window's first bounds this run. */
export function restoreLayout({ saved, displays, defaultSize, minSize }: LayoutInput): WindowLayout {
  const primary = displays[0];
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success || !primary) {
    return { bounds: primary ? clampSize(defaultSize, primary, minSize) : { ...defaultSize }, maximized: false };
  }
  const state = parsed.data;
  // The display showing most of the saved title bar (its top strip); none when it is off every screen.
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: GRIP.height };
  let home: Rect | undefined;
  let best = 0;
  for (const display of displays) {
    const seen = overlap(titleBar, display);
    const area = seen.width * seen.height;
    if (seen.width >= Math.min(GRIP.width, state.width) && seen.height > 0 && area > best) {
      best = area;
      home = display;
    }
  }
  if (!home) {
    // Off screen (a display gone): the saved size on the primary display, where the system centers it.
    return { bounds: clampSize(state, primary, minSize), maximized: state.maximized };
  }
  const size = clampSize(state, home, minSize);
  return {
    bounds: {
      ...size,
      x: clamp(state.x, home.x, home.x + home.width - size.width),
      y: clamp(state.y, home.y, home.y + home.height - size.height),
    },
    maximized: state.maximized,
  };
}

/** What to save: the normal bounds (what un-maximizing returns to) and the maximized state, rounded. */
export function captureState(normal: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normal.x),
    y: Math.round(normal.y),
    width: Math.max(1, Math.round(normal.width)),
    height: Math.max(1, Math.round(normal.height)),
    maximized,
  };
}
