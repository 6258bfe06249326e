// Terminals against the real engines (Docker and Podman): what a person
// typing into the shell would see, checked against what the engine says.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalExit, TerminalOutput } from './contract';
import { createTerminalService, type TerminalService } from './service';
import { FLOW_DEFAULTS } from './flow';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const engines = testEndpoints();
const NO_SHELL_IMAGE = 'wharf-test/noshell:latest';
const HIGH = FLOW_DEFAULTS.highWatermark;
const BATCH = FLOW_DEFAULTS.batchBytes;
/**
 * A shell without a line editor: reads lines from the terminal (canonical
 * mode, as the kernel's TTY does) and runs them. Busybox's own line editor
 * asks the terminal for the cursor position at each prompt and drops
 * keystrokes that race the answer; xterm answers in the e2e tests, here
 * nobody does. Ctrl-C interrupts the command, not the loop.
 */
const REPL = ['sh', '-c', 'trap : INT; while :; do IFS= read -r line && eval "$line"; done'];
/** A container whose main process exits with 3 on SIGTERM, so `docker stop` is quick and its code known. */
const TRAP_3 = ['sh', '-c', 'trap "exit 3" TERM; sleep 3600 & wait'];

/** A subscriber that records output, acknowledges it (unless told not to) and lets a test wait for text. */
function screen(service: TerminalService, id: string, options: { ack?: boolean } = {}) {
  let text = '';
  let received = 0;
  let acked = 0;
  let maxInFlight = 0;
  let exit: TerminalExit | undefined;
  let waiters: Array<() => void> = [];
  let acking = options.ack !== false;
  let onData: ((data: string) => void) | undefined;
  const decoder = new TextDecoder();
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const ack = (n: number) => {
    acked += n;
    void service.requests['terminal.ack']({ id, bytes: n });
  };
  const stop = service.subscriptions['terminal.output'](
    { id },
    {
      emit(event: TerminalOutput) {
        if (event.type === 'data') {
          received += event.data.length;
          maxInFlight = Math.max(maxInFlight, received - acked);
          // Bytes as the engine sent them; decoded here the way xterm does, across events.
          const chunk = decoder.decode(event.data, { stream: true });
          // Keep only the tail: 50 MB of output need not live in the test.
          text = (text + chunk).slice(-20_000);
          onData?.(chunk);
          if (acking) ack(event.data.length);
        } else exit = event;
        wake();
      },
      fail(error) {
        throw error;
      },
    },
  );
  async function until<T>(check: () => T | undefined | false, ms: number, what: string): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`${what} not seen within ${ms} ms; screen ends with ${JSON.stringify(text.slice(-300))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return {
    stop,
    get text() {
      return text;
    },
    get received() {
      return received;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get exit() {
      return exit;
    },
    onData(listener: (data: string) => void) {
      onData = listener;
    },
    /** Acknowledge everything received so far and keep acknowledging. */
    startAcking() {
      acking = true;
      ack(received - acked);
    },
    waitFor: (pattern: RegExp, ms = 10_000) => until(() => pattern.exec(text) ?? undefined, ms, String(pattern)),
    waitForExit: (ms = 15_000) => until(() => exit, ms, 'the exit event'),
    until,
  };
}

async function buildNoShellImage(endpoint: string): Promise<void> {
  // Busybox as /sleep only: it runs as `sleep`, and there is no sh or bash.
  const context = await mkdtemp(join(tmpdir(), 'wharf-noshell-'));
  try {
    await copyFile('/bin/busybox', join(context, 'sleep'));
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY sleep /sleep\nCMD ["/sleep", "3600"]\n');
    const tar = spawn('tar', ['-C', context, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = new URL(endpoint);
    const { default: Docker } = await import('dockerode');
    const docker = new Docker({ socketPath: url.pathname });
    const stream = await docker.buildImage(tar.stdout, { t: NO_SHELL_IMAGE, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, out: { error?: string }[]) => {
        const failed = error ?? out.find((o) => o.error);
        if (failed) reject(new Error(`building ${NO_SHELL_IMAGE}: ${JSON.stringify(failed)}`));
        else resolve();
      }),
    );
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

describe.skipIf(engines.length === 0).each(engines)('terminals on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let service: TerminalService;
  const paused: string[] = [];
  const containers: string[] = [];
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const image = kind === 'podman' ? `localhost/${TEST_IMAGE}` : TEST_IMAGE;

  const run = async (prefix: string, options: string[] = [], command = TRAP_3) => {
    const name = uniqueName(`wharf-term-${prefix}`);
    containers.push(name);
    await cli('run', '-d', '--name', name, ...options, image, ...command);
    return name;
  };

  const open = (
    container: string,
    extra: { mode?: 'exec' | 'attach'; command?: string[]; cols?: number; rows?: number } = {},
  ) =>
    service.requests['terminal.open']({
      container,
      mode: extra.mode ?? 'exec',
      cols: extra.cols ?? 80,
      rows: extra.rows ?? 24,
      ...(extra.mode === 'attach' ? {} : { command: extra.command ?? REPL }),
    });

  const type = (id: string, data: string) => service.requests['terminal.input']({ id, data });

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    service = createTerminalService(engine, { onFlow: (id, p) => p && paused.push(id) });
  });

  afterAll(async () => {
    service?.dispose();
    if (containers.length > 0) await cli('rm', '-f', '-v', ...containers).catch(() => {});
    await cli('rmi', NO_SHELL_IMAGE).catch(() => {});
    await engine?.dispose();
  });

  it('opens the shell the container has (sh here) and shows the command', async () => {
    const name = await run('auto');
    const session = await service.requests['terminal.open']({ container: name, mode: 'exec', cols: 80, rows: 24 });
    expect(session.command).toBe(`docker exec -it ${name} sh`);
    expect(session.shell).toBe('sh');
    const s = screen(service, session.id);
    await s.waitFor(/\/ # /);
    s.stop();
    await service.requests['terminal.close']({ id: session.id });
  });

  it('echo $((6*7)) prints 42; exit 5 ends the session with exit code 5', async () => {
    const name = await run('echo');
    const session = await open(name);
    const s = screen(service, session.id);
    await type(session.id, 'echo $((6*7))\r');
    await s.waitFor(/\r\n42\r\n/);
    await type(session.id, 'exit 5\r');
    expect(await s.waitForExit()).toEqual({ type: 'exit', reason: 'process-exited', exitCode: 5 });
    expect((await cli('inspect', '-f', '{{.State.Status}}', name)).trim()).toBe('running');
  });

  it('binary input (xterm onBinary) reaches the process as bytes, text input as UTF-8', async () => {
    const name = await run('binary');
    const session = await open(name);
    const s = screen(service, session.id);
    await type(session.id, 'head -c 2 | od -An -tx1\r');
    await service.requests['terminal.input']({ id: session.id, data: '\xe9', binary: true });
    await type(session.id, '\r');
    await s.waitFor(/ e9 0a\r\n/);
    await type(session.id, 'head -c 3 | od -An -tx1\r');
    await type(session.id, '\xe9\r');
    await s.waitFor(/ c3 a9 0a\r\n/);
    s.stop();
    await service.requests['terminal.close']({ id: session.id });
  });

  it('resize: stty size inside agrees with the size given', async () => {
    const name = await run('resize');
    const session = await open(name, { cols: 90, rows: 30 });
    const s = screen(service, session.id);
    await type(session.id, 'stty size\r');
    await s.waitFor(/\r\n30 90\r\n/);
    await service.requests['terminal.resize']({ id: session.id, cols: 101, rows: 37 });
    await type(session.id, 'stty size\r');
    await s.waitFor(/\r\n37 101\r\n/);
    s.stop();
    await service.requests['terminal.close']({ id: session.id });
  });

  it('50 MB of output arrive complete when acknowledged, with bounded bytes in flight', async () => {
    const name = await run('flood');
    const session = await open(name);
    const s = screen(service, session.id);
    let streak = 0;
    let longest = 0;
    s.onData((data) => {
      for (let i = 0; i < data.length; i++) {
        if (data.charCodeAt(i) === 120 /* x */) longest = Math.max(longest, ++streak);
        else streak = 0;
      }
    });
    await type(session.id, "head -c 50000000 /dev/zero | tr '\\0' x; echo; echo EN''D\r");
    await s.waitFor(/\r\nEND\r\n/, 60_000);
    expect(longest).toBe(50_000_000);
    // Sent and unacknowledged never exceeds the high watermark by more than one batch.
    expect(s.maxInFlight).toBeLessThanOrEqual(HIGH + BATCH);
    s.stop();
    await service.requests['terminal.close']({ id: session.id });
  }, 90_000);

  it('pauses the engine stream when output is not acknowledged; Ctrl-C still stops `yes`', async () => {
    const name = await run('pause');
    const session = await open(name);
    const s = screen(service, session.id, { ack: false });
    await type(session.id, 'yes\r');
    await s.until(() => paused.includes(session.id), 10_000, 'the stream pausing');
    const atPause = s.received;
    // Nothing to await here: the point is that nothing more arrives. A quarter
    // second is many batches at the rate `yes` prints.
    await new Promise((r) => setTimeout(r, 250));
    expect(s.received).toBe(atPause);
    expect(s.received).toBeLessThanOrEqual(HIGH + BATCH);
    s.startAcking();
    await type(session.id, '\x03');
    await type(session.id, 'echo $((6*7))\r');
    await s.waitFor(/\r\n42\r\n/, 10_000);
    s.stop();
    await service.requests['terminal.close']({ id: session.id });
  }, 30_000);

  it('says the container stopped, with its exit code', async () => {
    const name = await run('stop');
    const session = await open(name);
    const s = screen(service, session.id);
    await type(session.id, 'echo ready\r');
    await s.waitFor(/\r\nready\r\n/);
    await cli('stop', name);
    const exit = await s.waitForExit();
    // The code the engine holds (3 from the trap; Podman may report its own kill).
    const code = Number((await cli('inspect', '-f', '{{.State.ExitCode}}', name)).trim());
    if (kind === 'docker') expect(code).toBe(3);
    expect(exit).toEqual({ type: 'exit', reason: 'container-stopped', containerExitCode: code });
  });

  it('a container without a shell gives a plain error', async () => {
    await buildNoShellImage(endpoint);
    const name = uniqueName('wharf-term-noshell');
    containers.push(name);
    await cli('run', '-d', '--name', name, NO_SHELL_IMAGE);
    await expect(
      service.requests['terminal.open']({ container: name, mode: 'exec', cols: 80, rows: 24 }),
    ).rejects.toThrow('This container has no shell: neither bash nor sh is in it.');
  });

  it('a stopped container gives a plain error', async () => {
    const name = uniqueName('wharf-term-created');
    containers.push(name);
    await cli('create', '--name', name, image, ...TRAP_3);
    await expect(open(name)).rejects.toThrow(`${name} is not running.`);
  });

  it('attach reaches the main process; detaching leaves the container running', async () => {
    const name = await run('attach', ['-it'], REPL);
    const session = await open(name, { mode: 'attach' });
    expect(session.command).toBe(`docker attach ${name}`);
    const s = screen(service, session.id);
    await type(session.id, 'echo $((6*7))\r');
    await s.waitFor(/\r\n42\r\n/);
    await service.requests['terminal.close']({ id: session.id });
    expect(await s.waitForExit()).toEqual({ type: 'exit', reason: 'detached' });
    expect((await cli('inspect', '-f', '{{.State.Status}}', name)).trim()).toBe('running');

    // Ctrl-P Ctrl-Q typed by the user detaches too (Docker: Podman's compat
    // attach ignores detach keys; closing the session detaches there).
    if (kind === 'docker') {
      const again = await open(name, { mode: 'attach' });
      const s2 = screen(service, again.id);
      await type(again.id, '\x10\x11');
      expect(await s2.waitForExit()).toEqual({ type: 'exit', reason: 'detached' });
      expect((await cli('inspect', '-f', '{{.State.Status}}', name)).trim()).toBe('running');
    }

    // And when the main process ends, the container stopped.
    const third = await open(name, { mode: 'attach' });
    const s3 = screen(service, third.id);
    await type(third.id, 'exit 7\r');
    expect(await s3.waitForExit()).toEqual({ type: 'exit', reason: 'container-stopped', containerExitCode: 7 });
  });

  it('attach to a container without a terminal gives a plain error', async () => {
    const name = await run('attach-notty');
    await expect(open(name, { mode: 'attach' })).rejects.toThrow(
      `${name}'s main process has no terminal to attach to.`,
    );
  });

  it('a session keeps its output for the next subscriber, and is closed when nobody comes back', async () => {
    const name = await run('orphan');
    const short = createTerminalService(engine, { orphanMs: 300 });
    const session = await short.requests['terminal.open']({ container: name, mode: 'exec', cols: 80, rows: 24 });
    const type = (id: string, data: string) => short.requests['terminal.input']({ id, data });
    const service = short;
    const first = screen(service, session.id);
    first.stop();
    await type(session.id, 'echo $((6*7))\r');
    const second = screen(service, session.id);
    await second.waitFor(/\r\n42\r\n/);
    second.stop();
    const before = service.count();
    // orphanMs is 300 here: the session goes, and its shell with it.
    await second.until(() => service.count() < before || undefined, 5_000, 'the orphaned session closing');
    await expect(type(session.id, 'x')).rejects.toThrow(/ended/);
    short.dispose();
  });

  it('a new screen (a reloaded page) gets the recent output with replay, then subscribes for what follows', async () => {
    const name = await run('replay');
    const session = await open(name);
    const first = screen(service, session.id);
    await type(session.id, 'echo one-$((6*7))\r');
    await first.waitFor(/\r\none-42\r\n/);
    first.stop();
    // Typed while nobody listens: held for the next subscriber, not part of the replay.
    await type(session.id, 'echo two-$((6*7))\r');
    const replay = await service.requests['terminal.replay']({ id: session.id });
    expect(replay.session).toEqual(session);
    expect(replay.text).toContain('one-42');
    const second = screen(service, session.id);
    await second.waitFor(/\r\ntwo-42\r\n/);
    expect(second.text).not.toContain('one-42');
    second.stop();
    await service.requests['terminal.close']({ id: session.id });
    await expect(service.requests['terminal.replay']({ id: session.id })).rejects.toThrow(/ended/);
  });

  it('says the engine was lost when the connection to it goes', async () => {
    const name = await run('engine');
    const session = await open(name);
    const s = screen(service, session.id);
    await engine.reconnect();
    expect(await s.waitForExit()).toEqual({ type: 'exit', reason: 'engine-lost' });
  });
});
