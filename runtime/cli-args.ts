// `wharf serve` options: parsed with node:util, validated with zod, every
// problem reported as one line a person can act on.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EngineEndpoint } from './api/contract';
import { MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH, TOKEN_CHARS } from './api/socket-auth';
import { defaultDataDir } from './paths';

export const DEFAULT_PORT = 7420;

export const USAGE = `Usage: wharf serve [--port N] [--host H] [--token T | --token-file F] [--engine URL] [--data-dir D] [--open] [--verbose]

Serves Wharf to your browser.
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1; 0.0.0.0 makes Wharf reachable from other
                    machines, over plain HTTP: not encrypted)
  --token T         the access token, at least ${MIN_TOKEN_LENGTH} letters, digits or . _ ~ -
                    (default: a new random one each run)
  --token-file F    read the access token from file F (surrounding whitespace is ignored)
  --engine URL      use this engine for this run, e.g. unix:///var/run/docker.sock
  --data-dir D      Wharf's data folder (default: $WHARF_DATA_DIR or the OS's app-data folder)
  --open            open the address in your browser
  --verbose         print the runtime's log to stderr`;

/** The same rule for --token and the content of --token-file; `what` names where the token came from. */
function tokenSchema(what: string) {
  return z
    .string()
    .min(
      MIN_TOKEN_LENGTH,
      `${what} is too short: use at least ${MIN_TOKEN_LENGTH} characters (leave it out for a random one)`,
    )
    .max(MAX_TOKEN_LENGTH, `${what} is too long: use at most ${MAX_TOKEN_LENGTH} characters`)
    .regex(TOKEN_CHARS, `${what} may hold only letters, digits and . _ ~ -`);
}

const ServeOptions = z.object({
  port: z
    .string()
    .regex(/^\d{1,5}$/, '--port must be a whole number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, '--port must be a whole number from 0 to 65535')
    .optional(),
  host: z
    .string()
    .refine(
      (h) => h === 'localhost' || isIP(h.replace(/^\[|\]$/g, '')) !== 0,
      '--host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0',
    )
    .transform((h) => h.replace(/^\[|\]$/g, ''))
    .default('127.0.0.1'),
  token: tokenSchema('--token').optional(),
  'token-file': z.string().min(1, '--token-file must not be empty').optional(),
  engine: EngineEndpoint.optional(),
  'data-dir': z.string().min(1, '--data-dir must not be empty').optional(),
  open: z.boolean().default(false),
  verbose: z.boolean().default(false),
});

export interface ServeConfig {
  port: number;
  host: string;
  token: string;
  engine?: string;
  dataDir: string;
  open: boolean;
  verbose: boolean;
}

export type ParsedCommand = { command: 'help' } | { command: 'serve'; config: ServeConfig };

export class CliError extends Error {}

/** Throws CliError with one line to show when the arguments are wrong. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedCommand {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(argv);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (positionals[0] !== 'serve') {
    throw new CliError(
      positionals[0] ? `unknown command "${positionals[0]}"; try: wharf serve` : 'missing command; try: wharf serve',
    );
  }
  if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);

  const { help: _help, ...options } = values;
  const result = ServeOptions.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    const message = issue?.message ?? 'invalid arguments';
    throw new CliError(message.startsWith('--') ? message : `--${String(issue?.path[0])}: ${message}`);
  }
  const o = result.data;
  if (o.token !== undefined && o['token-file'] !== undefined)
    throw new CliError('use --token or --token-file, not both');
  const token = o['token-file'] !== undefined ? readTokenFile(o['token-file']) : o.token;
  return {
    command: 'serve',
    config: {
      port: o.port ?? DEFAULT_PORT,
      host: o.host,
      token: token ?? randomBytes(32).toString('base64url'),
      ...(o.engine !== undefined ? { engine: o.engine } : {}),
      dataDir: resolve(o['data-dir'] ?? defaultDataDir(env)),
      open: o.open,
      verbose: o.verbose,
    },
  };
}

/** The token in `file`, without surrounding whitespace (an editor's final newline), checked like --token. */
function readTokenFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : String(code ?? error);
    throw new CliError(`--token-file: cannot read ${file}: ${why}`);
  }
  const result = tokenSchema(`the token in ${file}`).safeParse(text.trim());
  if (!result.success) throw new CliError(`--token-file: ${result.error.issues[0]?.message ?? 'not a token'}`);
  return result.data;
}

function parseServeArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      engine: { type: 'string' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
