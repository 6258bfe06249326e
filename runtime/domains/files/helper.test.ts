import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHelperPool } from './helper';

/** Just enough of an engine for the pool: one image, and removals recorded. */
function fakeEngine() {
  const removed: string[] = [];
  const docker = {
    getContainer: (id: string) => ({
      remove: async () => {
        removed.push(id);
      },
    }),
  } as unknown as Docker;
  return { docker, removed };
}

const ensureImage = async () => ({ id: 'sha256:helper', name: 'wharf-helper:test', arch: 'amd64' as const });

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('helper pool', () => {
  afterEach(() => vi.useRealTimers());

  it('removes an idle helper, but not while work is held in it; then runs what comes after', async () => {
    vi.useFakeTimers();
    const { docker, removed } = fakeEngine();
    const after = vi.fn(async () => {});
    const pool = createHelperPool({ idleMs: 1000, ensureImage });
    const id = await pool.keep(docker, 'container:abc', async () => 'helper-1', after);
    expect(id).toBe('helper-1');
    const release = pool.hold(id);
    await vi.advanceTimersByTimeAsync(5000);
    await settle();
    expect(removed).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(removed).toEqual(['helper-1']);
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('forget removes a held helper at once (the container started or was removed)', async () => {
    const { docker, removed } = fakeEngine();
    const after = vi.fn(async () => {});
    const pool = createHelperPool({ idleMs: 60_000, ensureImage });
    const id = await pool.keep(docker, 'container:abc', async () => 'helper-2', after);
    pool.hold(id);
    await pool.forget('container:abc');
    expect(removed).toEqual(['helper-2']);
    expect(after).toHaveBeenCalledTimes(1);
    // A new request starts a new helper.
    expect(await pool.keep(docker, 'container:abc', async () => 'helper-3')).toBe('helper-3');
    await pool.dispose();
  });
});
