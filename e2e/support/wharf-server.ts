// Starts Wharf's browser mode the way a user does (`wharf serve`), from the
// built CLI in dist/, and stops it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { testDir } from './env';

// WHARF_E2E_CLI: a copy of the build elsewhere, so a rebuild of dist/ during a
// development run does not pull the files out from under the tests.
const CLI = resolve(process.env.WHARF_E2E_CLI ?? 'dist/runtime/cli.js');
const READY = /Wharf is serving at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;

export interface WharfServer {
  /** The link `wharf serve` printed: http://127.0.0.1:<port>/#token=<token>. */
  readonly url: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  /** A link to a page of the app that signs in too: linkTo('/containers') → <origin>/#/containers?token=<token>. */
  linkTo(route: string): string;
  /** What the server wrote to stdout and stderr, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Engine endpoint passed with --engine; without it Wharf discovers one. */
  engine?: string;
  /** Environment of the server process (discovery reads HOME, DOCKER_HOST, XDG_RUNTIME_DIR). */
  env?: NodeJS.ProcessEnv;
  /** Defaults to a fresh folder under WHARF_TEST_DIR. */
  dataDir?: string;
  token?: string;
}

export async function startWharf(options: StartOptions): Promise<WharfServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs --quiet\` first.`);
  const token = options.token ?? randomBytes(16).toString('hex');
  const dataDir = options.dataDir ?? (await mkdtemp(join(await serversDir(), 'data-')));
  await mkdir(dataDir, { recursive: true });

  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--port',
      '0',
      '--token',
      token,
      ...(options.engine !== undefined ? ['--engine', options.engine] : []),
      '--data-dir',
      dataDir,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The docker CLI's and Podman's logins of this machine are not the test's: point Wharf at empty ones.
      env: options.env ?? {
        ...process.env,
        DOCKER_CONFIG: join(dataDir, 'docker-cli'),
        REGISTRY_AUTH_FILE: join(dataDir, 'podman-auth.json'),
      },
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(`printed no address within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`wharf serve ${why}.\n${output}`));
    }
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = READY.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before serving`));
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
  child.removeAllListeners('exit');

  const parsed = new URL(url);
  if (parsed.hash !== `#token=${token}`)
    throw new Error(`The printed link does not carry the token in its fragment: ${url}`);
  return {
    url,
    origin: parsed.origin,
    linkTo: (route) => `${parsed.origin}/#${route}?token=${token}`,
    port: Number(parsed.port),
    token,
    dataDir,
    output: () => output,
    stop: () => stopChild(child),
  };
}

/**
 * Loads Wharf afresh in `page`, signed in by the token in the link: the printed
 * link, or with `route` the link to that page (linkTo). From Wharf's own address
 * a link that differs only in its fragment would not load the page again (the
 * browser only scrolls), so the tab leaves it first.
 */
export async function openWharf(page: Page, server: WharfServer, route?: string) {
  if (new URL(page.url()).origin === server.origin) await page.goto('about:blank');
  return page.goto(route === undefined ? server.url : server.linkTo(route));
}

async function serversDir(): Promise<string> {
  const dir = join(testDir(), 'servers');
  await mkdir(dir, { recursive: true });
  return dir;
}

/** SIGTERM, then SIGKILL if the process has not exited after a few seconds. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
