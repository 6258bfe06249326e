// ssh:// engines against a real SSH server on loopback (ssh2's own Server,
// with a generated host key) that runs the real `docker system dial-stdio`
// (the docker CLI, pointed at the test Docker engine) for each session.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, utils } from 'ssh2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../settings';
import { createClient, ping, readVersion } from './client';
import { describeConnectError } from './connect-error';
import { HostKeyError } from './known-hosts';
import { createEngineManager } from './manager';
import { SshError } from './ssh-auth';
import { closeSshTunnels } from './ssh-tunnel';
import { hashedName, waitForState } from './test-support';

const dockerEndpoint = process.env.WHARF_TEST_DOCKER ?? 'unix:///var/run/docker.sock';
const image = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell';
const hostKey = utils.generateKeyPairSync('ed25519');
const publicLine = (pub: string): string => pub.trim().split(/\s+/).slice(0, 2).join(' ');

let server: Server;
let port = 0;
let home: string;
const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
const sessions: string[] = [];
let logins = 0;
/** The user name each login attempt gave. */
const users: string[] = [];

beforeAll(async () => {
  server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      users.push(ctx.username);
      ctx.accept();
    });
    client.on('error', () => {});
    client.on('ready', () => {
      logins++;
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, reject, info) => {
          sessions.push(info.command);
          if (info.command !== 'docker system dial-stdio') return reject();
          const channel = accept();
          const cli = spawn('docker', ['system', 'dial-stdio'], {
            env: { ...process.env, DOCKER_HOST: dockerEndpoint },
          });
          channel.pipe(cli.stdin);
          cli.stdout.pipe(channel);
          cli.stderr.pipe(channel.stderr);
          cli.on('exit', (code) => channel.exit(code ?? 1));
          channel.on('close', () => cli.kill());
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wharf-ssh-home-'));
  mkdirSync(join(home, '.ssh'));
  process.env.HOME = home;
  delete process.env.SSH_AUTH_SOCK;
  sessions.length = 0;
  users.length = 0;
  logins = 0;
});
afterEach(() => {
  // Each test has its own home and known_hosts: no login carries over.
  closeSshTunnels();
  process.env.HOME = saved.HOME;
  if (saved.SSH_AUTH_SOCK !== undefined) process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
  rmSync(home, { recursive: true, force: true });
});

const endpoint = (): string => `ssh://tester@127.0.0.1:${port}`;
const knownHosts = (text: string): void => writeFileSync(join(home, '.ssh', 'known_hosts'), text);

