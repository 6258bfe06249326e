// The engine VM as the rest of the runtime uses it: settings, one driver at a
// time (made afresh at each start, so new CPUs, memory and shared folders
// take effect), the image it boots, and the idle stop with its wake-up.
import { join } from 'node:path';
import Docker from 'dockerode';
import type { VmSettings, VmStatus } from '../domains/vm/types';
import type { RawEngineEvent } from '../engine/types';
import { readImage, type VmImage } from './image';
import { createQemuDriver } from './qemu';
import type { VmSettingsPatchInput, VmSettingsStore } from './settings';
import { allowedShares, ShareRefused } from './shares';
import { createStatusBox } from './support';
import { VmError, type VmDriver } from './types';
import { createWslDriver } from './wsl';
import { wslConfigPath, wslConfigStatus, writeWslResources } from './wslconfig';

export interface VmControllerOptions {
  dataDir: string;
  settings: VmSettingsStore;
  /** Where the guest image is (vmlinuz, initrd.img, root.qcow2, version.json). */
  imageDir: string;
  log: (message: string) => void;
  platform?: NodeJS.Platform;
  /** Tests make their own driver. */
  makeDriver?: (settings: VmSettings, image: VmImage) => VmDriver;
  /** Tests count containers their own way and shorten the idle minute. */
  countRunning?: (driver: VmDriver) => Promise<number | undefined>;
  idleMinuteMs?: number;
  /** WSL2's settings file (default %UserProfile%\.wslconfig). */
  wslConfigFile?: string;
}

export interface VmController {
  status(): VmStatus;
  onStatus(listener: (s: VmStatus) => void): () => void;
  settings(): VmSettings;
  updateSettings(patch: VmSettingsPatchInput): VmSettings;
  endpoint(): string | undefined;
  start(): Promise<VmStatus>;
  /** Cancels a start in progress (the VM ends 'stopped' with `cancelled`); nothing when none is. */
  cancel(): Promise<VmStatus>;
  stop(): Promise<VmStatus>;
  /** True while the VM was stopped for being idle: the next use wakes it. */
  sleeping(): boolean;
  /** Engine events of the VM's engine: container starts and stops drive the idle stop. */
  onEngineEvent(event: RawEngineEvent): void;
  /** The last lines of the guest's console. */
  logs(lines: number): string[];
  /**
   * WSL2: writes the chosen CPUs and memory into .wslconfig ([wsl2] processors=,
   * memory=; nothing else changes). They apply to every WSL distro once WSL
   * restarts (`wsl --shutdown`), so the UI asks first.
   */
  applyWslConfig(): VmStatus;
  dispose(): Promise<void>;
}

const CONTAINER_ACTIONS = new Set(['start', 'die', 'stop', 'kill', 'destroy', 'create', 'pause', 'unpause']);

