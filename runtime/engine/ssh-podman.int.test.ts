// ssh:// Podman connections against a real SSH server on loopback (ssh2's own
// Server, a generated host key, one generated client key it accepts) that
// forwards `direct-streamlocal@openssh.com` channels to the socket named, as
// sshd does: here the test Podman engine's real socket.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { utils, type Connection } from 'ssh2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContextsService } from '../domains/contexts/service';
import { createSettingsStore } from '../settings';
import { freePort } from '../test-support/free-port';
import { startTestSshd, type TestSshd } from '../test-support/test-sshd';
import { createClient, ping, readVersion } from './client';
import { describeConnectError } from './connect-error';
import { HostKeyError } from './known-hosts';
import { createEngineManager } from './manager';
import { SshError } from './ssh-auth';
import { closeSshTunnels } from './ssh-tunnel';
import { waitForState } from './test-support';

const podmanEndpoint = process.env.WHARF_TEST_PODMAN ?? '';
const podmanSocket = podmanEndpoint.replace(/^unix:\/\//, '');
const image = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell';
let sshd: TestSshd;
let port = 0;
let home: string;
/** What the server saw: logins that got through, and each channel's socket path. */
const seen = { logins: 0, channels: [] as string[], live: new Set<Connection>() };
const saved: Record<string, string | undefined> = {};
const VARS = ['HOME', 'SSH_AUTH_SOCK', 'CONTAINERS_CONF', 'PODMAN_CONNECTIONS_CONF', 'XDG_CONFIG_HOME'] as const;

beforeAll(async () => {
  expect(podmanEndpoint, 'WHARF_TEST_PODMAN').toMatch(/^unix:\/\//);
  sshd = await startTestSshd({
    onLogin(client) {
      seen.logins++;
      seen.live.add(client);
      client.on('close', () => seen.live.delete(client));
    },
    onForward: (socketPath) => seen.channels.push(socketPath),
  });
  port = sshd.port;
});
afterAll(() => sshd.close());

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wharf-ssh-podman-'));
  mkdirSync(join(home, '.ssh'));
  mkdirSync(join(home, 'containers'));
  writeFileSync(join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine}\n`);
  writeFileSync(join(home, '.ssh', 'id_right'), sshd.userKey, { mode: 0o600 });
  writeFileSync(join(home, '.ssh', 'id_wrong'), utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
  const locked = utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 1 });
  writeFileSync(join(home, '.ssh', 'id_locked'), locked.private, { mode: 0o600 });
  for (const v of VARS) saved[v] = process.env[v];
  process.env.HOME = home;
  delete process.env.SSH_AUTH_SOCK;
  process.env.XDG_CONFIG_HOME = home;
  process.env.CONTAINERS_CONF = join(home, 'containers', 'containers.conf');
  process.env.PODMAN_CONNECTIONS_CONF = join(home, 'containers', 'podman-connections.json');
  seen.logins = 0;
  seen.channels.length = 0;
});
afterEach(() => {
  closeSshTunnels();
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  rmSync(home, { recursive: true, force: true });
});

const uri = (path = podmanSocket): string => `ssh://tester@127.0.0.1:${port}${path}`;

/** What `podman system connection add` (Podman 4) writes into containers.conf. */
function podman4(connections: Record<string, { uri: string; identity?: string }>, active?: string): void {
  const lines = ['[engine]', ...(active ? [`  active_service = "${active}"`] : [])];
  for (const [name, c] of Object.entries(connections)) {
    lines.push(`  [engine.service_destinations.${name}]`, `    uri = "${c.uri}"`);
    if (c.identity) lines.push(`    identity = "${c.identity}"`);
  }
  writeFileSync(process.env.CONTAINERS_CONF!, `${lines.join('\n')}\n`);
}

async function failure(client: Docker): Promise<unknown> {
  return ping(client, 10_000).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('ssh:// Podman connections', () => {
  it("lists the Podman engine's containers through one SSH connection, a channel per request", async () => {
    podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_right') } });
    const direct = createClient(podmanEndpoint);
    const made = await direct.createContainer({ Image: image, name: `wharf-ssh-${Date.now()}`, Cmd: ['true'] });
    try {
      const client = createClient(uri());
      expect((await readVersion(client, 20_000)).kind).toBe('podman');
      const listed = await client.listContainers({ all: true });
      expect(listed.map((c) => c.Id)).toContain(made.id);
      await client.getContainer(made.id).inspect();
      // A second client for the same connection shares the login too.
      await ping(createClient(uri()), 10_000);
      expect(seen.logins).toBe(1);
      expect(seen.channels.length).toBeGreaterThanOrEqual(4);
      expect(new Set(seen.channels)).toEqual(new Set([podmanSocket]));
    } finally {
      await made.remove({ force: true });
    }
  });

  it("takes the identity from Podman 5's podman-connections.json too", async () => {
    const connections = { box: { URI: uri(), Identity: join(home, '.ssh', 'id_right'), IsMachine: false } };
    writeFileSync(
      process.env.PODMAN_CONNECTIONS_CONF!,
      JSON.stringify({ Connection: { Default: 'box', Connections: connections }, Farm: {} }),
    );
    expect((await readVersion(createClient(uri()), 20_000)).kind).toBe('podman');
    expect(seen.logins).toBe(1);
  });

  it('a connection naming a Host alias that only ~/.ssh/config resolves connects, as podman does', async () => {
    const alias = (path = podmanSocket): string => `ssh://podbox${path}`;
    writeFileSync(
      join(home, '.ssh', 'config'),
      `Host podbox\n  HostName 127.0.0.1\n  Port ${port}\n  User tester\n  IdentityFile ~/.ssh/id_right\n`,
    );
    podman4({ box: { uri: alias() } });
    const direct = createClient(podmanEndpoint);
    const made = await direct.createContainer({ Image: image, name: `wharf-ssh-alias-${Date.now()}`, Cmd: ['true'] });
    try {
      const listed = await createClient(alias()).listContainers({ all: true });
      expect(listed.map((c) => c.Id)).toContain(made.id);
      expect(seen.logins).toBe(1);
    } finally {
      await made.remove({ force: true });
    }
    // The connection's own identity wins over the config's IdentityFile, as podman's does.
    closeSshTunnels();
    writeFileSync(
      join(home, '.ssh', 'config'),
      `Host podbox\n  HostName 127.0.0.1\n  Port ${port}\n  User tester\n  IdentityFile ~/.ssh/id_wrong\n  IdentitiesOnly yes\n`,
    );
    podman4({ box: { uri: alias(), identity: join(home, '.ssh', 'id_right') } });
    expect((await readVersion(createClient(alias()), 20_000)).kind).toBe('podman');
    expect(seen.logins).toBe(2);
  });

  it('a lost SSH connection is opened again by the next request', async () => {
    podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_right') } });
    const client = createClient(uri());
    await ping(client, 10_000);
    expect(seen.logins).toBe(1);
    for (const c of seen.live) c.end();
    await expect.poll(() => seen.live.size).toBe(0);
    await ping(client, 10_000);
    expect(seen.logins).toBe(2);
  });

  it('a key the server does not accept is refused in plain words, and nothing is opened', async () => {
    podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_wrong') } });
    const error = await failure(createClient(uri()));
    expect(error).toBeInstanceOf(SshError);
    expect(error).toMatchObject({ reason: 'auth-refused' });
    expect((error as Error).message).toContain(`tester@127.0.0.1:${port} refused Wharf's SSH login`);
    expect((error as Error).message).toContain(join(home, '.ssh', 'id_wrong'));
    expect(describeConnectError(error, uri())).toMatchObject({ key: 'engine.sshAuthRefused' });
    expect(seen.logins).toBe(0);
    expect(seen.channels).toEqual([]);
  });

  it('a passphrase-protected key without an agent says how to unlock it, before any connection', async () => {
    podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_locked') } });
    const error = await failure(createClient(uri()));
    expect(error).toMatchObject({ reason: 'key-locked', detail: join(home, '.ssh', 'id_locked') });
    expect((error as Error).message).toContain(`ssh-add ${join(home, '.ssh', 'id_locked')}`);
    expect(describeConnectError(error, uri())).toMatchObject({ key: 'engine.sshKeyLocked' });
  });

  it("logs in with the ssh agent's key when the identity file is locked, as podman does", async () => {
    const agentSocket = join(home, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    try {
      await expect.poll(() => existsSync(agentSocket)).toBe(true);
      execFileSync('ssh-add', [join(home, '.ssh', 'id_right')], {
        env: { ...process.env, SSH_AUTH_SOCK: agentSocket },
        stdio: 'ignore',
      });
      process.env.SSH_AUTH_SOCK = agentSocket;
      podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_locked') } });
      const client = createClient(uri());
      expect((await readVersion(client, 20_000)).kind).toBe('podman');
      expect(seen.logins).toBe(1);
    } finally {
      agent.kill();
    }
  });

  it('a machine nothing answers at is named unreachable', async () => {
    const closed = await freePort();
    const nowhere = `ssh://tester@127.0.0.1:${closed}${podmanSocket}`;
    podman4({ box: { uri: nowhere, identity: join(home, '.ssh', 'id_right') } });
    const error = await failure(createClient(nowhere));
    expect(error).toMatchObject({ reason: 'unreachable', detail: 'the connection was refused' });
    expect((error as Error).message).toContain(`Cannot reach tester@127.0.0.1:${closed} over SSH`);
    expect(describeConnectError(error, nowhere)).toMatchObject({ key: 'engine.sshUnreachable' });
  });

  it('a socket path with nothing behind it on the far side is named as such', async () => {
    const gone = join(home, 'no-podman.sock');
    podman4({ box: { uri: uri(gone), identity: join(home, '.ssh', 'id_right') } });
    const error = await failure(createClient(uri(gone)));
    expect(error).toMatchObject({ reason: 'socket-missing', detail: gone });
    expect((error as Error).message).toContain(`no Podman socket answers there at ${gone}`);
    expect(describeConnectError(error, uri(gone))).toMatchObject({
      key: 'engine.sshSocketMissing',
      params: { where: `tester@127.0.0.1:${port}`, detail: gone },
    });
    expect(seen.logins).toBe(1);
  });

  it('an unknown host key is refused before logging in, as for docker over ssh', async () => {
    writeFileSync(join(home, '.ssh', 'known_hosts'), '');
    podman4({ box: { uri: uri(), identity: join(home, '.ssh', 'id_right') } });
    const error = await failure(createClient(uri()));
    expect(error).toBeInstanceOf(HostKeyError);
    expect(seen.logins).toBe(0);
  });

  it('the engine switcher lists it as answering and switches Wharf to it', async () => {
    const identity = join(home, '.ssh', 'id_right');
    podman4({ box: { uri: uri(), identity }, nowhere: { uri: uri('/run/none.sock'), identity } }, 'nowhere');
    const settings = createSettingsStore(join(home, 'settings.json'));
    const manager = createEngineManager({
      settings,
      dataDir: home,
      log: () => {},
      discovery: { env: {}, home, platform: 'linux', exists: () => false },
      rediscoverMs: 60_000,
    });
    const service = createContextsService({
      engine: manager.engine,
      choice: manager.controls,
      settings,
      env: { ...process.env, DOCKER_CONFIG: join(home, 'docker') },
      home,
    });
    try {
      await manager.start();
      const list = await service.requests['contexts.list']({});
      const row = (name: string) => list.items.find((i) => i.kind === 'podman-connection' && i.name === name);
      expect(row('box')).toMatchObject({ endpoint: uri(), identity, reachable: true, cliCurrent: false });
      expect(row('nowhere')).toMatchObject({ reachable: false, cliCurrent: true });

      const state = await service.requests['contexts.use']({ kind: 'podman-connection', name: 'box' });
      expect(state).toMatchObject({ phase: 'connected', engine: { kind: 'podman', endpoint: uri() } });
      expect(settings.get().engineContext).toEqual({ kind: 'podman-connection', name: 'box' });
      await manager.engine.docker().listContainers({ all: true });

      // The SSH connection drops (the machine rebooted its sshd): Wharf logs in again on its own.
      const before = seen.logins;
      for (const c of seen.live) c.end();
      await expect.poll(() => seen.logins, { timeout: 20_000 }).toBeGreaterThan(before);
      await waitForState(manager, (s) => s.phase === 'connected' && s.engine.endpoint === uri());
      await manager.engine.docker().listContainers({ all: true });

      const refused = await service.requests['contexts.use']({ kind: 'podman-connection', name: 'nowhere' });
      expect(refused).toMatchObject({ phase: 'error', error: { key: 'engine.sshSocketMissing' } });
      await service.requests['contexts.use']({ kind: 'podman-connection', name: 'box' });
      await waitForState(manager, (s) => s.phase === 'connected' && s.engine.kind === 'podman');
    } finally {
      await manager.dispose();
    }
  });
});
