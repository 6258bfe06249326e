// The QEMU driver: one VM per folder, booted straight into Debian's kernel
// with Wharf's guest image; this file runs QEMU's process (boot, wait for the
// engine, stop). The folder is readied in qemu-prepare.ts, the engine reached
// through qemu-link.ts.
// Accelerators are detected, not assumed: a hardware accelerator that shows
// nothing on the console within bootProbeMs is taken as hung, remembered,
// and the VM is booted again with TCG.
// A start can be cancelled at any step: QEMU is stopped with SIGTERM (it
// closes its disks and releases their locks), the forward is ended, and the
// VM is 'stopped' with `cancelled`.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import type { PlainError } from '../api/types';
import type { VmResources, VmShare } from '../domains/vm/types';
import { isReachable } from '../engine/client';
import { describeMilestone, readBoot } from './boot-progress';
import { holdMonitor, monitorPipeName, monitorPipePath } from './guest-access';
import type { VmImage } from './image';
import {
  qemuArgs,
  qemuBinary,
  showCommand,
  type Accel,
  type CpuArch,
  type HostPlatform,
  type QemuShare,
} from './qemu-args';
import { createQemuLink } from './qemu-link';
import { QMP_SOCKET, qemuPaths } from './qemu-paths';
import { createQemuPreparation } from './qemu-prepare';
import { createStatusBox, readFrom, sleep, tailLines } from './support';
import { VmCancelled, VmError, type VmDriver } from './types';
import { processUsage } from './usage';

export interface QemuDriverOptions {
  dir: string;
  image: VmImage;
  resources: VmResources;
  shares?: VmShare[];
  /** Use this accelerator only (tests force 'tcg'); else $WHARF_VM_ACCEL, else detected. */
  accel?: Accel;
  qemu?: string;
  network?: 'nat' | 'restricted';
  platform?: HostPlatform;
  /** The host's CPU (process.arch by default); the guest's is the image's. */
  hostArch?: CpuArch;
  /** How long a hardware accelerator may leave the console empty before it counts as hung. */
  bootProbeMs?: number;
  /** How long from starting QEMU to an engine that answers. */
  readyTimeoutMs?: number;
  log?: (message: string) => void;
}