async function pingError(): Promise<unknown> {
  return ping(createClient(endpoint()), 10_000).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('ssh:// engines check the host key against known_hosts', () => {
  it('an unknown host is refused before anything is run on it, and the error says how to trust it', async () => {
    const error = await pingError();
    expect(error).toBeInstanceOf(HostKeyError);
    expect((error as HostKeyError).reason).toBe('unknown');
    expect((error as Error).message).toContain(`Run \`ssh -p ${port} tester@127.0.0.1\` once`);
    expect(sessions).toEqual([]);
  });

  it('a host whose key is not the known one is refused as a possible man-in-the-middle', async () => {
    const otherKey = utils.generateKeyPairSync('ed25519');
    const rsaKey = utils.generateKeyPairSync('rsa', { bits: 2048 });
    knownHosts(`[127.0.0.1]:${port} ${publicLine(otherKey.public)}\n`);
    const error = await pingError();
    expect(error).toBeInstanceOf(HostKeyError);
    expect((error as HostKeyError).reason).toBe('changed');
    expect((error as Error).message).toMatch(/possible man-in-the-middle/);
    // Only another type of key known (the server has no RSA key): not trusted either.
    knownHosts(`[127.0.0.1]:${port} ${publicLine(rsaKey.public)}\n`);
    expect(((await pingError()) as HostKeyError).reason).toBe('changed');
    expect(sessions).toEqual([]);
  });

  it('the known key, as a plain or a hashed entry, connects: /_ping and /version go through', async () => {
    knownHosts(
      `# mine\nother.example ${publicLine(utils.generateKeyPairSync('ed25519').public)}\n[127.0.0.1]:${port} ${publicLine(hostKey.public)}\n`,
    );
    expect(await pingError()).toBeUndefined();
    // A new login, so the hashed entry is what lets it through.
    closeSshTunnels();
    knownHosts(`${hashedName(`[127.0.0.1]:${port}`)} ${publicLine(hostKey.public)}\n`);
    const client = createClient(endpoint());
    await ping(client, 10_000);
    const version = await readVersion(client, 20_000);
    expect(version.kind).toBe('docker');
    await client.listContainers({ all: true });
    expect(sessions.every((c) => c === 'docker system dial-stdio')).toBe(true);
    // One login per known_hosts state above, each request a session over it.
    expect(logins).toBe(2);
    expect(sessions.length).toBeGreaterThanOrEqual(4);
  });

  it('the engine manager shows the refusal in plain words, and connects once the key is known', async () => {
    const settings = createSettingsStore(join(home, 'settings.json'));
    const manager = createEngineManager({
      settings,
      dataDir: home,
      log: () => {},
      discovery: { env: {}, home, platform: 'linux', exists: () => false },
      rediscoverMs: 60_000,
    });
    try {
      await manager.start();
      const refused = await manager.use(endpoint());
      expect(refused).toMatchObject({ phase: 'error', error: { key: 'engine.sshHostUnknown' } });
      knownHosts(`[127.0.0.1]:${port} ${publicLine(hostKey.public)}\n`);
      await manager.use(endpoint());
      const connected = await waitForState(manager, (s) => s.phase === 'connected');
      expect(connected).toMatchObject({ phase: 'connected', engine: { kind: 'docker', endpoint: endpoint() } });
    } finally {
      await manager.dispose();
    }
  });
});

describe('ssh:// engines read ~/.ssh/config as ssh does', () => {
  const config = (text: string): void => writeFileSync(join(home, '.ssh', 'config'), text);

  it("a context naming a Host alias only ~/.ssh/config resolves lists the engine's containers", async () => {
    config(`Host other\n  User nobody\n\nHost build*\n  HostName 127.0.0.1\n  Port ${port}\n  User deploy\n`);
    knownHosts(`[127.0.0.1]:${port} ${publicLine(hostKey.public)}\n`);
    const direct = createClient(dockerEndpoint);
    const made = await direct.createContainer({ Image: image, name: `wharf-ssh-alias-${Date.now()}`, Cmd: ['true'] });
    try {
      const listed = await createClient('ssh://buildbox').listContainers({ all: true });
      expect(listed.map((c) => c.Id)).toContain(made.id);
    } finally {
      await made.remove({ force: true });
    }
    expect(users.every((u) => u === 'deploy')).toBe(true);
    expect(users.length).toBeGreaterThan(0);
    // The user in the address wins over the config's.
    closeSshTunnels();
    users.length = 0;
    await ping(createClient('ssh://tester@buildbox'), 10_000);
    expect(users.every((u) => u === 'tester')).toBe(true);
    expect(users.length).toBeGreaterThan(0);
  });

  it('the host key is checked for the host and port the config resolves to', async () => {
    config(`Host buildbox\n  HostName 127.0.0.1\n  Port ${port}\n`);
    // Known for the alias only: ssh would not trust it for 127.0.0.1, nor does Wharf.
    knownHosts(`buildbox ${publicLine(hostKey.public)}\n`);
    const error = await ping(createClient('ssh://buildbox'), 10_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostKeyError);
    expect((error as HostKeyError).reason).toBe('unknown');
    expect(sessions).toEqual([]);
  });

  it('ProxyJump is refused in plain words before any connection is made', async () => {
    config(`Host far\n  HostName 127.0.0.1\n  Port ${port}\n  ProxyJump jump@bastion\n`);
    knownHosts(`[127.0.0.1]:${port} ${publicLine(hostKey.public)}\n`);
    const error = await ping(createClient('ssh://me@far'), 10_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SshError);
    expect(error).toMatchObject({ reason: 'proxy-unsupported', detail: 'ProxyJump jump@bastion' });
    expect((error as Error).message).toContain('Wharf does not support yet');
    expect(describeConnectError(error, 'ssh://me@far')).toMatchObject({ key: 'engine.sshProxyUnsupported' });
    expect(users).toEqual([]);
  });
});
