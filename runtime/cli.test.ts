// Runs `wharf serve` as a user does (from source, through tsx) and checks what
// it prints and that it serves even when the engine it was given is not there.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from './api/protocol';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const MISSING_ENGINE = 'unix:///tmp/wharf-cli-test-no-such-engine.sock';

type Cli = ChildProcessByStdio<null, Readable, Readable>;
const running: Cli[] = [];

async function startCli(...args: string[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'wharf-cli-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'serve', '--port', '0', '--engine', MISSING_ENGINE, '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOCKER_HOST: '' } },
  );
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    child.stdout.on('data', () => {
      if (stdout.includes('\n')) resolveLine(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.on('exit', (code) => reject(new Error(`wharf serve exited with ${code}: ${stderr}`)));
  });
  return {
    child,
    firstLine,
    dataDir,
    output: () => ({ stdout, stderr }),
    exit: () => new Promise<number | null>((done) => child.once('exit', (code) => done(code))),
  };
}

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The token the printed link carries in its fragment. */
function tokenOf(url: URL): string {
  return new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
}

/** GET `url` as a browser would (the fragment stays with the client); resolves with the response headers. */
function get(url: URL): Promise<Record<string, unknown>> {
  return new Promise((done, reject) => {
    request(url, (res) => {
      res.resume();
      done(res.headers);
    })
      .on('error', reject)
      .end();
  });
}

/** Signs in over the WebSocket and sends each request in turn; resolves with their replies, in order. */
async function requests(url: URL, calls: Array<[string, unknown]>): Promise<ServerMessage[]> {
  const ws = new WebSocket(`ws://${url.host}/api`, { origin: url.origin });
  await new Promise((done, reject) => ws.once('open', done).once('error', reject));
  const replies: ServerMessage[] = [];
  const all = new Promise<void>((done) =>
    ws.on('message', (d) => {
      const message = JSON.parse(String(d)) as ServerMessage;
      if (message.t === 'res') replies.push(message);
      if (replies.length === calls.length) done();
    }),
  );
  ws.send(JSON.stringify({ t: 'auth', token: tokenOf(url) }));
  calls.forEach(([method, input], i) => ws.send(JSON.stringify({ t: 'req', id: i + 1, method, input })));
  await all;
  ws.close();
  return replies.sort((a, b) => ((a as { id: number }).id ?? 0) - ((b as { id: number }).id ?? 0));
}

// Loading the runtime from source through tsx takes seconds on a busy machine.
describe('wharf serve', { timeout: 60_000 }, () => {
  it('prints one line with the address and token, serves, and stops cleanly on SIGTERM', async () => {
    const cli = await startCli('--token', 'T0ken_abc-0123456789');
    // In the fragment, which a browser never sends to a server.
    expect(cli.firstLine).toMatch(/^Wharf is serving at http:\/\/127\.0\.0\.1:\d+\/#token=T0ken_abc-0123456789$/);
    const url = new URL(cli.firstLine.replace('Wharf is serving at ', ''));
    expect((await get(url))['set-cookie']).toBeUndefined();

    // The engine is missing, yet the contract is served (after the token) and reports it.
    const ws = new WebSocket(`ws://${url.host}/api`, { origin: url.origin });
    await new Promise((done, reject) => ws.once('open', done).once('error', reject));
    const replies: ServerMessage[] = [];
    const two = new Promise<void>((done) =>
      ws.on('message', (d) => {
        replies.push(JSON.parse(String(d)) as ServerMessage);
        if (replies.length === 2) done();
      }),
    );
    ws.send(JSON.stringify({ t: 'auth', token: tokenOf(url) }));
    ws.send(JSON.stringify({ t: 'req', id: 1, method: 'engine.state', input: {} }));
    await two;
    expect(replies[0]).toEqual({ t: 'ready' });
    const state = replies[1];
    expect(state).toMatchObject({ t: 'res', id: 1, ok: true });
    expect((state as { data: { phase: string } }).data.phase).not.toBe('connected');
    ws.close();

    const exited = cli.exit();
    cli.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(cli.output().stdout).toBe(`${cli.firstLine}\n`);
    await rm(cli.dataDir, { recursive: true, force: true });
  });

  it('makes a random 32-byte token when none is given', async () => {
    const cli = await startCli();
    const token = tokenOf(new URL(cli.firstLine.replace('Wharf is serving at ', '')));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    cli.child.kill('SIGTERM');
    await rm(cli.dataDir, { recursive: true, force: true });
  });

  it('warns on stderr when reachable from other machines, and shows a loopback address', async () => {
    const cli = await startCli('--host', '0.0.0.0', '--token', 'T0ken_abc-0123456789');
    expect(cli.firstLine).toMatch(/^Wharf is serving at http:\/\/127\.0\.0\.1:\d+\/#token=T0ken_abc-0123456789$/);
    const exited = cli.exit();
    cli.child.kill('SIGINT');
    expect(await exited).toBe(0);
    const { stdout, stderr } = cli.output();
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /Wharf is reachable from other machines at .*; anyone with the token controls your containers\./,
    );
    expect(stderr).toMatch(/The traffic is plain HTTP and WebSocket, not encrypted/);
    await rm(cli.dataDir, { recursive: true, force: true });
  });

  it('offers the terminal on this machine on loopback only: with --host 0.0.0.0 it refuses to open one', async () => {
    const local = await startCli();
    const remote = await startCli('--host', '0.0.0.0');
    const ask = async (cli: typeof local) => {
      const url = new URL(cli.firstLine.replace('Wharf is serving at ', ''));
      return requests(url, [
        ['shell.available', {}],
        ['shell.open', { cols: 80, rows: 24 }],
      ]);
    };
    const [localAvailable, localOpen] = await ask(local);
    expect(localAvailable).toMatchObject({ ok: true, data: { available: true } });
    expect(localOpen).toMatchObject({ ok: true, data: { hostname: expect.any(String) } });
    const [remoteAvailable, remoteOpen] = await ask(remote);
    expect(remoteAvailable).toMatchObject({ ok: true, data: { available: false, reason: 'remote-browser' } });
    expect(remoteOpen).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'shell.remoteBrowser' } });
    for (const cli of [local, remote]) {
      const exited = cli.exit();
      cli.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await rm(cli.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad option with one line on stderr and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', 'seventy'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(2);
    expect(stderr).toBe('wharf: --port must be a whole number from 0 to 65535 (see wharf --help)\n');
  });
});
