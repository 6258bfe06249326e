// How the host reaches the engine inside a QEMU guest: an SSH forward of the
// guest's engine socket to a host socket, or on Windows (where QEMU forwards
// no named pipe) a pipe Wharf serves, joined per connection to
// `docker system dial-stdio` over SSH (pipe-join.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { isReachable } from '../engine/client';
import { showCommand, type HostPlatform } from './qemu-args';
import { REMOTE_SOCKET, type QemuPaths } from './qemu-paths';
import { pipeEndpoint, servePipe } from './pipe-join';
import { sshCommandArgs, sshDialStdioArgs, sshForwardArgs } from './ssh-forward';
import { freeLoopbackPort, run, sleep, type StatusBox } from './support';

export interface QemuLink {
  /** The engine's endpoint on the host. */
  readonly endpoint: string;
  /** Picks a free loopback port for the guest's SSH (QEMU forwards it) and remembers it. */
  newSshPort(): Promise<number>;
  /** Opens the forward (or the pipe) as far as the guest allows; whether the engine answers through it. */
  reach(pingMs: number): Promise<boolean>;
  /** Runs a command in the guest over SSH, in the background there; resolves when ssh ended. */
  runInGuest(command: string): Promise<void>;
  /** Signals the forward to end, keeping it (as it was) until the next start of one. */
  killForward(): void;
  /** Signals the forward to end and forgets it. */
  dropForward(): void;
  /** Ends the forward and waits until it is gone. */
  endForward(): Promise<void>;
  /** Closes the named pipe's server (Windows). */
  closePipe(): Promise<void>;
  /** Removes the host socket. */
  removeSocket(): void;
}

export interface QemuLinkOptions {
  paths: QemuPaths;
  platform: HostPlatform;
  box: StatusBox;
  log: (message: string) => void;
}

export function createQemuLink(options: QemuLinkOptions): QemuLink {
  const { paths, box, log } = options;
  const usePipe = options.platform === 'win32';
  const endpoint = usePipe ? pipeEndpoint(paths.pipe) : `unix://${paths.socket}`;
  let sshPort = 0;
  let forward: ChildProcess | undefined;
  let pipeServer: Server | undefined;
  const sshTarget = () => ({
    identity: paths.key,
    knownHosts: paths.knownHosts,
    hostKeyAlias: paths.hostKeyAlias,
    port: sshPort,
  });

  function startForward(): ChildProcess {
    rmSync(paths.socket, { force: true });
    const args = sshForwardArgs({ ...sshTarget(), local: { socket: paths.socket }, remoteSocket: REMOTE_SOCKET });
    box.set({ lastCommand: showCommand('ssh', args) });
    const child = spawn('ssh', args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    child.stderr?.on('data', (d: Buffer) => log(`vm: ssh: ${d.toString('utf8').trim()}`));
    child.once('error', () => {});
    return child;
  }

  /** Whether Wharf can log in to the guest yet (its sshd up, its host key the pinned one). */
  async function canLogIn(): Promise<boolean> {
    const args = sshCommandArgs(sshTarget(), 'true');
    box.set({ lastCommand: showCommand('ssh', args) });
    return (await run('ssh', args, 15_000)).code === 0;
  }

  function dialStdio(): ChildProcess {
    const child = spawn('ssh', sshDialStdioArgs({ ...sshTarget(), remoteSocket: REMOTE_SOCKET }), {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stderr?.on('data', (d: Buffer) => log(`vm: ssh: ${d.toString('utf8').trim()}`));
    return child;
  }

  return {
    endpoint,
    async newSshPort() {
      sshPort = await freeLoopbackPort();
      return sshPort;
    },
    async reach(pingMs) {
      if (usePipe) {
        if (!pipeServer && (await canLogIn())) pipeServer = await servePipe(paths.pipe, dialStdio);
        return pipeServer !== undefined && (await isReachable(endpoint, null, pingMs));
      }
      if (!forward || forward.exitCode !== null || forward.signalCode !== null) forward = startForward();
      return existsSync(paths.socket) && (await isReachable(endpoint, null, pingMs));
    },
    async runInGuest(command) {
      const args = sshCommandArgs(sshTarget(), command);
      box.set({ lastCommand: showCommand('ssh', args) });
      await run('ssh', args, 15_000);
    },
    killForward: () => void forward?.kill(),
    dropForward() {
      forward?.kill();
      forward = undefined;
    },
    async endForward() {
      await endChild(forward);
      forward = undefined;
    },
    async closePipe() {
      const server = pipeServer;
      pipeServer = undefined;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    removeSocket: () => rmSync(paths.socket, { force: true }),
  };
}

/** Ends a child process and waits until it is gone. */
async function endChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if ((await Promise.race([gone.then(() => true), sleep(5000).then(() => false)])) === false) child.kill('SIGKILL');
  await gone;
}
