// Readying a QEMU VM's folder before a boot: its SSH keys, its disk (made,
// pointed at a moved image, grown) and the accelerators to try, with the ones
// that hung before remembered in vm.json.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { PlainError } from '../api/types';
import type { VmResources } from '../domains/vm/types';
import { backingFileOf, qemuImgCommands, rebaseIfMoved } from './disk';
import { hostKeygenArgs, keepPrivate, pinHostKey } from './guest-access';
import type { VmImage } from './image';
import { accelOrder, parseAccelHelp, showCommand, type Accel, type CpuArch, type HostPlatform } from './qemu-args';
import type { QemuPaths } from './qemu-paths';
import { sshKeygenArgs } from './ssh-forward';
import { run, type StatusBox } from './support';
import type { VmError } from './types';

const VmFile = z.object({
  imageVersion: z.string(),
  diskGiB: z.number(),
  hungAccels: z.array(z.string()).default([]),
});
type VmFileData = z.infer<typeof VmFile>;

export interface QemuPrepareOptions {
  dir: string;
  paths: QemuPaths;
  image: VmImage;
  platform: HostPlatform;
  hostArch: CpuArch;
  /** The QEMU program (its `-accel help` lists the accelerators). */
  program: string;
  /** Only this accelerator (tests force 'tcg'); else $WHARF_VM_ACCEL, else detected. */
  accel?: Accel;
  box: StatusBox;
  log: (message: string) => void;
  /** Records the failure in the status and returns the error to throw. */
  fail: (error: PlainError, lastCommand?: string) => VmError;
}

export interface QemuPreparation {
  /** Makes the folder, the keys and the disk (what is missing of them). */
  create(resources: VmResources): Promise<void>;
  /** The image folder may have moved since the disk was made: point the disk at where it is now. */
  followImage(): Promise<void>;
  /** Grows the disk to the size asked for when it is smaller. */
  growDisk(diskGiB: number): Promise<void>;
  /** The accelerators to try in order, those that hung before left out (TCG never is). */
  detectAccels(): Promise<Accel[]>;
  /** Remembers that this accelerator hung, so it is not tried again. */
  markHung(accel: Accel): void;
}

export function createQemuPreparation(options: QemuPrepareOptions): QemuPreparation {
  const { dir, paths, image, platform, program, box, log, fail } = options;
  const qemuImg = platform === 'win32' ? 'qemu-img.exe' : 'qemu-img';

  const readState = (): VmFileData | undefined => {
    try {
      return VmFile.parse(JSON.parse(readFileSync(paths.state, 'utf8')));
    } catch {
      return undefined;
    }
  };
  const writeState = (s: VmFileData): void => writeFileSync(paths.state, `${JSON.stringify(s, null, 2)}\n`);

  async function runStep(args: string[], what: string, bin: string): Promise<void> {
    const command = showCommand(bin, args);
    box.set({ lastCommand: command });
    const r = await run(bin, args, 120_000);
    if (r.code !== 0) {
      const reason = (r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' ')) || `exit ${r.code}`;
      throw fail({ message: `${what} failed: ${reason}`, hint: missingHint(bin, r.error) }, command);
    }
  }

  return {
    async create(resources) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      keepPrivate(dir, platform);
      if (!existsSync(paths.key)) await runStep(sshKeygenArgs(paths.key), 'Making the VM’s SSH key', 'ssh-keygen');
      if (!existsSync(paths.hostKey) || !existsSync(`${paths.hostKey}.pub`)) {
        rmSync(paths.hostKey, { force: true });
        rmSync(`${paths.hostKey}.pub`, { force: true });
        await runStep(hostKeygenArgs(paths.hostKey), 'Making the VM’s SSH host key', 'ssh-keygen');
      }
      pinHostKey(paths.hostKey, paths.knownHosts, paths.hostKeyAlias);
      if (existsSync(paths.disk)) return;
      box.set({ phase: 'preparing', progress: 'Making the VM’s disk…', error: undefined });
      await runStep(
        ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', image.root, paths.disk, `${resources.diskGiB}G`],
        'Making the VM’s disk',
        qemuImg,
      );
      writeState({ imageVersion: image.version, diskGiB: resources.diskGiB, hungAccels: [] });
      box.set({ phase: 'stopped', progress: undefined });
    },

    async followImage() {
      const info = await run(qemuImg, qemuImgCommands.info(paths.disk), 30_000);
      if (info.code !== 0) return;
      const args = rebaseIfMoved(paths.disk, backingFileOf(info.stdout), image.root, platform);
      if (!args) return;
      log(`vm: the image moved to ${image.dir}; pointing the VM's disk at it`);
      await runStep(args, 'Pointing the VM’s disk at the moved image', qemuImg);
    },

    async growDisk(diskGiB) {
      const state = readState();
      if (state && state.diskGiB < diskGiB) {
        await runStep(['resize', '-q', paths.disk, `${diskGiB}G`], 'Growing the VM’s disk', qemuImg);
        writeState({ ...state, diskGiB });
      }
    },

    async detectAccels() {
      const forced = options.accel ?? (process.env.WHARF_VM_ACCEL as Accel | undefined);
      if (forced) return [forced];
      const help = await run(program, ['-accel', 'help'], 10_000);
      if (help.code !== 0) {
        throw fail(
          { message: `QEMU could not be run (${program}).`, hint: missingHint(program, help.error) },
          showCommand(program, ['-accel', 'help']),
        );
      }
      let kvmUsable = false;
      try {
        accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
        kvmUsable = true;
      } catch {
        kvmUsable = false;
      }
      const hung = readState()?.hungAccels ?? [];
      return accelOrder(platform, parseAccelHelp(help.stdout), kvmUsable, {
        host: options.hostArch,
        guest: image.arch,
      }).filter((a) => a === 'tcg' || !hung.includes(a));
    },

    markHung(accel) {
      const s = readState();
      if (s && !s.hungAccels.includes(accel)) writeState({ ...s, hungAccels: [...s.hungAccels, accel] });
    },
  };
}

function missingHint(program: string, error?: NodeJS.ErrnoException): string | undefined {
  if (error?.code !== 'ENOENT') return undefined;
  if (program.startsWith('qemu-system-aarch64')) {
    return 'Install QEMU (Debian/Ubuntu: qemu-system-arm qemu-utils; macOS: brew install qemu; Windows: the QEMU installer).';
  }
  if (program.startsWith('qemu'))
    return 'Install QEMU (Debian/Ubuntu: qemu-system-x86 qemu-utils; macOS: brew install qemu; Windows: the QEMU installer).';
  if (program.startsWith('ssh')) return 'Install the OpenSSH client (Debian/Ubuntu: openssh-client).';
  return undefined;
}
