// The QEMU driver for real: boot Wharf's guest image (accelerator detected,
// falling back to TCG where a hardware one fails or hangs), wait for the engine
// through the forwarded socket, use it (a container that reads and writes a
// shared host folder), read the console, stop; and a plain failure for a VM
// that cannot boot. Runs in `npm test`'s vm step (x86-64 Linux with QEMU and
// debootstrap); the image is built once and cached.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxImage, TEST_IMAGE } from '../../scripts/test-support/busybox-image';
import { testVmImage, vmUnavailable } from '../../scripts/test-support/vm';
import type { VmPhase } from '../domains/vm/types';
import type { VmImage } from './image';
import { createQemuDriver } from './qemu';
import { qemuPaths } from './qemu-paths';
import { knownHostsLine, sshCommandArgs } from './ssh-forward';
import { VmCancelled, VmError, type VmDriver } from './types';

const unavailable = vmUnavailable();
const execFileAsync = promisify(execFile);

/** Processes whose command line names this path (QEMU names its disk, ssh its key). */
function processesUsing(path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(path)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Runs a container in the VM's engine to its end: its output and exit code. */
async function runIn(
  endpoint: string,
  cmd: string,
  hostConfig: Docker.HostConfig = {},
): Promise<{ out: string; code: number }> {
  const docker = new Docker({ socketPath: new URL(endpoint).pathname });
  const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', cmd], HostConfig: hostConfig });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    return { out: (await container.logs({ stdout: true, stderr: true })).toString('utf8'), code: StatusCode };
  } finally {
    await container.remove({ force: true });
  }
}

