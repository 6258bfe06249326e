// Typing comes first: for a moment after a key is pressed (or text pasted)
// anywhere on the page, output goes to xterm in short pieces (250 ms), and
// terminals out of view hold theirs (a second), so the echo of what is typed
// is drawn at once.
import { PIECE_MS } from './output-pump';

/** After a key is pressed anywhere on the page, for this long terminals out of view hold their output. */
const INPUT_PRIORITY_MS = 1000;
/**
 * After a key is pressed, for this long a terminal on screen gets its output in short pieces, so the key's
 * echo (a few ms to tens of ms away) never waits behind a long one. Not longer: a command started with Enter
 * would print its first second in short pieces, each a frame, at half the speed (docs/benchmarks.md).
 */
export const SHORT_PIECES_MS = 250;
let lastInputAt = Number.NEGATIVE_INFINITY;
let listeningForInput = false;

/** Notes every key pressed and every paste on the page, before anyone handles it. */
export function listenForInput(): void {
  if (listeningForInput) return;
  listeningForInput = true;
  const note = () => {
    lastInputAt = performance.now();
  };
  document.addEventListener('keydown', note, { capture: true });
  document.addEventListener('paste', note, { capture: true });
}

/** How long the output pump may write to one terminal at a time; `shown`: its screen is in the page. */
export function outputBudgetMs(shown: boolean): number {
  const sinceInput = performance.now() - lastInputAt;
  if (!shown || document.visibilityState !== 'visible')
    return sinceInput < INPUT_PRIORITY_MS ? PIECE_MS.hold : PIECE_MS.interactive;
  return sinceInput < SHORT_PIECES_MS ? PIECE_MS.interactive : PIECE_MS.bulk;
}
