// Which element the coach points at. A step names a target (`data-learn="…"`);
// a list has one per row (every container's Stop button), so the row the
// step's command names wins: rows say what they hold in `data-learn-item`
// (space-separated names, e.g. a container's name or an image's tags). Pure.
import { splitShellWords } from '../../../../runtime/api/shell-words';

export interface TargetCandidate {
  /** The names of the row (or object) the element acts on, if any. */
  items: readonly string[];
  /** Drawn on screen (not display:none, not in a closed section). */
  visible: boolean;
}

/** Every word of the command's lines, and each `--flag=value`'s value. */
export function commandNames(command: string): Set<string> {
  const names = new Set<string>();
  for (const line of command.split('\n')) {
    let words: string[];
    try {
      words = splitShellWords(line).words;
    } catch {
      words = line.split(/\s+/);
    }
    for (const word of words) {
      if (word === '') continue;
      names.add(word);
      const eq = word.indexOf('=');
      if (word.startsWith('-') && eq > 0) names.add(word.slice(eq + 1));
    }
  }
  return names;
}

/** An image named without a tag means its `latest`, as docker reads it. */
function matches(item: string, names: ReadonlySet<string>): boolean {
  if (names.has(item)) return true;
  return item.endsWith(':latest') && names.has(item.slice(0, -':latest'.length));
}

/**
 * The index of the candidate to point at: the first visible one whose item
 * the command names, else the first visible one that is not in a row; -1
 * when there is none. Never another row's button: the one the command names
 * may be off screen (or filtered out), and pointing elsewhere would mislead.
 */
export function pickTarget(candidates: readonly TargetCandidate[], command: string): number {
  const names = commandNames(command);
  const named = candidates.findIndex((c) => c.visible && c.items.some((item) => matches(item, names)));
  if (named >= 0) return named;
  return candidates.findIndex((c) => c.visible && c.items.length === 0);
}

/** The names a `data-learn-item` attribute holds. */
export function itemsOf(attribute: string | null): string[] {
  return attribute ? attribute.split(/\s+/).filter((s) => s !== '') : [];
}
