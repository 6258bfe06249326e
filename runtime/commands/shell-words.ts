// POSIX shell word splitting for a pasted command line: quotes, backslashes,
// line continuations. Nothing is expanded: a `$VAR` is kept as written and
// named in the warnings, since Wharf is not the user's shell. Pure.

export interface ShellWords {
  words: string[];
  warnings: string[];
}

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  const warnings: string[] = [];
  let word = '';
  let inWord = false;
  const expansion = (at: number) => {
    const m = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|\(|.)/.exec(line.slice(at));
    const what = m?.[0] ?? '$';
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
      if (close < 0) throw new ShellSyntaxError('A single quote is not closed.');
      word += line.slice(i + 1, close);
      i = close;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === '\\' && line[j + 1] === '\n') {
          j++;
          continue;
        }
        if (c === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) {
          word += line[++j];
          continue;
        }
        if (c === '$' || c === '`') expansion(j);
        word += c;
      }
      if (j >= line.length) throw new ShellSyntaxError('A double quote is not closed.');
      i = j;
      inWord = true;
    } else if (ch === '\\') {
      const next = line[i + 1];
      i++;
      if (next === '\n' || (next === '\r' && line[i + 1] === '\n')) {
        if (next === '\r') i++;
        continue;
      }
      word += next ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      end();
    } else if (ch === '#' && !inWord) {
      break;
    } else if (/[|&;<>]/.test(ch)) {
      end();
      warnings.push(`Only the first command is read: "${line.slice(i).trim()}" is left out`);
      break;
    } else {
      if (ch === '$' || ch === '`') expansion(i);
      word += ch;
      inWord = true;
    }
  }
  end();
  return { words, warnings };
}

export class ShellSyntaxError extends Error {}
