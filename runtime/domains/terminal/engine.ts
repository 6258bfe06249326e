// The engine calls a terminal needs beyond what dockerode does plainly:
// finding a shell, and attaching without a request body.
import type { Duplex } from 'node:stream';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { ApiError } from '../../api/errors';

/** The keys `docker attach` detaches with; Docker consumes them and closes the stream. */
export const DETACH_KEYS = 'ctrl-p,ctrl-q';
const PROBE_TIMEOUT_MS = 10_000;

/**
 * `POST /containers/{id}/attach` upgraded to a raw stream. Dialled by hand:
 * dockerode sends its options as a chunked JSON body, and Podman reads any
 * body (even the chunked terminator) as the first keystrokes. An empty body
 * with Content-Length 0 is what the docker CLI sends.
 */
export function attachStream(docker: Docker, id: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/attach?`,
        method: 'POST',
        options: { stream: true, stdin: true, stdout: true, stderr: true, detachKeys: DETACH_KEYS },
        isStream: true,
        hijack: true,
        openStdin: false,
        file: Buffer.alloc(0),
        statusCodes: {
          101: true,
          200: true,
          404: 'no such container',
          409: 'container not running',
          500: 'server error',
        },
      },
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the engine's error, passed on as it came
      (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as Duplex)),
    );
  });
}

/** bash where the container has it, else sh; a plain error when it has neither. */
export async function detectShell(docker: Docker, containerId: string, user?: string): Promise<string> {
  const viaSh = await probe(
    docker,
    containerId,
    ['sh', '-c', 'command -v bash >/dev/null 2>&1 && echo bash || echo sh'],
    user,
  );
  if (viaSh?.exitCode === 0) return viaSh.stdout.trim() === 'bash' ? 'bash' : 'sh';
  const viaBash = await probe(docker, containerId, ['bash', '-c', 'echo bash'], user);
  if (viaBash?.exitCode === 0) return 'bash';
  throw new ApiError({
    code: 'not-found',
    message: 'This container has no shell: neither bash nor sh is in it.',
    hint: 'Images built FROM scratch often have none. Its logs and files can still be read, or run a command it does have.',
  });
}

/** Runs a command without a TTY and collects stdout; undefined when the engine could not start it. */
async function probe(
  docker: Docker,
  containerId: string,
  argv: string[],
  user?: string,
): Promise<{ exitCode: number | undefined; stdout: string } | undefined> {
  try {
    const exec = await docker.getContainer(containerId).exec({
      Cmd: argv,
      AttachStdout: true,
      AttachStderr: true,
      ...(user ? { User: user } : {}),
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    // Without a TTY the engine multiplexes stdout and stderr into frames.
    docker.modem.demuxStream(stream, stdout, new PassThrough().resume());
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        stream.destroy();
        resolve();
      }, PROBE_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    // The stream can end a moment before the engine records the exit code.
    let inspected = (await exec.inspect()) as { Running?: boolean; ExitCode?: number | null };
    for (let i = 0; i < 20 && inspected.Running === true; i++) {
      await new Promise((r) => setTimeout(r, 25));
      inspected = await exec.inspect();
    }
    return {
      exitCode: typeof inspected.ExitCode === 'number' ? inspected.ExitCode : undefined,
      stdout: Buffer.concat(chunks).toString('utf8'),
    };
  } catch {
    return undefined;
  }
}
