// Typing comes first: for a moment after a key is pressed (or text pasted)
// anywhere on the page, output goes to xterm in short pieces, and terminals
// out of view hold theirs, so the echo of what is typed is drawn at once.
import { PIECE_MS } from './output-pump';

/** After a key is pressed anywhere on the page, for this long output goes to xterm in short pieces and terminals out of view hold theirs. */
const INPUT_PRIORITY_MS = 1000;
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
  const typing = performance.now() - lastInputAt < INPUT_PRIORITY_MS;
  if (!shown || document.visibilityState !== 'visible') return typing ? PIECE_MS.hold : PIECE_MS.interactive;
  return typing ? PIECE_MS.interactive : PIECE_MS.bulk;
}