export function createQemuDriver(options: QemuDriverOptions): VmDriver {
  const platform = options.platform ?? (process.platform as HostPlatform);
  const hostArch: CpuArch = options.hostArch ?? (process.arch === 'arm64' ? 'arm64' : 'x64');
  // The guest's CPU decides the QEMU binary and machine; only a guest of the host's own CPU can use the hypervisor.
  const arch = options.image.arch;
  const program = options.qemu ?? qemuBinary(platform, arch);
  // Absolute: QEMU runs in this folder.
  const dir = resolve(options.dir);
  const paths = qemuPaths(dir);
  const log = options.log ?? (() => {});
  let resources: VmResources = { ...options.resources };
  const box = createStatusBox({
    driver: 'qemu',
    phase: existsSync(paths.disk) ? 'stopped' : 'absent',
    logTail: [],
    resources,
    imageVersion: options.image.version,
  });
  let qemu: ChildProcess | undefined;
  let qemuExit: Promise<number | null> = Promise.resolve(null);
  let monitor: Socket | undefined;
  let stopping = false;
  let usageTimer: NodeJS.Timeout | undefined;
  /** The signal of the start in progress: once aborted, every step stops and nothing counts as a failure. */
  let startSignal: AbortSignal | undefined;
  const cancelling = (): boolean => startSignal?.aborted === true;
  const checkCancelled = (): void => {
    if (cancelling()) throw new StartCancelled();
  };

  const fail = (error: PlainError, lastCommand?: string): VmError => {
    if (cancelling()) return new StartCancelled();
    box.set({
      phase: 'error',
      progress: undefined,
      error,
      logTail: tailLines(paths.console, 20),
      ...(lastCommand ? { lastCommand } : {}),
    });
    return new VmError(box.get());
  };

  const link = createQemuLink({ paths, platform, box, log });
  const endpoint = link.endpoint;
  const prep = createQemuPreparation({
    dir,
    paths,
    image: options.image,
    platform,
    hostArch,
    program,
    ...(options.accel ? { accel: options.accel } : {}),
    box,
    log,
    fail,
  });

  function qemuShares(): QemuShare[] {
    return (options.shares ?? []).map((s, i) => ({
      tag: `share${i}`,
      hostPath: s.hostPath,
      guestPath: s.guestPath ?? s.hostPath,
      ...(s.readOnly ? { readOnly: true } : {}),
    }));
  }

  /** Boots QEMU once with one accelerator: 'booted' once the kernel speaks, else why the accelerator failed. */
  async function boot(accel: Accel, deadline: number): Promise<'booted' | { failed: string }> {
    const sshPort = await link.newSshPort();
    rmSync(paths.console, { force: true });
    rmSync(paths.qmp, { force: true });
    const monitorPipe = platform === 'win32' ? monitorPipeName() : undefined;
    const args = qemuArgs({
      platform,
      arch,
      accel,
      cpus: resources.cpus,
      memoryMiB: resources.memoryMiB,
      kernel: resolve(options.image.kernel),
      initrd: resolve(options.image.initrd),
      disk: paths.disk,
      sshPort,
      consoleLog: paths.console,
      qmp: monitorPipe ? { pipe: monitorPipe } : { socket: QMP_SOCKET },
      publicKey: readFileSync(`${paths.key}.pub`, 'utf8'),
      hostKeyFile: paths.hostKey,
      shares: qemuShares(),
      network: options.network ?? 'nat',
    });
    const command = showCommand(program, args);
    box.set({
      phase: 'booting',
      accel,
      progress: describeMilestone('nothing', accel),
      lastCommand: command,
      error: undefined,
    });
    log(`vm: ${command}`);
    const errFd = openSync(paths.qemuLog, 'w');
    let child: ChildProcess;
    try {
      child = spawn(program, args, { cwd: dir, stdio: ['ignore', 'ignore', errFd], windowsHide: true });
    } finally {
      closeSync(errFd);
    }
    qemu = child;
    let exited: number | null | undefined;
    qemuExit = new Promise((resolve) => {
      child.once('error', () => resolve((exited = -1)));
      child.once('exit', (code) => resolve((exited = code ?? -1)));
    });
    if (child.pid !== undefined) writeFileSync(paths.pid, `${child.pid}\n`);
    if (monitorPipe) {
      monitor?.destroy();
      monitor = await holdMonitor(monitorPipePath(monitorPipe), () => exited !== undefined || cancelling());
      void qemuExit.then(() => monitor?.destroy());
      checkCancelled();
      if (!monitor && exited === undefined) {
        // QEMU waits for its monitor's client before it boots: without one it would only look hung.
        await killQemu();
        throw fail(
          { message: 'Wharf could not open QEMU’s monitor pipe, which QEMU waits for before it boots.' },
          command,
        );
      }
    }

    const probeEnd = accel === 'tcg' ? deadline : Math.min(deadline, Date.now() + (options.bootProbeMs ?? 15_000));
    for (;;) {
      checkCancelled();
      if (exited !== undefined) {
        const why = tailLines(paths.qemuLog, 5).join(' ') || `exit code ${exited}`;
        if (accel !== 'tcg' && /accel|kvm|hvf|whpx|hypervisor/i.test(why)) return { failed: `QEMU stopped: ${why}` };
        throw fail(
          { message: `QEMU stopped at once: ${why}`, hint: 'The command and the console below say more.' },
          command,
        );
      }
      if (readBoot(readFrom(paths.console, 0).text).milestone !== 'nothing') return 'booted';
      if (Date.now() >= probeEnd) {
        if (accel === 'tcg') break;
        await killQemu();
        return {
          failed: `the console stayed empty for ${Math.round((options.bootProbeMs ?? 15_000) / 1000)} s (hung)`,
        };
      }
      await sleep(100);
    }
    await killQemu();
    throw fail({ message: 'The VM did not start its kernel in time.' }, command);
  }

  async function killQemu(): Promise<void> {
    const child = qemu;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if ((await Promise.race([qemuExit.then(() => true), sleep(5000).then(() => false)])) === false)
      child.kill('SIGKILL');
    await qemuExit;
  }

  async function waitForEngine(deadline: number): Promise<void> {
    let lastText = '';
    for (;;) {
      checkCancelled();
      if (qemu && (qemu.exitCode !== null || qemu.signalCode !== null)) {
        throw fail({
          message: 'The VM stopped while it was starting.',
          hint: 'The last lines of its console below usually say why.',
        });
      }
      const reading = readBoot(readFrom(paths.console, 0).text);
      if (reading.failure) {
        await killQemu();
        throw fail({
          message: `The VM could not start: ${reading.failure}`,
          hint: 'The last lines of its console are below.',
        });
      }
      const text = describeMilestone(reading.milestone, box.get().accel ?? '');
      if (text !== lastText) {
        lastText = text;
        box.set({
          phase: reading.milestone === 'engine' || reading.milestone === 'engine-socket' ? 'waiting-engine' : 'booting',
          progress: text,
        });
      }
      if (reading.milestone === 'sshd' || reading.milestone === 'engine' || reading.milestone === 'engine-socket') {
        // dockerd makes its socket seconds before it answers (under emulation, 5 to 10): once the guest
        // says the socket is there, a ping waits for the answer instead of being dropped and sent again,
        // so the engine is seen the moment it answers. A lost connection still ends a ping at once.
        const pingMs =
          reading.milestone === 'engine-socket' ? Math.max(2000, Math.min(15_000, deadline - Date.now())) : 2000;
        if (await link.reach(pingMs)) return;
      }
      if (Date.now() >= deadline) {
        await killQemu();
        link.killForward();
        throw fail({
          message: `The engine in the VM did not answer within ${Math.round((options.readyTimeoutMs ?? 300_000) / 1000)} seconds.`,
          hint: 'The last lines of the VM’s console are below.',
        });
      }
      await sleep(250);
    }
  }

  function watchUsage(pid: number | undefined): void {
    if (usageTimer) clearInterval(usageTimer);
    if (pid === undefined) return;
    const sample = processUsage(pid);
    usageTimer = setInterval(() => {
      void sample().then((u) => {
        if (u && box.get().phase === 'running') {
          let diskBytes = 0;
          try {
            diskBytes = statSync(paths.disk).size;
          } catch {
            diskBytes = 0;
          }
          box.set({ usage: { ...u, diskBytes } });
        }
      });
    }, 5000);
    usageTimer.unref();
  }

  async function start(): Promise<void> {
    const phase = box.get().phase;
    if (phase === 'running' && (await isReachable(endpoint, null, 2000))) return;
    if (qemu && qemu.exitCode === null && qemu.signalCode === null) await stop();
    stopping = false;
    const began = Date.now();
    box.set({ cancelled: undefined });
    checkCancelled();
    await prep.create(resources);
    checkCancelled();
    await prep.followImage();
    checkCancelled();
    await prep.growDisk(resources.diskGiB);
    const deadline = began + (options.readyTimeoutMs ?? 300_000);
    const accels = await prep.detectAccels();
    let booted = false;
    for (const accel of accels) {
      checkCancelled();
      const result = await boot(accel, deadline);
      checkCancelled();
      if (result === 'booted') {
        booted = true;
        break;
      }
      log(`vm: ${accel} did not boot (${result.failed}); trying the next accelerator`);
      prep.markHung(accel);
    }
    if (!booted) throw fail({ message: 'No accelerator could start the VM.' });
    await waitForEngine(deadline);
    checkCancelled();
    box.set({
      phase: 'running',
      progress: undefined,
      endpoint,
      error: undefined,
      logTail: [],
      readyMs: Date.now() - began,
    });
    watchUsage(qemu?.pid);
    const running = qemu;
    void qemuExit.then(() => {
      if (stopping || qemu !== running) return;
      link.killForward();
      void link.closePipe();
      link.removeSocket();
      fail({ message: 'The VM stopped unexpectedly.', hint: 'The last lines of its console below usually say why.' });
    });
  }

  /** Called when a start was cancelled: ends what it started and says so. */
  async function endCancelledStart(): Promise<void> {
    const pid = qemu?.pid;
    await killQemu();
    qemu = undefined;
    await link.endForward();
    await link.closePipe();
    link.removeSocket();
    rmSync(paths.pid, { force: true });
    box.set({
      phase: existsSync(paths.disk) ? 'stopped' : 'absent',
      progress: undefined,
      endpoint: undefined,
      usage: undefined,
      error: undefined,
      logTail: [],
      cancelled: true,
      ...(pid !== undefined
        ? { lastCommand: platform === 'win32' ? `taskkill /PID ${pid}` : `kill -TERM ${pid}` }
        : {}),
    });
    log('vm: the start was cancelled; QEMU stopped');
  }

  async function stop(): Promise<void> {
    const child = qemu;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      link.killForward();
      await link.closePipe();
      link.removeSocket();
      if (box.get().phase !== 'absent')
        box.set({ phase: 'stopped', progress: undefined, endpoint: undefined, usage: undefined });
      return;
    }
    stopping = true;
    box.set({ phase: 'stopping', progress: 'Stopping the engine and the VM…', usage: undefined });
    await link.runInGuest('setsid /sbin/wharf-poweroff </dev/null >/dev/null 2>&1 &');
    const clean = await Promise.race([qemuExit.then(() => true), sleep(30_000).then(() => false)]);
    if (!clean) {
      log('vm: the guest did not power off within 30 s; stopping QEMU');
      await killQemu();
    }
    link.dropForward();
    await link.closePipe();
    qemu = undefined;
    if (usageTimer) clearInterval(usageTimer);
    link.removeSocket();
    rmSync(paths.pid, { force: true });
    box.set({ phase: 'stopped', progress: undefined, endpoint: undefined });
    stopping = false;
  }

  return {
    name: 'qemu',
    create: () => prep.create(resources),
    start: async (signal) => {
      startSignal = signal;
      const onAbort = (): void => {
        box.set({ phase: 'stopping', progress: 'Cancelling the start…' });
        // Ends the boot at once; the step in progress notices and endCancelledStart tidies up.
        void killQemu();
        link.killForward();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await start();
      } catch (e) {
        if (cancelling()) {
          await endCancelledStart();
          throw new VmCancelled(box.get());
        }
        if (e instanceof VmError) throw e;
        throw fail({ message: (e as Error).message });
      } finally {
        signal?.removeEventListener('abort', onAbort);
        startSignal = undefined;
      }
    },
    stop,
    async remove() {
      await stop();
      for (const f of [
        paths.disk,
        paths.state,
        paths.console,
        paths.qemuLog,
        paths.knownHosts,
        paths.hostKey,
        `${paths.hostKey}.pub`,
      ]) {
        rmSync(f, { force: true });
      }
      box.set({ phase: 'absent' });
    },
    status: () => box.get(),
    onStatus: (l) => box.on(l),
    logs: (lines = 50) => tailLines(paths.console, lines),
    async resize(next) {
      if (next.diskGiB !== undefined && next.diskGiB < resources.diskGiB) {
        throw new Error(`The disk can only grow (it is ${resources.diskGiB} GiB).`);
      }
      resources = { ...resources, ...next };
      box.set({ resources });
    },
    socket: () => endpoint,
  };
}

/** Thrown inside a start once its signal is aborted; the driver turns it into VmCancelled. */
class StartCancelled extends VmError {
  constructor() {
    super({ driver: 'qemu', phase: 'stopping', logTail: [], resources: { cpus: 0, memoryMiB: 0, diskGiB: 0 } });
    this.name = 'StartCancelled';
  }
}
