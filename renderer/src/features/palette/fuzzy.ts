// A small fuzzy matcher for the command palette: every word of the query must
// appear in the text as a subsequence (letters in order, gaps allowed), and a
// match scores higher when its letters run together, start words, or start
// the text. Case does not matter. Pure.

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text, ascending (for highlighting). */
  positions: number[];
}

const START = 8;
const WORD_START = 6;
const CONSECUTIVE = 7;
const CHAR = 1;
const GAP = 0.1;
const SEPARATORS = new Set([' ', '-', '_', '/', '.', ':', '@', '(', '[']);

function bonusAt(text: string, j: number): number {
  if (j === 0) return START;
  const before = text[j - 1]!;
  if (SEPARATORS.has(before)) return WORD_START;
  const here = text[j]!;
  // camelCase: a capital after a small letter starts a word too.
  if (here !== here.toLowerCase() && before === before.toLowerCase() && before !== before.toUpperCase())
    return WORD_START / 2;
  return 0;
}

/** The best placement of one query word in the text, or null when its letters are not all there in order. */
function matchWord(word: string, text: string, lower: string): FuzzyMatch | null {
  const m = word.length;
  const n = text.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n) return null;
  // best[i][j]: the best score with word[i] matched at text[j] (-Infinity when impossible); from[i][j]: where word[i-1] sat.
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n).fill(-Infinity);
    const back = new Int32Array(n).fill(-1);
    const c = word[i]!;
    // The best earlier placement of word[i-1] at k < j-1, carried as score + GAP * (k + 1) so a gap costs GAP per letter.
    let carry = -Infinity;
    let carryAt = -1;
    for (let j = i; j < n; j++) {
      if (i > 0 && j >= 2) {
        const k = j - 2;
        const prev = best[i - 1]![k]!;
        if (prev + GAP * (k + 1) > carry) {
          carry = prev + GAP * (k + 1);
          carryAt = k;
        }
      }
      if (lower[j] !== c) continue;
      const here = CHAR + bonusAt(text, j);
      if (i === 0) {
        row[j] = here;
        continue;
      }
      const joined = best[i - 1]![j - 1]! + CONSECUTIVE;
      const gapped = carry - GAP * j;
      if (joined === -Infinity && gapped === -Infinity) continue;
      if (joined >= gapped) {
        row[j] = here + joined;
        back[j] = j - 1;
      } else {
        row[j] = here + gapped;
        back[j] = carryAt;
      }
    }
    best.push(row);
    from.push(back);
  }
  let end = -1;
  let score = -Infinity;
  const last = best[m - 1]!;
  for (let j = 0; j < n; j++) {
    if (last[j]! > score) {
      score = last[j]!;
      end = j;
    }
  }
  if (end < 0) return null;
  const positions: number[] = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    positions[i] = j;
    j = from[i]![j]!;
  }
  return { score, positions };
}

/** How well `query` matches `text`: null when some word of the query is not in it. An empty query matches with score 0. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const lower = text.toLowerCase();
  let score = 0;
  const positions = new Set<number>();
  for (const word of words) {
    const match = matchWord(word, text, lower);
    if (!match) return null;
    score += match.score;
    for (const p of match.positions) positions.add(p);
  }
  return { score, positions: [...positions].sort((a, b) => a - b) };
}

export interface Ranked<T> {
  item: T;
  match: FuzzyMatch;
}

/**
 * The items that match, best first (ties keep the items' order). `textOf`
 * gives the text searched; `boostOf` adds to an item's score (the object the
 * user has selected comes first).
 */
export function fuzzyRank<T>(
  items: readonly T[],
  query: string,
  textOf: (item: T) => string,
  options: { limit?: number; boostOf?: (item: T) => number } = {},
): Ranked<T>[] {
  const ranked: (Ranked<T> & { index: number; total: number })[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, textOf(item));
    if (match) ranked.push({ item, match, index, total: match.score + (options.boostOf?.(item) ?? 0) });
  });
  ranked.sort((a, b) => b.total - a.total || a.index - b.index);
  const kept = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
  return kept.map(({ item, match }) => ({ item, match }));
}
