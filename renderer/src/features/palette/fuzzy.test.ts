import { describe, expect, it } from 'vitest';
import { fuzzyMatch, fuzzyRank } from './fuzzy';

describe('fuzzyMatch', () => {
  it('matches letters in order, whatever their case, and says where', () => {
    expect(fuzzyMatch('wb', 'Web-Backend')?.positions).toEqual([0, 4]);
    expect(fuzzyMatch('WEB', 'my-web')?.positions).toEqual([3, 4, 5]);
  });

  it('refuses letters out of order or missing', () => {
    expect(fuzzyMatch('bw', 'web')).toBeNull();
    expect(fuzzyMatch('webx', 'web')).toBeNull();
    expect(fuzzyMatch('longer than the text', 'short')).toBeNull();
  });

  it('needs every word of the query, each anywhere in the text', () => {
    expect(fuzzyMatch('stop web', 'Stop container web-1')).not.toBeNull();
    expect(fuzzyMatch('web stop', 'Stop container web-1')).not.toBeNull();
    expect(fuzzyMatch('stop db', 'Stop container web-1')).toBeNull();
  });

  it('an empty query matches everything with score 0', () => {
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('   ', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('prefers letters that run together to the same letters scattered', () => {
    const together = fuzzyMatch('web', 'xx web xx')!.score;
    const scattered = fuzzyMatch('web', 'w x e x b')!.score;
    expect(together).toBeGreaterThan(scattered);
  });

  it('prefers word starts, and the start of the text most', () => {
    expect(fuzzyMatch('db', 'db-main')!.score).toBeGreaterThan(fuzzyMatch('db', 'main-db')!.score);
    expect(fuzzyMatch('db', 'main-db')!.score).toBeGreaterThan(fuzzyMatch('db', 'maindb')!.score);
  });

  it('finds the best placement, not the first one', () => {
    // The first "w" is alone; the better match is the word "web" further on.
    expect(fuzzyMatch('web', 'w-x web')?.positions).toEqual([4, 5, 6]);
  });

  it('reads camelCase humps as word starts', () => {
    expect(fuzzyMatch('cm', 'ContextMenu')?.positions).toEqual([0, 7]);
  });
});

describe('fuzzyRank', () => {
  const names = ['nginx-proxy', 'web', 'postgres', 'my-web-app', 'w_e_b'];

  it('keeps the matches only, best first', () => {
    expect(fuzzyRank(names, 'web', (s) => s).map((r) => r.item)).toEqual(['web', 'my-web-app', 'w_e_b']);
  });

  it('keeps the given order among equal scores and for an empty query', () => {
    expect(fuzzyRank(names, '', (s) => s).map((r) => r.item)).toEqual(names);
  });

  it('adds the boost to the score, and stops at the limit', () => {
    const ranked = fuzzyRank(names, 'web', (s) => s, { boostOf: (s) => (s === 'w_e_b' ? 100 : 0), limit: 2 });
    expect(ranked.map((r) => r.item)).toEqual(['w_e_b', 'web']);
  });
});
