// Wharf's engine VM as the connection sees it: booted with its progress as the
// engine state, connected to once its engine answers, shown as stopped when
// it sleeps, and woken on first use.
import { ApiError } from '../api/errors';
import type { EngineInfo, EngineState } from '../domains/engine/types';
import type { VmStatus } from '../domains/vm/types';
import type { VmController } from '../vm/controller';
import type { Connection, Target } from './connection';
import type { RawEngineEvent } from './types';

/** The engine VM's controls (the VM service's requests): through the manager, so the connection follows. */
export interface VmControls {
  /** Boots the engine VM and connects to its engine. */
  startVm(): Promise<VmStatus>;
  /** Cancels the VM's start in progress: the VM ends stopped (cancelled), and the engine state says so. */
  cancelVmStart(): Promise<VmStatus>;
  stopVm(): Promise<VmStatus>;
}

export interface VmBridge extends VmControls {
  /** The VM's engine socket while it runs, for discovery. */
  endpoints(): { endpoint: string; label: string }[];
  /** Starts the VM instead of discovery when it is enabled to start with Wharf (once). */
  takeOver(gen: number): Promise<VmStatus> | undefined;
  /** The stopped VM, shown while discovery finds no other engine. */
  idle(): EngineState | undefined;
  /** The VM's engine went away because the VM stopped: show it so. True when handled. */
  lost(target: Target): boolean;
  /** Passes the VM's engine events on to the VM (its idle stop watches them). */
  event(event: RawEngineEvent, info: EngineInfo | undefined): void;
  /** Throws ApiError('unavailable') and starts the VM again when it sleeps. */
  wakeOnUse(): void;
}

const VM_LABEL = "Wharf's engine VM";

const noVm = (): ApiError => new ApiError({ code: 'unavailable', message: 'This Wharf has no engine VM.' });

export function createVmBridge(connection: Connection, vm: VmController | undefined): VmBridge {
  let autoStarted = false;
  let starting: Promise<VmStatus> | undefined;
  let lastEndpoint: string | undefined;

  /** Boots the VM with its progress as the engine state, then connects to it. */
  async function startFlow(gen: number): Promise<VmStatus> {
    if (!vm) throw noVm();
    const off = vm.onStatus((s) => {
      if (connection.isCurrent(gen) && s.phase !== 'running') connection.setState({ phase: 'vm', vm: s });
    });
    connection.setState({ phase: 'vm', vm: vm.status() });
    let status: VmStatus;
    try {
      status = await vm.start();
    } finally {
      off();
    }
    const endpoint = vm.endpoint();
    if (!connection.isCurrent(gen) || connection.disposed()) return status;
    if (status.phase !== 'running' || endpoint === undefined) {
      connection.setState({ phase: 'vm', vm: status });
      return status;
    }
    lastEndpoint = endpoint;
    const error = await connection.tryConnect({ endpoint, source: 'embedded', embedded: true }, gen);
    if (error !== undefined && connection.isCurrent(gen)) connection.setState({ phase: 'error', endpoint, error });
    return vm.status();
  }

  async function startVm(): Promise<VmStatus> {
    const state = connection.state();
    if (vm?.status().phase === 'running' && state.phase === 'connected' && state.engine.endpoint === vm.endpoint()) {
      return vm.status();
    }
    if (starting) return starting;
    starting = startFlow(connection.abandon()).finally(() => {
      starting = undefined;
    });
    return starting;
  }

  vm?.onStatus((s) => {
    if (connection.state().phase === 'vm') connection.setState({ phase: 'vm', vm: s });
  });

  return {
    endpoints() {
      const endpoint = vm?.endpoint();
      return endpoint ? [{ endpoint, label: VM_LABEL }] : [];
    },
    takeOver(gen) {
      if (!vm) return undefined;
      const s = vm.settings();
      // The VM is the engine where it is enabled: started with Wharf when asked, else shown as stopped.
      if (!(s.enabled && s.autoStart && !autoStarted && vm.endpoint() === undefined)) return undefined;
      autoStarted = true;
      return startFlow(gen);
    },
    // The fifth option: Wharf's engine VM, stopped; the user starts it (or it wakes on first use).
    idle: () => (vm?.settings().enabled ? { phase: 'vm', vm: vm.status() } : undefined),
    lost(target) {
      if (!vm) return false;
      const phase = vm.status().phase;
      if (!((vm.sleeping() || phase === 'stopping' || phase === 'stopped') && target.endpoint === lastEndpoint))
        return false;
      // The VM was stopped (by the user, or for being idle): show it so; it wakes on first use.
      connection.release();
      connection.setState({ phase: 'vm', vm: vm.status() });
      return true;
    },
    event(event, info) {
      if (vm && info?.endpoint === lastEndpoint) vm.onEngineEvent(event);
    },
    wakeOnUse() {
      if (connection.state().phase === 'vm' && vm?.sleeping()) {
        // Wake on first use: the VM stopped for being idle starts again.
        void startVm();
        throw new ApiError({
          code: 'unavailable',
          message: 'The engine VM is starting again.',
          hint: 'It was stopped while no container ran; this takes a few seconds.',
          key: 'engine.vmWaking',
        });
      }
    },
    startVm,
    async cancelVmStart() {
      if (!vm) throw noVm();
      const status = await vm.cancel();
      // The start's own flow shows the outcome; this covers a start that had already ended.
      if (connection.state().phase === 'vm' && !connection.disposed()) connection.setState({ phase: 'vm', vm: status });
      return status;
    },
    async stopVm() {
      if (!vm) throw noVm();
      const endpoint = vm.endpoint();
      const wasInUse = endpoint !== undefined && connection.uses(endpoint);
      if (wasInUse) connection.release();
      const status = await vm.stop();
      if (wasInUse && !connection.disposed()) connection.setState({ phase: 'vm', vm: status });
      return status;
    },
  };
}
