// The engine VM as the UI sees it (macOS and Windows, and Linux by choice).
import type { PlainError } from '../../api/types';

export type VmDriverName = 'qemu' | 'wsl';

/**
 * absent: no VM made yet; preparing: making its disk from the image;
 * booting: the VM is starting its kernel; waiting-engine: the guest is up and
 * Wharf waits for the engine inside to answer; running: ready.
 */
export type VmPhase =
  'absent' | 'stopped' | 'preparing' | 'booting' | 'waiting-engine' | 'running' | 'stopping' | 'error';

export interface VmResources {
  cpus: number;
  memoryMiB: number;
  diskGiB: number;
}

export interface VmShare {
  /** A folder on this computer. */
  hostPath: string;
  /** Where containers see it in the VM; the same path as on the host unless told. */
  guestPath?: string;
  readOnly?: boolean;
}

export interface VmUsage {
  /** CPU the VM's process used, in percent of one core, over the last few seconds. */
  cpuPercent: number;
  /** Memory the VM's process holds on the host. */
  memoryMiB: number;
  /** Bytes the VM's disk takes on the host. */
  diskBytes: number;
}

export interface VmStatus {
  driver: VmDriverName;
  phase: VmPhase;
  /** What the VM is doing right now, in plain words. */
  progress?: string;
  /** The accelerator in use: kvm, hvf, whpx, tcg (QEMU), or wsl2. */
  accel?: string;
  /** The engine's socket on this computer, once forwarded. */
  endpoint?: string;
  error?: PlainError;
  /** The last command Wharf ran for the VM (shown with a failure). */
  lastCommand?: string;
  /** The last lines of the guest's console. */
  logTail: string[];
  resources: VmResources;
  imageVersion?: string;
  usage?: VmUsage;
  /** How long the last start took to a ready engine, in milliseconds. */
  readyMs?: number;
  /** Stopped because the user cancelled the start (not a failure). */
  cancelled?: boolean;
  /** WSL2 only: how %UserProfile%\.wslconfig stands against the CPUs and memory chosen in Wharf. */
  wslConfig?: WslConfigStatus;
}

/** WSL2 sets CPUs and memory for all distros in .wslconfig; Wharf writes them there only when asked. */
export interface WslConfigStatus {
  path: string;
  exists: boolean;
  /** What [wsl2] says now (absent: WSL's default). */
  current: { processors?: number; memory?: string };
  wanted: { processors: number; memory: string };
  /** The file already says what Wharf's settings want. */
  matches: boolean;
  /** The lines writing it would remove and add. */
  removed: string[];
  added: string[];
  /** Written by Wharf: WSL takes it after `wsl --shutdown`. */
  restartNeeded: boolean;
}

export interface VmSettings extends VmResources {
  /** Use the VM as Wharf's engine (on Linux it is off unless chosen). */
  enabled: boolean;
  /** QEMU everywhere; WSL2 on Windows. */
  driver: VmDriverName;
  autoStart: boolean;
  /** Stop the VM after this many minutes with no container running; 0: never. */
  idleStopMinutes: number;
  shares: VmShare[];
}
