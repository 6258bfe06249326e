import { describe, expect, it } from 'vitest';
import { createFramePacer, type Frames } from './frame-pacer';

function fakeFrames() {
  const pending = new Map<number, () => void>();
  let seq = 0;
  const frames: Frames = {
    request: (fn) => (pending.set(++seq, fn), seq),
    cancel: (h) => void pending.delete(h),
  };
  const tick = () => {
    const due = [...pending.values()];
    pending.clear();
    for (const fn of due) fn();
  };
  return { frames, tick, pending: () => pending.size };
}

describe('createFramePacer', () => {
  it('applies a lone change at once, without waiting for a frame', () => {
    const { frames } = fakeFrames();
    const applied: number[][] = [];
    const pacer = createFramePacer<number>((items) => applied.push(items), frames);
    pacer.push(1);
    expect(applied).toEqual([[1]]);
  });

  it('a stream: the first at once, then what arrives within a frame applied together at the frame', () => {
    const { frames, tick } = fakeFrames();
    const applied: number[][] = [];
    const pacer = createFramePacer<number>((items) => applied.push(items), frames);
    for (let i = 1; i <= 5; i++) pacer.push(i);
    expect(applied).toEqual([[1]]);
    tick();
    expect(applied).toEqual([[1], [2, 3, 4, 5]]);
    pacer.push(6);
    pacer.push(7);
    // The frame after a busy one still paces: one apply per frame while changes keep coming.
    expect(applied).toHaveLength(2);
    tick();
    expect(applied).toEqual([[1], [2, 3, 4, 5], [6, 7]]);
  });

  it('after a frame with nothing new, the next change is applied at once again', () => {
    const { frames, tick, pending } = fakeFrames();
    const applied: number[][] = [];
    const pacer = createFramePacer<number>((items) => applied.push(items), frames);
    pacer.push(1);
    tick();
    expect(pending()).toBe(0);
    pacer.push(2);
    expect(applied).toEqual([[1], [2]]);
  });

  it('dispose drops what waits and the frame asked for', () => {
    const { frames, tick, pending } = fakeFrames();
    const applied: number[][] = [];
    const pacer = createFramePacer<number>((items) => applied.push(items), frames);
    pacer.push(1);
    pacer.push(2);
    pacer.dispose();
    expect(pending()).toBe(0);
    tick();
    expect(applied).toEqual([[1]]);
  });
});
