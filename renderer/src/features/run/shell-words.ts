// The run form's command field in shell syntax (`sh -c 'echo hi'`): split into
// words as a POSIX shell would (quotes, backslashes; nothing is expanded), and
// joined back with the quoting `docker run` lines use.
//
// The runtime has the same rules (runtime/commands: splitShellWords reads a
// pasted `docker run` line, shellQuote writes one), and it writes the whole
// command the page shows (run.describe). This copy stays because the form
// checks the field on every keystroke, before any request, and shows an
// unclosed quote under the field; the renderer may only import types from
// runtime/, so it cannot call those functions. Keep the two in step:
// quoting here must read back the same in runtime/commands/shell-words.ts.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteWord(word: string): string {
  if (word === '') return "''";
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}

/** The words of `line`, or an error naming the unclosed quote. */
export function splitWords(line: string): { words: string[] } | { error: 'single' | 'double' } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) return { error: 'single' };
      word += line.slice(i + 1, close);
      i = close;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) j++;
        word += line[j];
      }
      if (j >= line.length) return { error: 'double' };
      i = j;
      inWord = true;
    } else if (ch === '\\') {
      word += line[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words };
}
