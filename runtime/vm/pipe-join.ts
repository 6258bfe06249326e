// The engine's socket served on Windows as a named pipe. Each connection to
// the pipe starts one process that speaks the engine's API on its stdin and
// stdout (`docker system dial-stdio`, in the WSL distro or over SSH in the
// QEMU guest) and is joined to it byte for byte; the process ends with the
// connection. Nothing listens on a network address.
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';

/** Joins one connection to one dial-stdio process; each end closes the other. */
export function joinConnection(socket: Socket, child: ChildProcess): void {
  if (!child.stdin || !child.stdout) {
    socket.destroy();
    child.kill();
    return;
  }
  socket.pipe(child.stdin);
  child.stdout.pipe(socket);
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    socket.destroy();
    child.kill();
  };
  socket.once('close', end);
  socket.on('error', end);
  child.once('exit', end);
  child.once('error', end);
  child.stdin.on('error', end);
}

/** Serves a named pipe (or, in tests, a unix socket); each connection gets a fresh process from connect(). */
export function servePipe(pipe: string, connect: () => ChildProcess): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => joinConnection(socket, connect()));
    server.once('error', reject);
    server.listen(pipe, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** A pipe endpoint as the engine client takes it: \\.\pipe\x → npipe:////./pipe/x. */
export function pipeEndpoint(pipe: string): string {
  return `npipe://${pipe.replace(/\\/g, '/')}`;
}
