import { afterEach, describe, expect, it, vi } from 'vitest';
import { PIECE_MS } from './output-pump';

/** The module with a page around it: its document's listeners and a clock the test moves. */
async function setup() {
  vi.resetModules();
  let now = 10_000;
  const listeners = new Map<string, () => void>();
  vi.stubGlobal('document', {
    visibilityState: 'visible',
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
  });
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  const mod = await import('./input-priority');
  mod.listenForInput();
  return {
    ...mod,
    key: () => listeners.get('keydown')!(),
    at: (ms: number) => {
      now = 10_000 + ms;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('output budget after a key', () => {
  it('gives a terminal on screen short pieces only briefly after a key, then long ones again', async () => {
    const p = await setup();
    expect(p.outputBudgetMs(true)).toBe(PIECE_MS.bulk);
    p.key();
    expect(p.outputBudgetMs(true)).toBe(PIECE_MS.interactive);
    p.at(p.SHORT_PIECES_MS - 1);
    expect(p.outputBudgetMs(true)).toBe(PIECE_MS.interactive);
    // A command started with Enter prints the rest of its output in long pieces.
    p.at(p.SHORT_PIECES_MS);
    expect(p.outputBudgetMs(true)).toBe(PIECE_MS.bulk);
  });

  it('holds a terminal out of view for a second after a key, then lets it go on in short pieces', async () => {
    const p = await setup();
    p.key();
    p.at(p.SHORT_PIECES_MS);
    expect(p.outputBudgetMs(false)).toBe(PIECE_MS.hold);
    p.at(999);
    expect(p.outputBudgetMs(false)).toBe(PIECE_MS.hold);
    p.at(1000);
    expect(p.outputBudgetMs(false)).toBe(PIECE_MS.interactive);
  });
});
