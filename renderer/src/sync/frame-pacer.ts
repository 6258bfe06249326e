// Hands queued items over at most once per animation frame, and at once when
// nothing came for a frame: a lone change (a container stopped) is applied as
// it arrives and painted in the next frame, not one frame later; a stream of
// changes (a burst) is still applied once per frame.

export interface Frames {
  request(fn: () => void): number;
  cancel(handle: number): void;
}

const browserFrames: Frames = {
  request: (fn) => requestAnimationFrame(fn),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface FramePacer<T> {
  push(item: T): void;
  dispose(): void;
}

export function createFramePacer<T>(apply: (items: T[]) => void, frames: Frames = browserFrames): FramePacer<T> {
  let buffer: T[] = [];
  /** A frame is coming: what arrives meanwhile waits for it. */
  let frame: number | undefined;
  const flush = () => {
    const items = buffer;
    buffer = [];
    apply(items);
  };
  const onFrame = () => {
    frame = undefined;
    if (buffer.length === 0) return;
    flush();
    // Still coming: the next ones wait for the next frame too.
    frame = frames.request(onFrame);
  };
  return {
    push(item) {
      buffer.push(item);
      if (frame !== undefined) return;
      flush();
      frame = frames.request(onFrame);
    },
    dispose() {
      if (frame !== undefined) frames.cancel(frame);
      frame = undefined;
      buffer = [];
    },
  };
}