export function createVmController(options: VmControllerOptions): VmController {
  const { settings, log } = options;
  const platform = options.platform ?? process.platform;
  const dir = join(options.dataDir, 'vm');
  const count = options.countRunning ?? countRunning;
  const wslFile = options.wslConfigFile ?? wslConfigPath();
  let wslRestartNeeded = false;
  /** The status with, for the WSL2 driver, how .wslconfig stands against the settings. */
  const withHost = (s: VmStatus): VmStatus => {
    const current = settings.get();
    if (current.driver !== 'wsl') return s;
    return {
      ...s,
      wslConfig: wslConfigStatus(wslFile, { cpus: current.cpus, memoryMiB: current.memoryMiB }, wslRestartNeeded),
    };
  };
  let driver: VmDriver | undefined;
  let unsubscribe: (() => void) | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let asleep = false;
  let starting: Promise<VmStatus> | undefined;
  let startAbort: AbortController | undefined;
  const initial = settings.get();
  const box = createStatusBox({
    driver: initial.driver,
    phase: 'stopped',
    logTail: [],
    resources: { cpus: initial.cpus, memoryMiB: initial.memoryMiB, diskGiB: initial.diskGiB },
  });

  const makeDriver =
    options.makeDriver ??
    ((s: VmSettings, image: VmImage): VmDriver => {
      const resources = { cpus: s.cpus, memoryMiB: s.memoryMiB, diskGiB: s.diskGiB };
      if (s.driver === 'wsl') return createWslDriver({ dir: join(dir, 'wsl'), image, resources, log });
      // The store refuses them already; a share holding the data folder never reaches QEMU.
      const shares = allowedShares(s.shares, { dataDir: options.dataDir, platform });
      return createQemuDriver({ dir: join(dir, 'qemu'), image, resources, shares, log });
    });

  function clearIdle(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
  }

  /** Counts running containers in the VM; with none, the VM stops after idleStopMinutes. */
  async function checkIdle(): Promise<void> {
    const minutes = settings.get().idleStopMinutes;
    const d = driver;
    if (minutes <= 0 || !d || d.status().phase !== 'running') {
      clearIdle();
      return;
    }
    const running = await count(d);
    if (running === undefined) return;
    if (running > 0) {
      clearIdle();
      return;
    }
    if (idleTimer) return;
    idleTimer = setTimeout(
      () => {
        idleTimer = undefined;
        void (async () => {
          const again = await count(d);
          if (again !== 0 || d.status().phase !== 'running') return;
          log(`vm: no container ran for ${minutes} min; stopping the VM until it is used again`);
          asleep = true;
          await d.stop();
          box.set({ progress: `Stopped after ${minutes} min with no container running; it starts again when used.` });
        })();
      },
      minutes * (options.idleMinuteMs ?? 60_000),
    );
    idleTimer.unref();
  }

  async function start(): Promise<VmStatus> {
    if (starting) return starting;
    const abort = new AbortController();
    startAbort = abort;
    starting = (async () => {
      asleep = false;
      const s = settings.get();
      const image = readImage(options.imageDir);
      if (!image) {
        box.set({
          phase: 'error',
          error: {
            message: `The engine VM's image is not installed (${options.imageDir}).`,
            // Apple silicon (HVF) and arm64 Linux (KVM) run the arm64 image; it is built on Linux.
            hint:
              process.arch === 'arm64'
                ? 'Build the arm64 image on a Linux computer with: sudo npm run vm-image -- --arch arm64 --out <folder> (native/vm/arm64/build-image.sh), then set WHARF_VM_IMAGE to that folder.'
                : 'Build it with: sudo native/vm/build-image.sh <folder>, then set WHARF_VM_IMAGE to that folder.',
            key: 'vm.noImage',
            params: { dir: options.imageDir },
          },
        });
        return box.get();
      }
      if (!driver || driver.status().phase !== 'running') {
        unsubscribe?.();
        driver = makeDriver(s, image);
        unsubscribe = driver.onStatus((status) => box.replace(status));
        box.replace(driver.status());
      }
      try {
        await driver.start(abort.signal);
      } catch (e) {
        if (!(e instanceof VmError)) box.set({ phase: 'error', error: { message: (e as Error).message } });
      }
      if (abort.signal.aborted && box.get().phase !== 'running') {
        log('vm: the start was cancelled');
        return box.get();
      }
      void checkIdle();
      return box.get();
    })();
    try {
      return await starting;
    } finally {
      starting = undefined;
      startAbort = undefined;
    }
  }

  async function cancel(): Promise<VmStatus> {
    const pending = starting;
    if (!pending || !startAbort) return box.get();
    startAbort.abort();
    return pending;
  }

  async function stop(): Promise<VmStatus> {
    clearIdle();
    asleep = false;
    await driver?.stop();
    return box.get();
  }

  settings.onChange((next, previous) => {
    if (next.idleStopMinutes !== previous.idleStopMinutes) void checkIdle();
    const d = driver;
    if (
      d &&
      (next.cpus !== previous.cpus || next.memoryMiB !== previous.memoryMiB || next.diskGiB !== previous.diskGiB)
    ) {
      void d
        .resize({ cpus: next.cpus, memoryMiB: next.memoryMiB, diskGiB: next.diskGiB })
        .catch((e: Error) => log(`vm: ${e.message}`));
    }
    if (box.get().phase !== 'running') {
      box.set({
        driver: next.driver,
        resources: { cpus: next.cpus, memoryMiB: next.memoryMiB, diskGiB: next.diskGiB },
      });
    } else if (next.driver === 'wsl') {
      box.set({}); // .wslconfig is now compared with the new values
    }
  });

  return {
    status: () => withHost(box.get()),
    onStatus: (l) => box.on((s) => l(withHost(s))),
    settings: () => settings.get(),
    updateSettings(patch) {
      const current = settings.get();
      if (patch.diskGiB !== undefined && patch.diskGiB < current.diskGiB && driver) {
        throw new VmError({
          ...box.get(),
          error: { message: `The VM's disk can only grow (it is ${current.diskGiB} GiB).`, key: 'vm.diskShrink' },
        });
      }
      try {
        return settings.update(patch);
      } catch (e) {
        if (e instanceof ShareRefused)
          throw new VmError({
            ...box.get(),
            error: { message: e.message, key: e.key, params: { path: e.hostPath, dataDir: e.dataDir } },
          });
        throw e;
      }
    },
    endpoint: () => (driver && box.get().phase === 'running' ? driver.socket() : undefined),
    start,
    cancel,
    stop,
    sleeping: () => asleep,
    logs: (lines) => driver?.logs(lines) ?? [],
    applyWslConfig() {
      const current = settings.get();
      if (current.driver !== 'wsl') {
        throw new VmError({
          ...box.get(),
          error: { message: 'Only the WSL2 driver takes its CPUs and memory from .wslconfig.', key: 'vm.notWsl' },
        });
      }
      writeWslResources(wslFile, { cpus: current.cpus, memoryMiB: current.memoryMiB });
      wslRestartNeeded = true;
      log(
        `vm: wrote processors=${current.cpus} and memory=${current.memoryMiB} MiB to ${wslFile}; WSL takes them after "wsl --shutdown"`,
      );
      box.set({});
      return withHost(box.get());
    },
    onEngineEvent(event) {
      if (event.Type === 'container' && CONTAINER_ACTIONS.has(event.Action)) void checkIdle();
    },
    async dispose() {
      startAbort?.abort();
      clearIdle();
      unsubscribe?.();
      await driver?.stop();
    },
  };
}

async function countRunning(d: VmDriver): Promise<number | undefined> {
  try {
    const docker = new Docker({ socketPath: new URL(d.socket()).pathname });
    return (await docker.listContainers({ filters: { status: ['running', 'paused', 'restarting'] } })).length;
  } catch {
    return undefined;
  }
}
