import { describe, expect, it } from 'vitest';
import { CliError, parseCommandLine } from './cli-args';

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
      serve('--port', '0', '--host', '::1', '--token', 'T', '--engine', 'unix:///tmp/x.sock', '--data-dir', '/d', '--open'),
    ).toMatchObject({ port: 0, host: '::1', token: 'T', engine: 'unix:///tmp/x.sock', dataDir: '/d', open: true });
    expect(serve('--port=8080', '--host=[::1]').host).toBe('::1');
  });

  it('explains bad values in one line', () => {
    expect(problem('serve', '--port', '70000')).toBe('--port must be a whole number from 0 to 65535');
    expect(problem('serve', '--port', 'abc')).toBe('--port must be a whole number from 0 to 65535');
    expect(problem('serve', '--host', 'evil.example')).toMatch(/^--host must be an IP address/);
    expect(problem('serve', '--token', 'a b')).toMatch(/^--token must be/);
    expect(problem('serve', '--engine', 'docker.sock')).toMatch(/^--engine: use unix:\/\//);
    expect(problem('serve', '--bogus')).toMatch(/bogus/);
    expect(problem('serve', '--port')).toMatch(/port/);
    expect(problem()).toBe('missing command; try: wharf serve');
    expect(problem('run')).toBe('unknown command "run"; try: wharf serve');
    for (const message of [problem('serve', '--bogus'), problem('serve', '--port')]) expect(message).not.toContain('\n');
  });

  it('asks for help', () => {
    expect(parseCommandLine(['--help'])).toEqual({ command: 'help' });
  });
});
