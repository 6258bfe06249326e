// Running one command in a container through the exec API, with stdout kept
// as bytes (file names and contents are not always UTF-8) or streamed.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

export interface ExecStream {
  stdout: Readable;
  /** The command's stdin (when asked for): ending it closes the command's input. */
  stdin?: Writable;
  /** Resolves once the command ended, with its exit code and what it wrote to stderr. */
  done: Promise<{ exitCode: number; stderr: string }>;
}

/** Starts `cmd` in the running container `id`; stdout streams, stderr is collected; with `input`, stdin is open for writing. */
export async function execStream(
  docker: Docker,
  id: string,
  cmd: string[],
  user?: string,
  input = false,
): Promise<ExecStream> {
  const exec = await docker.getContainer(id).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    ...(input ? { AttachStdin: true } : {}),
    ...(user !== undefined ? { User: user } : {}),
  });
  const stream = (await exec.start({ hijack: true, stdin: input })) as NodeJS.ReadableStream & {
    destroy?: () => void;
  };
  const stdout = new PassThrough();
  const stderrOut = new PassThrough();
  const errChunks: Buffer[] = [];
  stderrOut.on('data', (c: Buffer) => {
    if (errChunks.length < 64) errChunks.push(c);
  });
  demux(stream, stdout, stderrOut);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const done = ended.then(async () => {
    stdout.end();
    const info = (await exec.inspect()) as { ExitCode?: number | null; Running?: boolean };
    return { exitCode: info.ExitCode ?? -1, stderr: Buffer.concat(errChunks).toString('utf8').trim() };
  });
  // The caller may stop reading early (a cancelled download): close the exec stream too.
  stdout.on('close', () => stream.destroy?.());
  if (!input) return { stdout, done };
  // The engine's hijacked connection is both ways: writing is the command's stdin, ending it half-closes.
  const stdin = stream as unknown as Writable;
  stdin.on('error', () => {});
  return { stdout, stdin, done };
}

/**
 * Splits the engine's multiplexed exec stream (8-byte frame headers: type,
 * length) into stdout and stderr, passing each frame on as it arrives. Unlike
 * the engine client's own demuxer it pauses the engine's stream while stdout
 * is full, so a slow reader (a slow download) slows the command instead of
 * piling its output up in memory.
 */
export function demux(source: NodeJS.ReadableStream, stdout: Writable, stderr: Writable): void {
  let pending: Buffer = Buffer.alloc(0);
  let frame: { type: number; left: number } | undefined;
  // Not multiplexed after all (a type other than stdin, stdout, stderr): the rest is stdout as it is.
  let raw = false;
  source.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let full = false;
    for (;;) {
      if (raw) {
        if (pending.length > 0 && !stdout.write(pending)) full = true;
        pending = Buffer.alloc(0);
        break;
      }
      if (frame === undefined) {
        if (pending.length < 8) break;
        const type = pending[0] ?? 1;
        if (type > 2) {
          raw = true;
          continue;
        }
        frame = { type, left: pending.readUInt32BE(4) };
        pending = pending.subarray(8);
      }
      if (frame.left > 0) {
        if (pending.length === 0) break;
        const part = pending.subarray(0, frame.left);
        pending = pending.subarray(part.length);
        frame.left -= part.length;
        if (frame.type === 2) stderr.write(part);
        else if (!stdout.write(part)) full = true;
      }
      if (frame.left === 0) frame = undefined;
    }
    if (full && !stdout.destroyed) {
      source.pause();
      stdout.once('drain', () => source.resume());
    }
  });
}

/** Runs `cmd` and collects all its output; stdout past `maxBytes` is an error. */
export async function execCollect(
  docker: Docker,
  id: string,
  cmd: string[],
  maxBytes = 64 * 1024 * 1024,
): Promise<ExecResult> {
  const { stdout, done } = await execStream(docker, id, cmd);
  const chunks: Buffer[] = [];
  let size = 0;
  stdout.on('data', (c: Buffer) => {
    size += c.length;
    if (size > maxBytes) {
      stdout.destroy(new Error(`the command wrote more than ${maxBytes} bytes`));
      return;
    }
    chunks.push(c);
  });
  const [result] = await Promise.all([
    done,
    new Promise<void>((resolve, reject) => {
      stdout.on('end', resolve);
      stdout.on('error', reject);
    }),
  ]);
  return { stdout: Buffer.concat(chunks), stderr: result.stderr, exitCode: result.exitCode };
}
