// What the tray and the notifier know, followed from the runtime in this
// process through the same handlers the page's IPC reaches: the engine's
// state (engine.watch), the containers (one list, then the engine's change
// feed: changes.watch), the engine VM (vm.watch) and the settings. No polling:
// every update comes from an engine event or a change of state.
import type { ContainerSummary } from '../runtime/domains/containers/types';
import type { ChangeEvent } from '../runtime/domains/changes/types';
import type { EngineState } from '../runtime/domains/engine/types';
import type { RuntimeSettings } from '../runtime/domains/settings/types';
import type { VmStatus } from '../runtime/domains/vm/types';
import type { WharfRuntime } from '../runtime/app';

export interface DesktopState {
  engine: EngineState;
  containers: ReadonlyMap<string, ContainerSummary>;
  /** The engine VM, when Wharf manages one (enabled in Settings, or running). */
  vm: VmStatus | undefined;
  settings: RuntimeSettings;
}

export interface DesktopFeed {
  get(): DesktopState;
  /** Called after each change (several changes in one turn are told once). */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

/** The container list after one change from the feed; `relist` when it must be read again whole. */
export function applyChange(
  containers: ReadonlyMap<string, ContainerSummary>,
  change: ChangeEvent,
): { containers: ReadonlyMap<string, ContainerSummary>; relist: boolean } {
  switch (change.kind) {
    case 'container.upsert': {
      const next = new Map(containers);
      next.set(change.container.id, change.container);
      return { containers: next, relist: false };
    }
    case 'container.remove': {
      if (!containers.has(change.id)) return { containers, relist: false };
      const next = new Map(containers);
      next.delete(change.id);
      return { containers: next, relist: false };
    }
    case 'resync':
      return { containers, relist: true };
    default:
      return { containers, relist: false };
  }
}

const QUIET_VM = new Set<VmStatus['phase']>(['absent', 'stopped']);

export function followRuntime(runtime: WharfRuntime, log: (message: string) => void): DesktopFeed {
  const { requests, subscriptions } = runtime.handlers;
  const listeners = new Set<() => void>();
  let state: DesktopState = {
    engine: { phase: 'connecting' },
    containers: new Map(),
    vm: undefined,
    settings: { engine: null, tls: null, keepEmbeddedEngine: false },
  };
  let told = false;
  const set = (patch: Partial<DesktopState>) => {
    state = { ...state, ...patch };
    if (told) return;
    told = true;
    queueMicrotask(() => {
      told = false;
      for (const l of [...listeners]) l();
    });
  };
  const warn = (what: string) => (error: unknown) =>
    log(`desktop: ${what}: ${error instanceof Error ? error.message : String(error)}`);

  let listing = 0;
  const relist = () => {
    const seq = ++listing;
    requests['containers.list']({})
      .then((rows) => {
        if (seq === listing) set({ containers: new Map(rows.map((c) => [c.id, c])) });
      })
      .catch(() => {
        // No engine right now: the list empties, and is read again when one connects.
        if (seq === listing) set({ containers: new Map() });
      });
  };

  // Shown when Wharf manages a VM: enabled in its settings, or running anyway. Read again with each VM
  // status and engine state, so enabling the VM in Settings shows it by the next change.
  let vmStatus: VmStatus | undefined;
  const showVm = () => {
    const status = vmStatus;
    if (status === undefined) return;
    requests['vm.settings']({})
      .then((s) => {
        if (status === vmStatus) set({ vm: s.enabled || !QUIET_VM.has(status.phase) ? status : undefined });
      })
      .catch(warn('engine VM settings'));
  };

  const stops = [
    subscriptions['engine.watch'](
      {},
      {
        emit: (engine) => {
          const was = state.engine.phase;
          set({ engine });
          showVm();
          if (engine.phase === 'connected' && was !== 'connected') relist();
          if (engine.phase !== 'connected' && was === 'connected') set({ containers: new Map() });
        },
        fail: warn('engine state'),
      },
    ),
    subscriptions['changes.watch'](
      {},
      {
        emit: (change) => {
          const next = applyChange(state.containers, change);
          if (next.relist) relist();
          else if (next.containers !== state.containers) set({ containers: next.containers });
        },
        fail: warn('changes'),
      },
    ),
    subscriptions['vm.watch'](
      {},
      {
        emit: (vm) => {
          vmStatus = vm;
          showVm();
        },
        fail: warn('engine VM'),
      },
    ),
    runtime.onSettingsChange((settings) => set({ settings })),
  ];
  requests['settings.get']({})
    .then((settings) => set({ settings }))
    .catch(warn('settings'));

  return {
    get: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listing += 1;
      for (const stop of stops) stop();
      listeners.clear();
    },
  };
}
