// An SSH server for tests on 127.0.0.1 (ssh2's own Server): a generated host
// key, one generated client key it lets in, and `direct-streamlocal@openssh.com`
// channels connected to the socket path asked for, as sshd does (a path
// nothing listens on is refused as sshd refuses it). What Podman's ssh://
// connections need from the far side.
import { connect } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';

// ssh2 is CommonJS: taken whole, so Playwright's loader and vitest both read it.
const { Server, utils } = ssh2;

export interface TestSshd {
  port: number;
  /** The client key the server lets in (OpenSSH private key text). */
  userKey: string;
  /** The server's host key as a known_hosts line. */
  knownHostsLine: string;
  close(): Promise<void>;
}

export interface TestSshdHooks {
  /** A client that logged in. */
  onLogin?(client: Connection): void;
  /** A forward asked for, before it is connected. */
  onForward?(socketPath: string): void;
}

export async function startTestSshd(hooks: TestSshdHooks = {}): Promise<TestSshd> {
  const hostKey = utils.generateKeyPairSync('ed25519');
  const userKey = utils.generateKeyPairSync('ed25519');
  const allowed = utils.parseKey(userKey.public) as unknown as {
    type: string;
    getPublicSSH(): Buffer;
    verify(data: Buffer, signature: Buffer, hash?: string): boolean;
  };
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      const ok =
        ctx.method === 'publickey' &&
        ctx.key.algo === allowed.type &&
        ctx.key.data.equals(allowed.getPublicSSH()) &&
        (!ctx.signature || allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo));
      if (ok) ctx.accept();
      else ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      hooks.onLogin?.(client);
      client.on('openssh.streamlocal', (accept, reject, info) => {
        hooks.onForward?.(info.socketPath);
        const socket = connect(info.socketPath);
        socket.once('error', () => reject());
        socket.once('connect', () => {
          const channel = accept();
          channel.pipe(socket).pipe(channel);
          socket.on('error', () => channel.close());
          channel.on('close', () => socket.destroy());
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const publicLine = hostKey.public.trim().split(/\s+/).slice(0, 2).join(' ');
  return {
    port,
    userKey: userKey.private,
    knownHostsLine: `[127.0.0.1]:${port} ${publicLine}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
