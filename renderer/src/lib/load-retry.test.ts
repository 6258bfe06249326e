import { describe, expect, it } from 'vitest';
import { decideReload, MAX_RELOADS } from './load-retry';

const HREF = 'http://127.0.0.1:7420/#/containers/abc';

describe('decideReload', () => {
  it('reloads at once the first time, then with a growing pause, then gives up', () => {
    let stored: string | null = null;
    const delays: number[] = [];
    for (let i = 0; i < MAX_RELOADS; i++) {
      const d = decideReload(stored, HREF, 1_000 + i * 100);
      expect(d.reload).toBe(true);
      delays.push(d.delayMs);
      stored = d.store;
    }
    expect(delays).toEqual([0, 250, 500]);
    expect(decideReload(stored, HREF, 1_500).reload).toBe(false);
  });

  it('counts again for another address, after a minute, and over a broken record', () => {
    const first = decideReload(null, HREF, 0).store;
    const second = decideReload(first, HREF, 10).store;
    const third = decideReload(second, HREF, 20).store;
    expect(decideReload(third, `${HREF}/logs`, 30)).toMatchObject({ reload: true, delayMs: 0 });
    expect(decideReload(third, HREF, 60_021)).toMatchObject({ reload: true, delayMs: 0 });
    expect(decideReload('not json', HREF, 0)).toMatchObject({ reload: true, delayMs: 0 });
    expect(decideReload('{"href":1}', HREF, 0)).toMatchObject({ reload: true, delayMs: 0 });
  });
});
