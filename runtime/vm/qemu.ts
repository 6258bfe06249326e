// The QEMU driver: one VM per folder, booted straight into Debian's kernel
// with Wharf's guest image, the engine's socket forwarded over SSH.
// On Windows QEMU forwards no named pipe: Wharf serves one and joins each
// connection to `docker system dial-stdio` over SSH (pipe-join.ts).
// Accelerators are detected, not assumed: a hardware accelerator that shows
// nothing on the console within bootProbeMs is taken as hung, remembered,
// and the VM is booted again with TCG.
// A start can be cancelled at any step: QEMU is stopped with SIGTERM (it
// closes its disks and releases their locks), the forward is ended, and the
// VM is 'stopped' with `cancelled`.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Server, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { PlainError, } from '../api/types';
import type { VmResources, VmShare, VmStatus } from '../api/vm-types';
import { isReachable } from '../engine/client';
import { describeMilestone, readBoot } from './boot-progress';
import { holdMonitor, hostKeyAlias, hostKeygenArgs, keepPrivate, monitorPipeName, monitorPipePath, pinHostKey } from './guest-access';
import { backingFileOf, qemuImgCommands, rebaseIfMoved } from './disk';
import type { VmImage } from './image';
import { accelOrder, parseAccelHelp, qemuArgs, qemuBinary, showCommand, type Accel, type CpuArch, type HostPlatform, type QemuShare } from './qemu-args';
import { pipeEndpoint, servePipe } from './pipe-join';
import { sshCommandArgs, sshDialStdioArgs, sshForwardArgs, sshKeygenArgs } from './ssh-forward';
import { createStatusBox, freeLoopbackPort, readFrom, run, sleep, tailLines } from './support';
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

const VmFile = z.object({
  imageVersion: z.string(),
  diskGiB: z.number(),
  hungAccels: z.array(z.string()).default([]),
});
type VmFileData = z.infer<typeof VmFile>;

