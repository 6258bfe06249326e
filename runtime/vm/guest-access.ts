// How Wharf, and only Wharf, reaches a QEMU guest from this computer:
//  - the VM's folder is the user's alone (keys, disk, console, QMP socket);
//  - the guest's SSH host key is made here when the VM is made, handed to the
//    guest by QEMU's fw_cfg at each boot, and pinned in a known-hosts file that
//    holds that key alone under the VM's alias;
//  - on Windows QEMU's monitor is a named pipe of a random name that Wharf
//    opens at once as its one client (QEMU waits for it before booting).
import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { sleep } from './support';
import { knownHostsLine } from './ssh-forward';

/** The name the guest's host key is pinned under: one per VM folder. */
export function hostKeyAlias(dir: string): string {
  return `wharf-vm-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`;
}

/** ssh-keygen's arguments for the guest's host key (no passphrase: QEMU hands the file over as it is). */
export function hostKeygenArgs(file: string): string[] {
  return ['-q', '-t', 'ed25519', '-N', '', '-C', 'wharf-vm-host', '-f', file];
}

/** The VM's folder is readable by its owner only (it may be older than this rule). */
export function keepPrivate(dir: string, platform: NodeJS.Platform): void {
  if (platform !== 'win32') chmodSync(dir, 0o700);
}

/** Writes the known-hosts file afresh from the host key's public half: that key, under that alias, and nothing else. */
export function pinHostKey(hostKey: string, knownHosts: string, alias: string): void {
  if (!existsSync(`${hostKey}.pub`)) throw new Error(`The VM's SSH host key is missing (${hostKey}.pub).`);
  writeFileSync(knownHosts, knownHostsLine(alias, readFileSync(`${hostKey}.pub`, 'utf8')), { mode: 0o600 });
}

/** A fresh, unguessable name for QEMU's monitor pipe on Windows (\\.\pipe\<name>). */
export function monitorPipeName(): string {
  return `wharf-qmp-${randomBytes(16).toString('hex')}`;
}

/** Where Node opens a pipe QEMU names `path=<name>`. */
export function monitorPipePath(name: string): string {
  return `\\\\.\\pipe\\${name}`;
}

/**
 * Opens QEMU's monitor as its one client (on Windows QEMU makes the pipe with
 * room for one and waits for that client before it boots), trying until it is
 * there, QEMU is gone or the time is up. The connection is kept until QEMU ends.
 */
export async function holdMonitor(path: string, gone: () => boolean, timeoutMs = 10_000): Promise<Socket | undefined> {
  const end = Date.now() + timeoutMs;
  while (!gone() && Date.now() < end) {
    const socket = await new Promise<Socket | undefined>((resolve) => {
      const s = connect(path);
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(undefined));
    });
    if (socket) {
      socket.on('error', () => {});
      socket.resume();
      return socket;
    }
    await sleep(50);
  }
  return undefined;
}
