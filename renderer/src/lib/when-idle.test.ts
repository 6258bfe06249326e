import { describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, whenIdle, type IdleHost } from './when-idle';

function host(withIdle: boolean) {
  const idle: Array<{ fn: () => void; timeout?: number }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const h: IdleHost = {
    setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimeout: vi.fn(),
    ...(withIdle
      ? {
          requestIdleCallback: (fn: () => void, options?: { timeout: number }) =>
            idle.push({ fn, ...(options ? { timeout: options.timeout } : {}) }) - 1,
          cancelIdleCallback: vi.fn(),
        }
      : {}),
  };
  return { h, idle, timers };
}

describe('whenIdle', () => {
  it('waits for an idle moment, a second at most, and does not run the work itself', () => {
    const { h, idle, timers } = host(true);
    const fn = vi.fn();
    whenIdle(fn, h);
    expect(fn).not.toHaveBeenCalled();
    expect(timers).toHaveLength(0);
    expect(idle).toHaveLength(1);
    expect(idle[0]!.timeout).toBe(IDLE_TIMEOUT_MS);
    idle[0]!.fn();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('cancels the idle callback it asked for', () => {
    const { h } = host(true);
    const cancel = whenIdle(() => {}, h);
    cancel();
    expect(h.cancelIdleCallback).toHaveBeenCalledWith(0);
  });

  it('falls back to a short timer where the browser has no idle callbacks', () => {
    const { h, timers } = host(false);
    const fn = vi.fn();
    const cancel = whenIdle(fn, h);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBeLessThanOrEqual(IDLE_TIMEOUT_MS);
    expect(fn).not.toHaveBeenCalled();
    cancel();
    expect(h.clearTimeout).toHaveBeenCalledWith(0);
  });
});
