// A driver runs one Linux VM that runs the container engine, and forwards
// the engine's socket to this computer so the rest of Wharf sees a local engine.
import type { VmResources, VmStatus } from '../domains/vm/types';

export interface VmDriver {
  readonly name: VmStatus['driver'];
  /** Makes the VM (its disk, or the WSL distro) from the image; nothing when it exists. */
  create(): Promise<void>;
  /**
   * Boots the VM and waits until the engine answers on socket(). Aborting the
   * signal cancels the start: the driver stops what it started (no process,
   * forwarded socket or lock is left), goes to 'stopped' with `cancelled`, and
   * the promise rejects with VmCancelled.
   */
  start(signal?: AbortSignal): Promise<void>;
  /** Stops the engine cleanly, then the VM. */
  stop(): Promise<void>;
  /** Deletes the VM and its disk (its containers and images with it). */
  remove(): Promise<void>;
  status(): VmStatus;
  onStatus(listener: (status: VmStatus) => void): () => void;
  /** The last lines of the guest's console. */
  logs(lines?: number): string[];
  /** Takes effect at the next start; the disk only grows. */
  resize(resources: Partial<VmResources>): Promise<void>;
  /** The engine endpoint on this computer (unix:///… or npipe:////./pipe/…). */
  socket(): string;
}

/** Thrown by a driver; carries the status the UI shows (last command, console lines). */
export class VmError extends Error {
  readonly status: VmStatus;
  constructor(status: VmStatus) {
    super(status.error?.message ?? 'The engine VM could not be started.');
    this.name = 'VmError';
    this.status = status;
  }
}

/** A start the user cancelled: not a failure; the status is 'stopped' with `cancelled`. */
export class VmCancelled extends VmError {
  constructor(status: VmStatus) {
    super(status);
    this.name = 'VmCancelled';
    this.message = 'The start of the engine VM was cancelled.';
  }
}
