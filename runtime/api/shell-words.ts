// Shell words, both ways, as a POSIX shell reads them (a `docker run` line is
// typed in one): split a line into words (quotes, backslashes, line
// continuations, a comment, the end of the first command), and quote words so
// that the line splits back into the same words. Nothing is expanded: a `$VAR`
// is kept as written and named in the warnings, since Wharf is not the user's
// shell. The runtime reads pasted `docker run` lines with it and writes every
// command it shows; the run form reads its command field with it as the user
// types. Pure: no Node, no DOM.

export interface ShellWords {
  words: string[];
  /** In English, for the runtime's answers: what a shell would do otherwise. */
  warnings: string[];
  /** What follows the first command (from the `;`, `|`, `&`, `<` or `>` on), left out. */
  rest?: string;
}

export class ShellSyntaxError extends Error {
  constructor(readonly quote: 'single' | 'double') {
    super(quote === 'single' ? 'A single quote is not closed.' : 'A double quote is not closed.');
    this.name = 'ShellSyntaxError';
  }
}

/** A backslash then a newline (or CRLF, as pasted from Windows) at `at`: its length, else 0. */
function continuation(line: string, at: number): number {
  if (line[at] !== '\\') return 0;
  if (line[at + 1] === '\n') return 2;
  if (line[at + 1] === '\r' && line[at + 2] === '\n') return 3;
  return 0;
}

/** The words of `line`; throws ShellSyntaxError on an unclosed quote. */
export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  const warnings: string[] = [];
  let rest: string | undefined;
  let word = '';
  let inWord = false;
  const expansion = (at: number) => {
    const m = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|\(|.)/.exec(line.slice(at));
    const what = line[at] === '`' ? '`' : (m?.[0] ?? '$');
    const warning = `${what} is kept as written: a shell would replace it`;
    if (!warnings.includes(warning)) warnings.push(warning);
  };
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError('single');
      word += line.slice(i + 1, close);
      i = close;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        const skip = continuation(line, j);
        if (skip > 0) {
          j += skip - 1;
          continue;
        }
        // Inside double quotes a backslash escapes only these; before anything else it stays.
        if (c === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) {
          word += line[++j];
          continue;
        }
        if (c === '$' || c === '`') expansion(j);
        word += c;
      }
      if (j >= line.length) throw new ShellSyntaxError('double');
      i = j;
      inWord = true;
    } else if (ch === '\\') {
      const skip = continuation(line, i);
      if (skip > 0) {
        i += skip - 1;
        continue;
      }
      word += line[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      end();
    } else if (ch === '#' && !inWord) {
      break;
    } else if (/[|&;<>]/.test(ch)) {
      end();
      rest = line.slice(i).trim();
      warnings.push(`Only the first command is read: "${rest}" is left out`);
      break;
    } else {
      if (ch === '$' || ch === '`') expansion(i);
      word += ch;
      inWord = true;
    }
  }
  end();
  return rest === undefined ? { words, warnings } : { words, warnings, rest };
}

// Characters a POSIX shell never treats specially inside a word.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell; leaves safe words as they are. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word)) return word;
  // Inside single quotes nothing is special except the closing quote itself.
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One line that splitShellWords (and a shell) reads back as the same words. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
