import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holdMonitor, hostKeyAlias, keepPrivate, monitorPipeName, monitorPipePath, pinHostKey } from './guest-access';

const dirs: string[] = [];
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'wharf-guest-access-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the VM’s folder and host key', () => {
  it('makes an existing VM folder its owner’s alone', () => {
    const dir = join(scratch(), 'vm');
    mkdirSync(dir, { mode: 0o755 });
    keepPrivate(dir, 'linux');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('pins the host key made with the VM, alone, under an alias of the VM (not of a port)', () => {
    const dir = scratch();
    const key = join(dir, 'ssh_host_ed25519_key');
    writeFileSync(`${key}.pub`, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMade wharf-vm-host\n');
    const knownHosts = join(dir, 'known_hosts');
    // Whatever was there (a key learnt by an older Wharf, say) is replaced.
    writeFileSync(knownHosts, '[127.0.0.1]:40022 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther\n');
    const alias = hostKeyAlias(join(dir, 'vm'));
    pinHostKey(key, knownHosts, alias);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`${alias} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMade\n`);
    expect(alias).toMatch(/^wharf-vm-[0-9a-f]{12}$/);
    expect(hostKeyAlias('/a/vm')).not.toBe(hostKeyAlias('/b/vm'));
    expect(() => pinHostKey(join(dir, 'missing'), knownHosts, alias)).toThrow(/host key is missing/);
  });
});

describe('QEMU’s monitor on Windows', () => {
  it('names a fresh, unguessable pipe each time', () => {
    const a = monitorPipeName();
    expect(a).toMatch(/^wharf-qmp-[0-9a-f]{32}$/);
    expect(monitorPipeName()).not.toBe(a);
    expect(monitorPipePath(a)).toBe(`\\\\.\\pipe\\${a}`);
  });

  it('connects as the monitor’s client once it appears, and gives up when QEMU is gone', async () => {
    const path = join(scratch(), 'monitor.sock');
    let server: Server | undefined;
    const accepted = new Promise<void>((resolve) => {
      setTimeout(() => {
        server = createServer(() => resolve());
        server.listen(path);
      }, 300);
    });
    const socket = await holdMonitor(path, () => false, 5000);
    expect(socket).toBeDefined();
    await accepted;
    socket?.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    expect(await holdMonitor(join(scratch(), 'none.sock'), () => true, 5000)).toBeUndefined();
  });
});
