import { describe, expect, it } from 'vitest';
import { ShellSyntaxError, shellJoin, shellQuote, splitShellWords } from './shell-words';

const words = (line: string) => splitShellWords(line).words;

describe('splitShellWords', () => {
  it('reads quotes and backslashes as a POSIX shell does', () => {
    expect(words(`sh -c "echo \\"a b\\"" 'x y' z\\ w`)).toEqual(['sh', '-c', 'echo "a b"', 'x y', 'z w']);
    expect(words(`"a\\b" 'a\\b' a\\b`)).toEqual(['a\\b', 'a\\b', 'ab']);
    expect(words(`"\\$HOME \\\` \\\\"`)).toEqual(['$HOME ` \\']);
    expect(words(`a""b ''`)).toEqual(['ab', '']);
  });

  it('joins a backslash-newline to the next line, outside quotes and inside double quotes', () => {
    expect(words('docker run \\\n  -d nginx')).toEqual(['docker', 'run', '-d', 'nginx']);
    expect(words('echo ab\\\ncd')).toEqual(['echo', 'abcd']);
    expect(words('echo "ab\\\ncd"')).toEqual(['echo', 'abcd']);
    // Pasted from Windows: CRLF line ends.
    expect(words('docker run \\\r\n  -d nginx')).toEqual(['docker', 'run', '-d', 'nginx']);
    expect(words('echo "ab\\\r\ncd"')).toEqual(['echo', 'abcd']);
    // Inside single quotes a backslash is a backslash.
    expect(words("echo 'ab\\\ncd'")).toEqual(['echo', 'ab\\\ncd']);
  });

  it('ends at a comment, which starts only a word', () => {
    expect(words('echo hi # a note')).toEqual(['echo', 'hi']);
    expect(words('echo a#b "#c"')).toEqual(['echo', 'a#b', '#c']);
  });

  it('reads only the first command and says what it left out', () => {
    const split = splitShellWords('echo a; rm -rf x');
    expect(split.words).toEqual(['echo', 'a']);
    expect(split.rest).toBe('; rm -rf x');
    expect(split.warnings).toEqual(['Only the first command is read: "; rm -rf x" is left out']);
    expect(splitShellWords('cat x>y').rest).toBe('>y');
    expect(splitShellWords(`echo 'a;b' "c|d" e\\&f`)).toEqual({ words: ['echo', 'a;b', 'c|d', 'e&f'], warnings: [] });
  });

  it('keeps expansions as written and names them', () => {
    const split = splitShellWords('echo $HOME "${USER}" $(id) `id` \'$X\'');
    expect(split.words).toEqual(['echo', '$HOME', '${USER}', '$(id)', '`id`', '$X']);
    expect(split.warnings).toEqual([
      '$HOME is kept as written: a shell would replace it',
      '${USER} is kept as written: a shell would replace it',
      '$( is kept as written: a shell would replace it',
      '` is kept as written: a shell would replace it',
    ]);
  });

  it('names the quote that is not closed', () => {
    expect(() => splitShellWords(`echo 'open`)).toThrow(new ShellSyntaxError('single'));
    expect(() => splitShellWords(`echo "open`)).toThrow('A double quote is not closed.');
    try {
      splitShellWords('echo "open');
    } catch (error) {
      expect(error).toBeInstanceOf(ShellSyntaxError);
      expect((error as ShellSyntaxError).quote).toBe('double');
    }
  });
});

describe('shellQuote', () => {
  it('leaves safe words alone', () => {
    expect(shellQuote('web')).toBe('web');
    expect(shellQuote('my_app.1-db')).toBe('my_app.1-db');
    expect(shellQuote('127.0.0.1:8080:80/tcp')).toBe('127.0.0.1:8080:80/tcp');
  });

  it('quotes what a shell would interpret, and round-trips through word splitting', () => {
    const tricky = [
      '',
      'a b',
      "it's",
      '$HOME',
      'a;rm -rf /',
      '`x`',
      '"q"',
      'back\\slash',
      '*',
      '~',
      '#x',
      'new\nline',
      "''",
      'a\\\nb',
    ];
    for (const arg of tricky) {
      expect(words(`docker ${shellQuote(arg)}`)).toEqual(['docker', arg]);
      // Safe characters, or single-quoted pieces and escaped single quotes: nothing a shell expands.
      expect(shellQuote(arg)).toMatch(/^(?:[A-Za-z0-9_@%+=:,./-]+|(?:'[^']*'|\\')+)$/);
    }
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });

  it('joins words into one line that splits back into the same words', () => {
    const argv = ['docker', 'run', '-e', 'A=b c', '--name', 'web', 'img', 'sh', '-c', 'echo "$X"'];
    expect(words(shellJoin(argv))).toEqual(argv);
    const command = ['sh', '-c', `it's "quoted" $HOME`, ''];
    expect(words(shellJoin(command))).toEqual(command);
  });
});
