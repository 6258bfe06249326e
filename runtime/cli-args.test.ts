import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, parseCommandLine, USAGE } from './cli-args';

const TOKEN = 'sixteen-chars-ok';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wharf-cli-args-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function tokenFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const serve = (...args: string[]) => {
  const parsed = parseCommandLine(['serve', ...args], { WHARF_DATA_DIR: '/tmp/wharf-data' });
  if (parsed.command !== 'serve') throw new Error('expected serve');
  return parsed.config;
};

const problem = (...args: string[]) => {
  try {
    parseCommandLine(args, {});
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('wharf command line', () => {
  it('defaults to loopback, port 7420 and a fresh 32-byte token', () => {
    const a = serve();
    expect(a).toMatchObject({ host: '127.0.0.1', port: 7420, dataDir: '/tmp/wharf-data', open: false });
    expect(a.engine).toBeUndefined();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(serve().token).not.toBe(a.token);
  });

  it('takes every option', () => {
    expect(
      serve(
        '--port',
        '0',
        '--host',
        '::1',
        '--token',
        TOKEN,
        '--engine',
        'unix:///tmp/x.sock',
        '--data-dir',
        '/d',
        '--open',
      ),
    ).toMatchObject({ port: 0, host: '::1', token: TOKEN, engine: 'unix:///tmp/x.sock', dataDir: '/d', open: true });
    expect(serve('--port=8080', '--host=[::1]').host).toBe('::1');
  });

  it('explains bad values in one line', () => {
    expect(problem('serve', '--port', '70000')).toBe('--port must be a whole number from 0 to 65535');
    expect(problem('serve', '--port', 'abc')).toBe('--port must be a whole number from 0 to 65535');
    expect(problem('serve', '--host', 'evil.example')).toMatch(/^--host must be an IP address/);
    expect(problem('serve', '--token', 'a b c d e f g h i')).toBe('--token may hold only letters, digits and . _ ~ -');
    expect(problem('serve', '--engine', 'docker.sock')).toMatch(/^--engine: use unix:\/\//);
    expect(problem('serve', '--bogus')).toMatch(/bogus/);
    expect(problem('serve', '--port')).toMatch(/port/);
    expect(problem()).toBe('missing command; try: wharf serve');
    expect(problem('run')).toBe('unknown command "run"; try: wharf serve');
    for (const message of [problem('serve', '--bogus'), problem('serve', '--port')])
      expect(message).not.toContain('\n');
  });

  it('refuses a token shorter than 16 characters, saying so', () => {
    expect(problem('serve', '--token', 'T')).toBe(
      '--token is too short: use at least 16 characters (leave it out for a random one)',
    );
    expect(problem('serve', '--token', 'fifteen-chars-x')).toMatch(/^--token is too short/);
    expect(problem('serve', '--token', 'x'.repeat(513))).toMatch(/^--token is too long/);
    expect(serve('--token', 'sixteen-chars-ok').token).toBe('sixteen-chars-ok');
  });

  it('reads the token from --token-file, without surrounding whitespace, checked like --token', async () => {
    expect(serve('--token-file', await tokenFile('ok', `  ${TOKEN}\n`)).token).toBe(TOKEN);
    expect(problem('serve', '--token-file', await tokenFile('short', 'short\n'))).toMatch(
      /^--token-file: the token in .*short is too short: use at least 16 characters/,
    );
    expect(problem('serve', '--token-file', await tokenFile('inner', 'two words here, long enough'))).toMatch(
      /^--token-file: the token in .*inner may hold only letters, digits and \. _ ~ -$/,
    );
    expect(problem('serve', '--token-file', await tokenFile('empty', '\n'))).toMatch(/too short/);
    expect(problem('serve', '--token-file', join(dir, 'missing'))).toBe(
      `--token-file: cannot read ${join(dir, 'missing')}: it does not exist`,
    );
    expect(problem('serve', '--token-file', dir)).toBe(`--token-file: cannot read ${dir}: it is a folder`);
    if (process.getuid?.() !== 0) {
      const locked = await tokenFile('locked', TOKEN);
      await chmod(locked, 0o000);
      expect(problem('serve', '--token-file', locked)).toBe(`--token-file: cannot read ${locked}: permission denied`);
    }
    expect(problem('serve', '--token-file', '')).toBe('--token-file must not be empty');
  });

  it('takes --token or --token-file, not both', async () => {
    expect(problem('serve', '--token', TOKEN, '--token-file', await tokenFile('both', TOKEN))).toBe(
      'use --token or --token-file, not both',
    );
  });

  it('tells in its usage what the token needs and that --host is not encrypted', () => {
    expect(USAGE).toContain('--token-file F');
    expect(USAGE).toContain('at least 16');
    expect(USAGE).toMatch(/plain HTTP: not encrypted/);
  });

  it('asks for help', () => {
    expect(parseCommandLine(['--help'])).toEqual({ command: 'help' });
  });
});
