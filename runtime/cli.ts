// `wharf serve`: browser mode. Starts the runtime, serves the renderer and the
// contract on a local port and prints the one line a person needs: the
// address with its token. The token is in the fragment (#token=…), which the
// browser keeps to itself: the page reads it and hands it over the WebSocket.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseCommandLine, USAGE, type ServeConfig } from './cli-args';
import { findRendererDir } from './paths';
import { findOwnVersion } from './domains/app/version';
import { hostForUrl, isLoopbackHost, isWildcardHost } from './server/security';
import { startServer } from './server/server';

const fail = (message: string, code: number): never => {
  process.stderr.write(`wharf: ${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError) fail(`${error.message} (see wharf --help)`, 2);
    throw error;
  }
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  await serve(command.config);
}

/** With no page asked for, the runtime loads this long after the server listens. */
const RUNTIME_LOAD_AFTER_MS = 1000;

async function serve(config: ServeConfig): Promise<void> {
  const stderr = (line: string) => process.stderr.write(`wharf: ${line}\n`);
  await mkdir(config.dataDir, { recursive: true });
  // The runtime (and the packages it loads) is a chunk of its own, loaded while the server already
  // listens: the address is printed, and the browser loads the page, meanwhile; a signed-in
  // socket's requests wait for it. --help and a mistyped option answer at once. Loading it holds
  // the event loop, so it starts once the page's script is sent (the browser parses it meanwhile),
  // when a socket connects, or RUNTIME_LOAD_AFTER_MS after listening, whichever comes first.
  let begin!: () => void;
  const asked = new Promise<void>((resolve) => (begin = resolve));
  const fallback = setTimeout(begin, RUNTIME_LOAD_AFTER_MS);
  const chunk = asked.then(() => {
    clearTimeout(fallback);
    return import('./app');
  });
  const loading = chunk.then(({ createRuntime }) =>
    createRuntime({
      dataDir: config.dataDir,
      ...(config.engine !== undefined ? { engine: config.engine } : {}),
      log: config.verbose ? stderr : () => {},
      remoteClients: !isLoopbackHost(config.host),
      version: findOwnVersion(dirname(fileURLToPath(import.meta.url))) ?? '0.0.0',
    }),
  );
  // A failure to load is reported by the server to each socket, and below.
  loading.catch(() => {});

  const staticDir = findRendererDir(dirname(fileURLToPath(import.meta.url)));
  const server = await startServer({
    host: config.host,
    port: config.port,
    token: config.token,
    handlers: loading.then((runtime) => runtime.handlers),
    downloads: loading.then((runtime) => runtime.downloads),
    staticDir,
    log: stderr,
    onClient: begin,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      return fail(`port ${config.port} is in use; choose another with --port (--port 0 picks a free one)`, 1);
    }
    if (error.code === 'EADDRNOTAVAIL') return fail(`${config.host} is not an address of this machine`, 1);
    return fail(`cannot listen on ${config.host}:${config.port}: ${error.message}`, 1);
  });

  // Before the line is printed: whoever reads it may signal at once, and a
  // signal with no handler yet would end the process without cleaning up.
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void Promise.allSettled([server.close(), loading.then((runtime) => runtime.dispose())]).then((results) => {
      for (const r of results) if (r.status === 'rejected') stderr(`while stopping: ${String(r.reason)}`);
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const address = `${server.url}#token=${encodeURIComponent(config.token)}`;
  process.stdout.write(`Wharf is serving at ${address}\n`);
  if (!isLoopbackHost(config.host)) {
    const where = isWildcardHost(config.host)
      ? `every address of this machine, port ${server.port}`
      : `http://${hostForUrl(config.host)}:${server.port}/`;
    process.stderr.write(
      `Wharf is reachable from other machines at ${where}; anyone with the token controls your containers. ` +
        'The traffic is plain HTTP and WebSocket, not encrypted: anyone on the network path can read the token and everything Wharf shows.\n',
    );
  }
  if (config.open) openBrowser(address, stderr);

  const runtime = await loading.catch((error: unknown) =>
    fail(`could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1),
  );
  // The UI shows the engine's state as it changes, so serving does not wait for the engine.
  await runtime.start().catch((error: unknown) => stderr(`engine: ${String(error)}`));
}

function openBrowser(url: string, log: (line: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => log('could not open a browser; open the address above yourself'));
  child.unref();
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1));