const REMOTE_SOCKET = '/run/docker.sock';
const QMP_SOCKET = 'qmp.sock';
const MAX_SOCKET_PATH = 100;

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
  let forward: ChildProcess | undefined;
  let monitor: Socket | undefined;
  let sshPort = 0;
  let stopping = false;
  let usageTimer: NodeJS.Timeout | undefined;
  /** The signal of the start in progress: once aborted, every step stops and nothing counts as a failure. */
  let startSignal: AbortSignal | undefined;
  const cancelling = (): boolean => startSignal?.aborted === true;
  const checkCancelled = (): void => {
    if (cancelling()) throw new StartCancelled();
  };

  const usePipe = platform === 'win32';
  const endpoint = usePipe ? pipeEndpoint(paths.pipe) : `unix://${paths.socket}`;
  let pipeServer: Server | undefined;
  const sshTarget = () => ({ identity: paths.key, knownHosts: paths.knownHosts, hostKeyAlias: paths.hostKeyAlias, port: sshPort });

  const readState = (): VmFileData | undefined => {
    try {
      return VmFile.parse(JSON.parse(readFileSync(paths.state, 'utf8')));
    } catch {
      return undefined;
    }
  };
  const writeState = (s: VmFileData): void => writeFileSync(paths.state, `${JSON.stringify(s, null, 2)}\n`);

  const fail = (error: PlainError, lastCommand?: string): VmError => {
    if (cancelling()) return new StartCancelled();
    box.set({ phase: 'error', progress: undefined, error, logTail: tailLines(paths.console, 20), ...(lastCommand ? { lastCommand } : {}) });
    return new VmError(box.get());
  };

  async function runStep(args: string[], what: string, bin: string): Promise<void> {
    const command = showCommand(bin, args);
    box.set({ lastCommand: command });
    const r = await run(bin, args, 120_000);
    if (r.code !== 0) {
      const reason = (r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' ')) || `exit ${r.code}`;
      throw fail({ message: `${what} failed: ${reason}`, hint: missingHint(bin, r.error) }, command);
    }
  }

  async function create(): Promise<void> {
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
    const qemuImg = platform === 'win32' ? 'qemu-img.exe' : 'qemu-img';
    await runStep(
      ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', options.image.root, paths.disk, `${resources.diskGiB}G`],
      'Making the VM’s disk',
      qemuImg,
    );
    writeState({ imageVersion: options.image.version, diskGiB: resources.diskGiB, hungAccels: [] });
    box.set({ phase: 'stopped', progress: undefined });
  }

  /** The image folder may have moved since the disk was made: point the disk at where it is now. */
  async function followImage(): Promise<void> {
    const qemuImg = platform === 'win32' ? 'qemu-img.exe' : 'qemu-img';
    const info = await run(qemuImg, qemuImgCommands.info(paths.disk), 30_000);
    if (info.code !== 0) return;
    const args = rebaseIfMoved(paths.disk, backingFileOf(info.stdout), options.image.root, platform);
    if (!args) return;
    log(`vm: the image moved to ${options.image.dir}; pointing the VM's disk at it`);
    await runStep(args, 'Pointing the VM’s disk at the moved image', qemuImg);
  }

  async function detectAccels(): Promise<Accel[]> {
    const forced = options.accel ?? (process.env.WHARF_VM_ACCEL as Accel | undefined);
    if (forced) return [forced];
    const help = await run(program, ['-accel', 'help'], 10_000);
    if (help.code !== 0) {
      throw fail({ message: `QEMU could not be run (${program}).`, hint: missingHint(program, help.error) }, showCommand(program, ['-accel', 'help']));
    }
    let kvmUsable = false;
    try {
      accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
      kvmUsable = true;
    } catch {
      kvmUsable = false;
    }
    const hung = readState()?.hungAccels ?? [];
    return accelOrder(platform, parseAccelHelp(help.stdout), kvmUsable, { host: hostArch, guest: arch }).filter((a) => a === 'tcg' || !hung.includes(a));
  }

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
    sshPort = await freeLoopbackPort();
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
    box.set({ phase: 'booting', accel, progress: describeMilestone('nothing', accel), lastCommand: command, error: undefined });
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
        throw fail({ message: 'Wharf could not open QEMU’s monitor pipe, which QEMU waits for before it boots.' }, command);
      }
    }

    const probeEnd = accel === 'tcg' ? deadline : Math.min(deadline, Date.now() + (options.bootProbeMs ?? 15_000));
    for (;;) {
      checkCancelled();
      if (exited !== undefined) {
        const why = tailLines(paths.qemuLog, 5).join(' ') || `exit code ${exited}`;
        if (accel !== 'tcg' && /accel|kvm|hvf|whpx|hypervisor/i.test(why)) return { failed: `QEMU stopped: ${why}` };
        throw fail({ message: `QEMU stopped at once: ${why}`, hint: 'The command and the console below say more.' }, command);
      }
      if (readBoot(readFrom(paths.console, 0).text).milestone !== 'nothing') return 'booted';
      if (Date.now() >= probeEnd) {
        if (accel === 'tcg') break;
        await killQemu();
        return { failed: `the console stayed empty for ${Math.round((options.bootProbeMs ?? 15_000) / 1000)} s (hung)` };
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
    if ((await Promise.race([qemuExit.then(() => true), sleep(5000).then(() => false)])) === false) child.kill('SIGKILL');
    await qemuExit;
  }

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
    const child = spawn('ssh', sshDialStdioArgs({ ...sshTarget(), remoteSocket: REMOTE_SOCKET }), { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    child.stderr?.on('data', (d: Buffer) => log(`vm: ssh: ${d.toString('utf8').trim()}`));
    return child;
  }

  async function closePipe(): Promise<void> {
    const server = pipeServer;
    pipeServer = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async function waitForEngine(deadline: number): Promise<void> {
    let lastText = '';
    for (;;) {
      checkCancelled();
      if (qemu && (qemu.exitCode !== null || qemu.signalCode !== null)) {
        throw fail({ message: 'The VM stopped while it was starting.', hint: 'The last lines of its console below usually say why.' });
      }
      const reading = readBoot(readFrom(paths.console, 0).text);
      if (reading.failure) {
        await killQemu();
        throw fail({ message: `The VM could not start: ${reading.failure}`, hint: 'The last lines of its console are below.' });
      }
      const text = describeMilestone(reading.milestone, box.get().accel ?? '');
      if (text !== lastText) {
        lastText = text;
        box.set({ phase: reading.milestone === 'engine' || reading.milestone === 'engine-socket' ? 'waiting-engine' : 'booting', progress: text });
      }
      if (reading.milestone === 'sshd' || reading.milestone === 'engine' || reading.milestone === 'engine-socket') {
        // dockerd makes its socket seconds before it answers (under emulation, 5 to 10): once the guest
        // says the socket is there, a ping waits for the answer instead of being dropped and sent again,
        // so the engine is seen the moment it answers. A lost connection still ends a ping at once.
        const pingMs = reading.milestone === 'engine-socket' ? Math.max(2000, Math.min(15_000, deadline - Date.now())) : 2000;
        if (usePipe) {
          if (!pipeServer && (await canLogIn())) pipeServer = await servePipe(paths.pipe, dialStdio);
          if (pipeServer && (await isReachable(endpoint, null, pingMs))) return;
        } else {
          if (!forward || forward.exitCode !== null || forward.signalCode !== null) forward = startForward();
          if (existsSync(paths.socket) && (await isReachable(endpoint, null, pingMs))) return;
        }
      }
      if (Date.now() >= deadline) {
        await killQemu();
        forward?.kill();
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
    await create();
    checkCancelled();
    await followImage();
    checkCancelled();
    const state = readState();
    if (state && state.diskGiB < resources.diskGiB) {
      await runStep(['resize', '-q', paths.disk, `${resources.diskGiB}G`], 'Growing the VM’s disk', platform === 'win32' ? 'qemu-img.exe' : 'qemu-img');
      writeState({ ...state, diskGiB: resources.diskGiB });
    }
    const deadline = began + (options.readyTimeoutMs ?? 300_000);
    const accels = await detectAccels();
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
      const s = readState();
      if (s && !s.hungAccels.includes(accel)) writeState({ ...s, hungAccels: [...s.hungAccels, accel] });
    }
    if (!booted) throw fail({ message: 'No accelerator could start the VM.' });
    await waitForEngine(deadline);
    checkCancelled();
    box.set({ phase: 'running', progress: undefined, endpoint, error: undefined, logTail: [], readyMs: Date.now() - began });
    watchUsage(qemu?.pid);
    const running = qemu;
    void qemuExit.then(() => {
      if (stopping || qemu !== running) return;
      forward?.kill();
      void closePipe();
      rmSync(paths.socket, { force: true });
      fail({ message: 'The VM stopped unexpectedly.', hint: 'The last lines of its console below usually say why.' });
    });
  }

  /** Called when a start was cancelled: ends what it started and says so. */
  async function endCancelledStart(): Promise<void> {
    const pid = qemu?.pid;
    await killQemu();
    qemu = undefined;
    await endChild(forward);
    forward = undefined;
    await closePipe();
    rmSync(paths.socket, { force: true });
    rmSync(paths.pid, { force: true });
    box.set({
      phase: existsSync(paths.disk) ? 'stopped' : 'absent',
      progress: undefined,
      endpoint: undefined,
      usage: undefined,
      error: undefined,
      logTail: [],
      cancelled: true,
      ...(pid !== undefined ? { lastCommand: platform === 'win32' ? `taskkill /PID ${pid}` : `kill -TERM ${pid}` } : {}),
    });
    log('vm: the start was cancelled; QEMU stopped');
  }

  async function stop(): Promise<void> {
    const child = qemu;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      forward?.kill();
      await closePipe();
      rmSync(paths.socket, { force: true });
      if (box.get().phase !== 'absent') box.set({ phase: 'stopped', progress: undefined, endpoint: undefined, usage: undefined });
      return;
    }
    stopping = true;
    box.set({ phase: 'stopping', progress: 'Stopping the engine and the VM…', usage: undefined });
    const args = sshCommandArgs(sshTarget(), 'setsid /sbin/wharf-poweroff </dev/null >/dev/null 2>&1 &');
    box.set({ lastCommand: showCommand('ssh', args) });
    await run('ssh', args, 15_000);
    const clean = await Promise.race([qemuExit.then(() => true), sleep(30_000).then(() => false)]);
    if (!clean) {
      log('vm: the guest did not power off within 30 s; stopping QEMU');
      await killQemu();
    }
    forward?.kill();
    forward = undefined;
    await closePipe();
    qemu = undefined;
    if (usageTimer) clearInterval(usageTimer);
    rmSync(paths.socket, { force: true });
    rmSync(paths.pid, { force: true });
    box.set({ phase: 'stopped', progress: undefined, endpoint: undefined });
    stopping = false;
  }

  return {
    name: 'qemu',
    create,
    start: async (signal) => {
      startSignal = signal;
      const onAbort = (): void => {
        box.set({ phase: 'stopping', progress: 'Cancelling the start…' });
        // Ends the boot at once; the step in progress notices and endCancelledStart tidies up.
        void killQemu();
        forward?.kill();
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
      for (const f of [paths.disk, paths.state, paths.console, paths.qemuLog, paths.knownHosts, paths.hostKey, `${paths.hostKey}.pub`]) {
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

/** Ends a child process and waits until it is gone. */
async function endChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if ((await Promise.race([gone.then(() => true), sleep(5000).then(() => false)])) === false) child.kill('SIGKILL');
  await gone;
}

function missingHint(program: string, error?: Error): string | undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') return undefined;
  if (program.startsWith('qemu-system-aarch64')) {
    return 'Install QEMU (Debian/Ubuntu: qemu-system-arm qemu-utils; macOS: brew install qemu; Windows: the QEMU installer).';
  }
  if (program.startsWith('qemu')) return 'Install QEMU (Debian/Ubuntu: qemu-system-x86 qemu-utils; macOS: brew install qemu; Windows: the QEMU installer).';
  if (program.startsWith('ssh')) return 'Install the OpenSSH client (Debian/Ubuntu: openssh-client).';
  return undefined;
}
