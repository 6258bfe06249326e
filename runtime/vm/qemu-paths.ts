// Where a QEMU VM keeps its files: one folder per VM (disk, keys, console,
// QMP socket), and the engine's socket or named pipe on the host.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostKeyAlias } from './guest-access';

/** The engine's socket inside the guest. */
export const REMOTE_SOCKET = '/run/docker.sock';
/** QMP's socket name, relative to the VM's folder (QEMU runs there). */
export const QMP_SOCKET = 'qmp.sock';
const MAX_SOCKET_PATH = 100;

export type QemuPaths = ReturnType<typeof qemuPaths>;

export function qemuPaths(dir: string) {
  let socket = join(dir, 'docker.sock');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    socket = join(tmpdir(), `wharf-vm-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.sock`);
  }
  return {
    /** Windows: the engine's endpoint, one per VM folder. */
    pipe: `\\\\.\\pipe\\wharf-engine-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`,
    disk: join(dir, 'disk.qcow2'),
    state: join(dir, 'vm.json'),
    key: join(dir, 'id_ed25519'),
    /** The guest's SSH host key, made here with the VM (QEMU hands it to the guest). */
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    hostKeyAlias: hostKeyAlias(dir),
    knownHosts: join(dir, 'known_hosts'),
    console: join(dir, 'console.log'),
    qemuLog: join(dir, 'qemu.log'),
    pid: join(dir, 'qemu.pid'),
    /** QMP's socket (not on Windows): QEMU runs in the VM's folder and is given it as `qmp.sock`, whatever the folder's length. */
    qmp: join(dir, QMP_SOCKET),
    socket,
  };
}
