import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress } from './contract';
import { ApiError } from '../../api/errors';
import { createProgressRegistry } from './progress';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  vi.useFakeTimers();
  let now = 0;
  const registry = createProgressRegistry({ now: () => now, intervalMs: 250, keepMs: 1000 });
  const progress = registry.create('a'.repeat(64), 'big.bin');
  const events: DownloadProgress[] = [];
  progress.watch((p) => events.push(p));
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { registry, progress, events, advance };
}

describe('download progress', () => {
  it('starts waiting, then reports bytes at most every interval, the last change never lost', () => {
    const { progress, events, advance } = setup();
    expect(events).toEqual([{ id: 'a'.repeat(64), name: 'big.bin', phase: 'waiting', sent: 0, bytesPerSecond: 0 }]);
    progress.start(1000);
    expect(events.at(-1)).toMatchObject({ phase: 'running', total: 1000, sent: 0 });
    const before = events.length;
    for (let i = 1; i <= 10; i++) {
      advance(10);
      progress.sentTo(i * 10);
    }
    // 100 ms of changes: one update waits for the interval.
    expect(events.length).toBe(before);
    advance(250);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ sent: 100 });
    // 100 bytes over the 100 ms sampled: 1000 B/s.
    expect(events.at(-1)?.bytesPerSecond).toBe(1000);
  });

  it('ends once: done gives the average speed; a later failure or cancel changes nothing', () => {
    const { progress, events, advance } = setup();
    progress.start(500);
    advance(500);
    progress.sentTo(500);
    progress.end({ phase: 'done' });
    expect(events.at(-1)).toMatchObject({ phase: 'done', sent: 500, total: 500, bytesPerSecond: 1000 });
    progress.end({ phase: 'failed', error: new Error('late') });
    expect(progress.cancel()).toBe(false);
    expect(events.at(-1)?.phase).toBe('done');
  });

  it('Cancel ends it as cancelled by Wharf and calls what stops the stream; a failure keeps its message', () => {
    const { registry, progress, events } = setup();
    const stop = vi.fn();
    progress.start();
    progress.onCancel(stop);
    expect(progress.cancel()).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', cancelledBy: 'wharf' });
    const other = registry.create('b'.repeat(64), 'x');
    other.start(10);
    other.end({
      phase: 'failed',
      error: new ApiError({ code: 'conflict', message: '"/x" grew while it was being downloaded' }),
    });
    expect(other.snapshot()).toMatchObject({
      phase: 'failed',
      error: { code: 'conflict', message: '"/x" grew while it was being downloaded' },
    });
  });

  it('an estimate: read against its total, all of it once done, and forgotten a while after the end', () => {
    const { registry, progress, advance } = setup();
    progress.estimated(2048);
    progress.start();
    progress.sentTo(100);
    progress.readTo(1024);
    expect(progress.snapshot()).toMatchObject({ sent: 100, estimate: { total: 2048, read: 1024 } });
    expect(progress.snapshot().total).toBeUndefined();
    progress.end({ phase: 'done' });
    expect(progress.snapshot().estimate).toEqual({ total: 2048, read: 2048 });
    advance(1001);
    expect(registry.get('a'.repeat(64))).toBeUndefined();
  });
});