describe.skipIf(unavailable !== undefined)(`QEMU driver${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let image: VmImage;
  let dir: string;
  let shared: string;
  let driver: VmDriver;
  const phases: VmPhase[] = [];

  beforeAll(async () => {
    image = await testVmImage();
    dir = mkdtempSync(join(tmpdir(), 'wharf-vm-'));
    shared = mkdtempSync(join(tmpdir(), 'wharf-vm-share-'));
    writeFileSync(join(shared, 'hello.txt'), 'from the host\n');
    driver = createQemuDriver({
      dir: join(dir, 'vm'),
      image,
      resources: { cpus: 1, memoryMiB: 1024, diskGiB: 8 },
      shares: [{ hostPath: shared }],
      // The network users get (QEMU's 'restricted' would hide what the guest's own firewall must stop).
      network: 'nat',
      readyTimeoutMs: 240_000,
    });
    driver.onStatus((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
    });
  }, 900_000);

  afterAll(async () => {
    await driver?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (shared) rmSync(shared, { recursive: true, force: true });
  }, 60_000);

  it('a start cancelled while booting leaves no QEMU, ssh, socket, pid file or disk lock, and is stopped, not failed', async () => {
    expect(driver.status().phase).toBe('absent');
    const paths = qemuPaths(join(dir, 'vm'));
    const abort = new AbortController();
    const starting = driver.start(abort.signal);
    await expect.poll(() => driver.status().phase, { timeout: 120_000 }).toBe('booting');
    // "booting" comes before QEMU is there (and between a failed accelerator and the next one): wait for it to hold the disk.
    await expect.poll(() => processesUsing(paths.disk).length, { timeout: 120_000 }).toBeGreaterThan(0);
    abort.abort();
    await expect(starting).rejects.toBeInstanceOf(VmCancelled);
    const status = driver.status();
    expect(status).toMatchObject({ phase: 'stopped', cancelled: true });
    expect(status.error).toBeUndefined();
    expect(status.lastCommand).toMatch(/^kill -TERM \d+$/);
    expect(processesUsing(paths.disk)).toEqual([]);
    expect(processesUsing(paths.key)).toEqual([]);
    expect(existsSync(paths.socket)).toBe(false);
    expect(existsSync(paths.pid)).toBe(false);
    // A QEMU still holding the disk would make qemu-img refuse it ("Failed to get shared \"write\" lock").
    const info = spawnSync('qemu-img', ['info', paths.disk], { encoding: 'utf8' });
    expect(info.stderr).toBe('');
    expect(info.status).toBe(0);
  }, 300_000);

  it('starts after the cancelled start: the engine answers on the forwarded socket, and the status said what it was doing', async () => {
    expect(driver.status().phase).toBe('stopped');
    await driver.start();
    const status = driver.status();
    expect(status.phase).toBe('running');
    expect(status.endpoint).toBe(driver.socket());
    expect(status.cancelled).toBeUndefined();
    expect(phases).toEqual(expect.arrayContaining(['preparing', 'booting', 'waiting-engine', 'running']));
    expect(['kvm', 'tcg']).toContain(status.accel);
    // A hardware accelerator that failed or hung is remembered, so the next start goes straight to what works.
    if (status.accel === 'tcg' && existsSync('/dev/kvm')) {
      const state = JSON.parse(readFileSync(join(dir, 'vm', 'vm.json'), 'utf8')) as { hungAccels: string[] };
      expect(state.hungAccels).toContain('kvm');
    }
    const docker = new Docker({ socketPath: new URL(driver.socket()).pathname });
    const info = (await docker.info()) as { Name: string; OperatingSystem: string };
    expect(info.Name).toBe('wharf-vm');
    expect(info.OperatingSystem).toMatch(/Debian/);
    expect(driver.logs()).toContain('wharf-guest: engine socket ready');
  }, 300_000);

  /** The running VM as ssh sees it: the loopback port QEMU forwards (from QEMU's command line) and the VM's files. */
  const guest = () => {
    const paths = qemuPaths(join(dir, 'vm'));
    const cmdline = readFileSync(`/proc/${readFileSync(paths.pid, 'utf8').trim()}/cmdline`, 'utf8').split('\0');
    const port = Number(/hostfwd=tcp:127\.0\.0\.1:(\d+)-:22/.exec(cmdline.join(' '))?.[1]);
    const args = (command: string, knownHosts: string) =>
      sshCommandArgs({ identity: paths.key, knownHosts, hostKeyAlias: paths.hostKeyAlias, port }, command);
    const ssh = (command: string, knownHosts = paths.knownHosts) =>
      spawnSync('ssh', args(command, knownHosts), { encoding: 'utf8', timeout: 60_000 });
    /** The same, leaving this process's event loop free (for a server of the test's own). */
    const sshAsync = async (command: string) =>
      (
        await execFileAsync('ssh', args(command, paths.knownHosts), { timeout: 60_000 }).catch(
          (e: { stdout?: string }) => e,
        )
      ).stdout ?? '';
    return { paths, cmdline, port, ssh, sshAsync };
  };

  it('QEMU’s monitor is a unix socket in the VM’s own folder (owner only), on no network port', () => {
    const { paths, cmdline } = guest();
    expect(statSync(join(dir, 'vm')).mode & 0o777).toBe(0o700);
    expect(statSync(paths.qmp).isSocket()).toBe(true);
    expect(cmdline).not.toContain('-qmp');
    expect(cmdline).toContain('chardev=monitor,mode=control');
    expect(cmdline).toContain('socket,id=monitor,path=qmp.sock,server=on,wait=off');
    // The one network port is the loopback port forwarded to the guest's sshd.
    expect(cmdline.filter((a) => /tcp:|udp:|telnet|host=|port=/.test(a))).toEqual([
      expect.stringMatching(/^user,.*hostfwd=tcp:127\.0\.0\.1:\d+-:22$/),
    ]);
  });

  it('the guest presents the host key made with the VM (kept from containers); any other key is refused', async () => {
    const { paths, port, ssh } = guest();
    const made = readFileSync(`${paths.hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const scan = spawnSync('ssh-keyscan', ['-t', 'ed25519', '-p', String(port), '127.0.0.1'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(scan.stdout.trim().split(/\s+/).slice(1, 3).join(' ')).toBe(made);
    expect(readFileSync(paths.knownHosts, 'utf8')).toBe(knownHostsLine(paths.hostKeyAlias, made));
    // In the guest's memory only, not on its disk.
    const inGuest = ssh('test ! -e /etc/ssh/ssh_host_ed25519_key && cat /run/wharf/ssh_host_ed25519_key');
    expect(inGuest.status).toBe(0);
    expect(inGuest.stdout).toBe(readFileSync(paths.hostKey, 'utf8'));
    // A known-hosts file pinning another key for the alias: ssh refuses the guest.
    const other = mkdtempSync(join(tmpdir(), 'wharf-vm-otherkey-'));
    try {
      expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(other, 'k')]).status).toBe(0);
      writeFileSync(
        join(other, 'known_hosts'),
        knownHostsLine(paths.hostKeyAlias, readFileSync(join(other, 'k.pub'), 'utf8')),
      );
      const refused = ssh('echo logged-in', join(other, 'known_hosts'));
      expect(refused.status).toBe(255);
      expect(refused.stdout).not.toContain('logged-in');
      expect(refused.stderr).toMatch(/host key/i);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // Containers see the kernel command line, but neither the key nor QEMU's firmware config.
    await buildBusyboxImage(driver.socket());
    const seen = await runIn(
      driver.socket(),
      'cat /proc/cmdline; ls -R /sys/firmware 2>&1; cat /sys/firmware/qemu_fw_cfg/by_name/opt/wharf/ssh_host_key/raw 2>&1',
    );
    const body = readFileSync(paths.hostKey, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(seen.out).not.toContain(line);
    expect(seen.out).not.toContain('BEGIN OPENSSH PRIVATE KEY');
  }, 180_000);

  it('nothing in the VM reaches the host’s loopback through 10.0.2.2; the engine’s forward still works', async () => {
    const connections: string[] = [];
    const server = createServer((s) => {
      connections.push(String(s.remoteAddress));
      s.end('host loopback\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await buildBusyboxImage(driver.socket());
      const probe = `nc -w 5 10.0.2.2 ${port} </dev/null && echo REACHED || echo BLOCKED`;
      const bridged = await runIn(driver.socket(), probe);
      const hostNet = await runIn(driver.socket(), probe, { NetworkMode: 'host' });
      const fromGuest = await guest().sshAsync(
        `timeout 10 bash -c 'exec 3<>/dev/tcp/10.0.2.2/${port}' && echo REACHED || echo BLOCKED`,
      );
      expect({ bridged: bridged.out, hostNet: hostNet.out, guest: fromGuest }).toEqual({
        bridged: expect.stringContaining('BLOCKED') as unknown,
        hostNet: expect.stringContaining('BLOCKED') as unknown,
        guest: expect.stringContaining('BLOCKED') as unknown,
      });
      expect(connections).toEqual([]);
      // The engine, reached through QEMU's forward of a loopback port into the guest, still answers.
      const docker = new Docker({ socketPath: new URL(driver.socket()).pathname });
      expect(((await docker.info()) as { Name: string }).Name).toBe('wharf-vm');
      // The listener itself answers on the host.
      const local = await new Promise<string>((resolve, reject) => {
        let text = '';
        const c = connect(port, '127.0.0.1');
        c.on('data', (d: Buffer) => (text += d.toString('utf8')));
        c.once('end', () => resolve(text));
        c.once('error', reject);
      });
      expect(local).toBe('host loopback\n');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 180_000);

  it('a container in the VM reads and writes a folder shared from the host', async () => {
    const endpoint = driver.socket();
    await buildBusyboxImage(endpoint);
    const docker = new Docker({ socketPath: new URL(endpoint).pathname });
    const container = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', 'cat /data/hello.txt && echo from the vm > /data/back.txt'],
      HostConfig: { Binds: [`${shared}:/data`] },
    });
    try {
      await container.start();
      const result = (await container.wait()) as { StatusCode: number };
      const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
      expect(logs).toContain('from the host');
      expect(result.StatusCode).toBe(0);
      expect(readFileSync(join(shared, 'back.txt'), 'utf8')).toBe('from the vm\n');
    } finally {
      await container.remove({ force: true });
    }
  }, 180_000);

  it('stops: the engine is stopped cleanly, the disk closed while a container writes, QEMU exits, the socket is gone', async () => {
    const pid = Number(readFileSync(qemuPaths(join(dir, 'vm')).pid, 'utf8'));
    // A container writing to its own filesystem until the engine stops it: its files are open on the disk.
    const docker = new Docker({ socketPath: new URL(driver.socket()).pathname });
    const writer = await docker.createContainer({
      Image: TEST_IMAGE,
      name: 'writer',
      Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do date >> /log; sleep 0.2; done'],
    });
    await writer.start();
    await driver.stop();
    expect(driver.status().phase).toBe('stopped');
    expect(existsSync(new URL(driver.socket()).pathname)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(driver.logs()).toContain('wharf-guest: disk closed cleanly');
    expect(driver.logs()).toContain('wharf-guest: power off');
  }, 90_000);

  it('resized while stopped: starts again with more memory and a larger disk, containers kept', async () => {
    const docker = () => new Docker({ socketPath: new URL(driver.socket()).pathname });
    await expect(driver.resize({ diskGiB: 4 })).rejects.toThrow(/only grow/);
    await driver.resize({ memoryMiB: 1536, diskGiB: 12 });
    await driver.start();
    expect(driver.status().phase).toBe('running');
    // The disk was closed cleanly at the stop: nothing for the kernel to recover.
    const boot = driver.logs(5000).join('\n');
    expect(boot).toMatch(/EXT4-fs \(vda\): mounted filesystem/);
    expect(boot).not.toContain('recovery required');
    // The container that was writing at the stop is kept, stopped by the engine, its writes on the disk.
    const writer = docker().getContainer('writer');
    const state = ((await writer.inspect()) as { State: { Running: boolean } }).State;
    expect(state.Running).toBe(false);
    const tar = await new Promise<Buffer>((resolve, reject) => {
      void writer.getArchive({ path: '/log' }).then((stream: NodeJS.ReadableStream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      }, reject);
    });
    // The size field of the tar's one entry (octal, at offset 124): lines written before the stop.
    expect(parseInt(tar.subarray(124, 136).toString('latin1').replace(/\0/g, '').trim(), 8)).toBeGreaterThan(0);
    const info = (await docker().info()) as { MemTotal: number; Images: number };
    expect(info.MemTotal).toBeGreaterThan(1300 * 2 ** 20);
    expect(info.Images).toBeGreaterThan(0);
    const container = await docker().createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', 'df -k / | tail -n 1'] });
    try {
      await container.start();
      await container.wait();
      const out = (await container.logs({ stdout: true })).toString('utf8');
      const sizeKiB = Number(/\s(\d+)\s+\d+\s+\d+\s+\d+%/.exec(out)?.[1]);
      expect(sizeKiB).toBeGreaterThan(10 * 2 ** 20);
    } finally {
      await container.remove({ force: true });
    }
  }, 300_000);
});

describe.skipIf(unavailable !== undefined)('QEMU driver failures', () => {
  it('a VM that cannot boot says so in plain words, with the command and the console', async () => {
    const image = await testVmImage();
    const dir = mkdtempSync(join(tmpdir(), 'wharf-vm-bad-'));
    try {
      const kernel = join(dir, 'not-a-kernel');
      writeFileSync(kernel, 'this is not a kernel\n');
      const driver = createQemuDriver({
        dir: join(dir, 'vm'),
        image: { ...image, kernel },
        resources: { cpus: 1, memoryMiB: 256, diskGiB: 2 },
        accel: 'tcg',
        network: 'restricted',
        readyTimeoutMs: 60_000,
      });
      const error = await driver.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(VmError);
      const status = driver.status();
      expect(status.phase).toBe('error');
      expect(status.error?.message).toMatch(/QEMU stopped at once/);
      expect(status.error?.message).toMatch(/kernel/i);
      expect(status.lastCommand).toContain('qemu-system-x86_64');
      expect(status.lastCommand).toContain(kernel);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
