// When a log view tells React about new lines. A line after a quiet spell
// shows in the next frame; during a flood the view is drawn at most every
// `gapMs` (about ten times a second), not every frame: each draw replaces
// every row on screen (the newest lines push the others up), and drawing 60
// times a second took the CPU the engine needed to deliver the lines.

export interface RenderPacer {
  /** Asks for a draw: in the next frame, or once `gapMs` have passed since the last one. */
  schedule(): void;
  /** Drops a draw asked for and not yet done. */
  cancel(): void;
}

export interface PacerClock {
  now(): number;
  frame(run: () => void): number;
  cancelFrame(handle: number): void;
  timeout(run: () => void, ms: number): ReturnType<typeof setTimeout>;
  cancelTimeout(handle: ReturnType<typeof setTimeout>): void;
}

const browserClock: PacerClock = {
  now: () => performance.now(),
  frame: (run) => requestAnimationFrame(run),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  timeout: (run, ms) => setTimeout(run, ms),
  cancelTimeout: (handle) => clearTimeout(handle),
};

export const FLOOD_GAP_MS = 100;

export function createRenderPacer(draw: () => void, gapMs = FLOOD_GAP_MS, clock = browserClock): RenderPacer {
  let last = -Infinity;
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const inFrame = () => {
    frame = undefined;
    last = clock.now();
    draw();
  };
  return {
    schedule() {
      if (frame !== undefined || timer !== undefined) return;
      const wait = last + gapMs - clock.now();
      if (wait <= 0) frame = clock.frame(inFrame);
      else
        timer = clock.timeout(() => {
          timer = undefined;
          frame = clock.frame(inFrame);
        }, wait);
    },
    cancel() {
      if (frame !== undefined) clock.cancelFrame(frame);
      if (timer !== undefined) clock.cancelTimeout(timer);
      frame = undefined;
      timer = undefined;
    },
  };
}
