// Logs against the real engines: tail, since and timestamps; stdout and
// stderr told apart; a TTY container's raw stream; following across a
// restart without losing or repeating a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedInputOf } from '../../api/contract';
import type { LogEvent, LogLine } from './types';
import {
  TEST_IMAGE,
  createTestEngine,
  dockerCli,
  shell,
  type TestEngine,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { logsCommand, streamLogs } from './service';

type Input = ParsedInputOf<'logs.stream'>;

/** Collects a subscription's events and lets a test await a condition on them. */
function collect(engine: TestEngine, input: Input) {
  const events: LogEvent[] = [];
  let failure: unknown;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const stop = streamLogs(engine, input, {
    emit: (e) => {
      events.push(e);
      wake();
    },
    fail: (e) => {
      failure = e;
      wake();
    },
  });
  const lines = (): LogLine[] => events.flatMap((e) => (e.type === 'lines' ? e.lines : []));
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e] : []));
  async function until(what: string, pred: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what}; lines: ${lines().length}, statuses: ${JSON.stringify(statuses())}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  const ended = () => statuses().some((s) => s.state === 'ended');
  return { events, lines, statuses, until, ended, stop, failure: () => failure };
}

const base = { tail: 'all', timestamps: false, follow: false } as const;

describe.each(testEndpoints())('logs on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const names: string[] = [];
  const image = kind === 'podman' ? `localhost/${TEST_IMAGE}` : TEST_IMAGE;
  const cli = (...args: string[]) => dockerCli(endpoint, args);

  /** Runs a container to completion and returns its name. */
  async function ran(script: string, options: string[] = []): Promise<string> {
    const name = uniqueName('wharf-logs');
    names.push(name);
    await cli('run', '--name', name, ...options, image, 'sh', '-c', script);
    return name;
  }

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
  });

  afterAll(async () => {
    if (names.length > 0) await cli('rm', '-f', ...names).catch(() => {});
    await engine.dispose();
  });

  it('sends the last N lines, with timestamps only when asked, and says the command', async () => {
    const name = await ran('for i in $(seq 1 20); do echo "line $i"; done');
    const tail = collect(engine, { ...base, container: name, tail: 5 });
    await tail.until('the end', tail.ended);
    expect(tail.lines().map((l) => l.text)).toEqual(['line 16', 'line 17', 'line 18', 'line 19', 'line 20']);
    expect(tail.lines().every((l) => l.time === undefined)).toBe(true);
    expect(tail.events[0]).toEqual({ type: 'reset', command: `docker logs --tail 5 ${name}`, tty: false });

    const stamped = collect(engine, { ...base, container: name, tail: 2, timestamps: true });
    await stamped.until('the end', stamped.ended);
    expect(stamped.lines().map((l) => l.text)).toEqual(['line 19', 'line 20']);
    for (const line of stamped.lines()) expect(Date.parse(line.time ?? '')).toBeGreaterThan(Date.now() - 120_000);

    // The command shown is the command: the CLI prints the same lines.
    const viaCli = await shell(endpoint, logsCommand({ ...base, container: name, tail: 5 }, name));
    expect(viaCli.trim().split('\n')).toEqual(tail.lines().map((l) => l.text));
  });

  it('sends only lines since a time', async () => {
    const name = await ran('echo early; sleep 2; echo late');
    const all = collect(engine, { ...base, container: name, timestamps: true });
    await all.until('the end', all.ended);
    const late = all.lines().find((l) => l.text === 'late');
    expect(late?.time).toBeDefined();
    const since = Math.floor(Date.parse(late!.time!) / 1000);
    const some = collect(engine, { ...base, container: name, since });
    await some.until('the end', some.ended);
    expect(some.lines().map((l) => l.text)).toEqual(['late']);
  });

  it('marks stderr lines of a container without a TTY', async () => {
    const name = await ran('echo out1; echo err1 >&2; echo out2; echo err2 >&2');
    const logs = collect(engine, { ...base, container: name });
    await logs.until('the end', logs.ended);
    const byStream = (s: string) =>
      logs
        .lines()
        .filter((l) => l.stream === s)
        .map((l) => l.text);
    expect(byStream('stdout')).toEqual(['out1', 'out2']);
    expect(byStream('stderr')).toEqual(['err1', 'err2']);
  });

  it("passes a TTY container's raw stream through, colours and all", async () => {
    const name = await ran(`printf 'plain\\n\\033[31mred\\033[0m\\n'; echo oops >&2`, ['-t']);
    const logs = collect(engine, { ...base, container: name });
    await logs.until('the end', logs.ended);
    expect(logs.events[0]).toMatchObject({ type: 'reset', tty: true });
    expect(logs.lines()).toEqual([
      { stream: 'stdout', text: 'plain' },
      { stream: 'stdout', text: '\u001b[31mred\u001b[0m' },
      { stream: 'stdout', text: 'oops' },
    ]);
  });

  it('follows across a restart with no line lost or repeated', async () => {
    const name = uniqueName('wharf-logs');
    names.push(name);
    // Each run prints a marker and five numbers, then waits; TERM ends it at once.
    await cli(
      'run',
      '-d',
      '--name',
      name,
      image,
      'sh',
      '-c',
      'echo run; seq 1 5; trap "exit 0" TERM; sleep 3600 & wait',
    );
    const logs = collect(engine, { ...base, container: name, follow: true, timestamps: true });
    await logs.until('the first run', () => logs.lines().length === 6);
    expect(logs.statuses().at(-1)?.state).toBe('following');

    await cli('restart', '-t', '2', name);
    await logs.until('the second run', () => logs.lines().length >= 12);

    // Stop it: the stream ends, everything is flushed, and the stream waits for the next start.
    await cli('stop', name);
    await logs.until('waiting', () => logs.statuses().at(-1)?.state === 'waiting');
    const once = ['run', '1', '2', '3', '4', '5'];
    const seen = () => JSON.stringify({ lines: logs.lines(), statuses: logs.statuses() });
    expect(
      logs.lines().map((l) => l.text),
      seen(),
    ).toEqual([...once, ...once]);
    const exitCode = Number((await cli('inspect', '-f', '{{.State.ExitCode}}', name)).trim());
    expect(logs.statuses().at(-1)).toMatchObject({ state: 'waiting', exitCode });
    const times = logs.lines().map((l) => Date.parse(l.time ?? ''));
    expect(
      [...times].sort((a, b) => a - b),
      seen(),
    ).toEqual(times);

    await cli('start', name);
    await logs.until('the third run', () => logs.lines().length >= 18);
    await cli('rm', '-f', name);
    await logs.until('the end', logs.ended);
    expect(
      logs.lines().map((l) => l.text),
      seen(),
    ).toEqual([...once, ...once, ...once]);
    expect(logs.statuses().at(-1)).toMatchObject({ state: 'ended', message: 'removed' });
    logs.stop();
  });

  it('fails for a container that does not exist', async () => {
    const logs = collect(engine, { ...base, container: 'wharf-no-such-container' });
    await expect(logs.until('an error', () => false, 10_000)).rejects.toThrow(/no such container/i);
  });
});
