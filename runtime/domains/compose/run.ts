// Running the compose tool: argv (no shell), a clean environment naming the
// connected engine, the project folder as working folder, its own process
// group so cancelling stops everything it started.
import { spawn } from 'node:child_process';
import type { SubscriptionSink } from '../../transport/handlers';
import { composeArgvs, composeBase, type ComposeOp, type ComposeTarget } from './cli';
import { shellJoin } from '../../api/shell-words';
import { ProgressParser, classifyFailure } from './progress';
import { type EngineTls, spawnArgs, toolEnv } from './tool';
import type { ComposeEvent, ComposeTool } from './types';

/** The tool and the engine it is pointed at. */
export interface ToolContext {
  tool: ComposeTool;
  endpoint: string;
  tls?: EngineTls | null;
}

/** Most output lines kept for reading a failure. */
const KEEP_LINES = 400;

/** Splits a byte stream into lines (the last, unterminated one on end). */
function lines(onLine: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk.toString('utf8');
      // docker-compose redraws with \r on a terminal; both end a line here.
      const parts = rest.split(/\r?\n|\r/);
      rest = parts.pop() ?? '';
      for (const p of parts) onLine(p);
    },
    end() {
      if (rest !== '') onLine(rest);
      rest = '';
    },
  };
}

export interface ToolProcess {
  /** Resolves with the exit code (null when killed by a signal). */
  done: Promise<number | null>;
  kill(): void;
}

/** Starts one tool command; every line goes to onLine as it comes. */
export function startTool(
  ctx: ToolContext,
  argv: readonly string[],
  cwd: string,
  onLine: (stream: 'stdout' | 'stderr', text: string) => void,
): ToolProcess {
  const { file, args } = spawnArgs(ctx.tool, argv, ctx.tls);
  const child = spawn(file, args, {
    cwd,
    env: toolEnv(ctx.tool.kind, ctx.endpoint),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = lines((l) => onLine('stdout', l));
  const err = lines((l) => onLine('stderr', l));
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  let killTimer: NodeJS.Timeout | undefined;
  const done = new Promise<number | null>((resolve) => {
    child.on('error', (e) => {
      onLine('stderr', e.message);
      resolve(null);
    });
    child.on('close', (code) => {
      out.end();
      err.end();
      if (killTimer) clearTimeout(killTimer);
      resolve(code);
    });
  });
  const signal = (sig: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    done,
    kill() {
      signal('SIGTERM');
      killTimer = setTimeout(() => signal('SIGKILL'), 5_000);
      killTimer.unref();
    },
  };
}

/** Runs a command to its end and returns what it printed. */
export async function execTool(
  ctx: ToolContext,
  argv: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const proc = startTool(ctx, argv, cwd, (stream, text) => (stream === 'stdout' ? out : err).push(text));
  const code = await proc.done;
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * The compose.run subscription for a project whose files are here: `command`
 * first, then every line as `output` with the steps read from it, then
 * `done`. Stopping the subscription kills the tool's process group.
 */
export function runOperation(
  ctx: ToolContext,
  target: ComposeTarget,
  op: ComposeOp,
  cwd: string,
  sink: SubscriptionSink<ComposeEvent>,
): () => void {
  const argvs = composeArgvs(target, op);
  if (!argvs.ok) {
    sink.emit({ type: 'command', command: shellJoin([...composeBase(target), op.kind]) });
    sink.emit({ type: 'done', ok: false, failure: { error: argvs.error, exitCode: null } });
    return () => {};
  }
  sink.emit({ type: 'command', command: argvs.argvs.map((a) => shellJoin(a)).join(' && ') });
  let current: ToolProcess | undefined;
  let stopped = false;
  void (async () => {
    for (const argv of argvs.argvs) {
      const parser = new ProgressParser();
      const kept: string[] = [];
      current = startTool(ctx, argv, cwd, (stream, text) => {
        if (stopped) return;
        kept.push(text);
        if (kept.length > KEEP_LINES) kept.shift();
        sink.emit({ type: 'output', stream, text });
        for (const s of parser.line(text)) sink.emit(s);
      });
      const code = await current.done;
      if (stopped) return;
      if (code !== 0 || parser.failed.length > 0) {
        sink.emit({ type: 'done', ok: false, failure: classifyFailure(kept, code) });
        return;
      }
    }
    sink.emit({ type: 'done', ok: true });
  })().catch((e: unknown) => {
    if (!stopped) sink.fail(e);
  });
  return () => {
    stopped = true;
    current?.kill();
  };
}
