import { describe, expect, it } from 'vitest';
import { createRenderPacer, type PacerClock } from './render-pacer';

/** A clock driven by hand: frames and timeouts run when the test says. */
function manualClock() {
  let now = 0;
  let frames: Array<() => void> = [];
  const timers: Array<{ at: number; run: () => void }> = [];
  const clock: PacerClock = {
    now: () => now,
    frame: (run) => frames.push(run),
    cancelFrame: () => {
      frames = [];
    },
    timeout: (run, ms) => {
      timers.push({ at: now + ms, run });
      return timers.length;
    },
    cancelTimeout: () => {
      timers.length = 0;
    },
  };
  return {
    clock,
    /** Moves time on, running the timeouts due, then one frame. */
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      const rest = timers.filter((t) => t.at > now);
      timers.splice(0, timers.length, ...rest);
      for (const t of due) t.run();
      const inFrame = frames;
      frames = [];
      for (const run of inFrame) run();
    },
  };
}

describe('createRenderPacer', () => {
  it('draws a line after a quiet spell in the next frame', () => {
    const m = manualClock();
    let draws = 0;
    const pacer = createRenderPacer(() => draws++, 100, m.clock);
    pacer.schedule();
    m.advance(16);
    expect(draws).toBe(1);
  });

  it('during a flood draws at most once per gap, and the last lines still get drawn', () => {
    const m = manualClock();
    let draws = 0;
    const pacer = createRenderPacer(() => draws++, 100, m.clock);
    // A batch every 10 ms for one second.
    for (let t = 0; t < 1000; t += 10) {
      pacer.schedule();
      m.advance(10);
    }
    expect(draws).toBeGreaterThanOrEqual(9);
    expect(draws).toBeLessThanOrEqual(11);
    const before = draws;
    m.advance(100);
    m.advance(16);
    // The batch scheduled last was drawn after its gap.
    expect(draws).toBe(before + 1);
    m.advance(500);
    expect(draws).toBe(before + 1);
  });

  it('cancel drops a pending draw', () => {
    const m = manualClock();
    let draws = 0;
    const pacer = createRenderPacer(() => draws++, 100, m.clock);
    pacer.schedule();
    pacer.cancel();
    m.advance(200);
    expect(draws).toBe(0);
  });
});
