// The engine manager: composes the connection state machine, Wharf's embedded
// engine and its engine VM, and hands each caller only the part it needs.
import { ApiError } from '../api/errors';
import type { SettingsStore } from '../settings';
import type { VmController } from '../vm/controller';
import { createConnection, type EngineChoice } from './connection';
import type { DiscoveryInput } from './discovery';
import { createEmbeddedSupervisor, type EmbeddedControls } from './embedded-supervisor';
import type { Engine } from './types';
import { createVmBridge, type VmControls } from './vm-bridge';
import { closeSshTunnels } from './ssh-tunnel';

export interface EngineManagerOptions {
  settings: SettingsStore;
  dataDir: string;
  /** An endpoint given on the command line: used for this run instead of discovery. */
  override?: string;
  log: (message: string) => void;
  /** Tests point discovery at a temporary home and environment. */
  discovery?: Omit<DiscoveryInput, 'chosen' | 'embedded'>;
  /** How often to look again while no engine is found. */
  rediscoverMs?: number;
  /** Wharf's engine VM (macOS and Windows; on Linux when chosen in Settings). */
  vm?: VmController;
}

/** What the engine service gets besides the Engine: the choice of engine and Wharf's embedded engine. */
export interface EngineControls extends EngineChoice, EmbeddedControls {}

export interface EngineManager extends Engine, EngineControls, VmControls {
  start(): Promise<void>;
  /** keepEngine: leave Wharf's private engine running (or stop it: false) whatever Settings say. */
  dispose(options?: { keepEngine?: boolean }): Promise<void>;
  /** The narrow view the domain services get: the current client, state and events; no controls. */
  readonly engine: Engine;
  /** The engine service's controls. */
  readonly controls: EngineControls;
  /** The VM service's controls. */
  readonly vmControls: VmControls;
}

export type { EmbeddedControls, EngineChoice, VmControls };

export function createEngineManager(options: EngineManagerOptions): EngineManager {
  const { settings, log } = options;
  // The connection asks Wharf's own engines through these hooks; both are created just below.
  const connection = createConnection({
    settings,
    log,
    ...(options.override !== undefined ? { override: options.override } : {}),
    ...(options.discovery ? { discovery: options.discovery } : {}),
    ...(options.rediscoverMs !== undefined ? { rediscoverMs: options.rediscoverMs } : {}),
    hooks: {
      ownEngines: () => [...embedded.running(), ...vm.endpoints(), ...embedded.onDisk()],
      adopt: (endpoint, kind) => embedded.adopt(endpoint, kind),
      takeOver: (gen) => vm.takeOver(gen),
      idle: () => vm.idle(),
      lost: (target) => vm.lost(target),
      event: (event, info) => vm.event(event, info),
    },
  });
  const embedded = createEmbeddedSupervisor({ connection, settings, dataDir: options.dataDir, log });
  const vm = createVmBridge(connection, options.vm);

  const engine: Engine = {
    state: () => connection.state(),
    onState: (listener) => connection.onState(listener),
    docker() {
      vm.wakeOnUse();
      const client = connection.client();
      const state = connection.state();
      if (client === undefined || state.phase !== 'connected') {
        throw new ApiError({
          code: 'unavailable',
          message: 'No container engine is connected right now.',
          hint:
            state.phase === 'reconnecting'
              ? 'Wharf reconnects on its own when the engine is back.'
              : 'Start an engine or choose one in Settings.',
          key: state.phase === 'reconnecting' ? 'engine.notConnectedReconnecting' : 'engine.notConnected',
        });
      }
      return client;
    },
    info: () => (connection.state().phase === 'connected' ? connection.info() : undefined),
    onEvent: (listener) => connection.onEvent(listener),
    onConnected: (listener) => connection.onConnected(listener),
  };
  const controls: EngineControls = {
    use: (endpoint, tls) => connection.use(endpoint, tls),
    acceptInsecure: (endpoint) => connection.acceptInsecure(endpoint),
    candidates: () => connection.candidates(),
    startEmbedded: (kind, keepRunning) => embedded.startEmbedded(kind, keepRunning),
    stopEmbedded: () => embedded.stopEmbedded(),
    embeddedStatus: () => embedded.embeddedStatus(),
  };
  const vmControls: VmControls = {
    startVm: () => vm.startVm(),
    cancelVmStart: () => vm.cancelVmStart(),
    stopVm: () => vm.stopVm(),
  };

  return {
    ...engine,
    ...controls,
    ...vmControls,
    engine,
    controls,
    vmControls,
    start: () => connection.start(),
    async dispose(disposeOptions) {
      if (connection.disposed()) return;
      connection.dispose();
      closeSshTunnels();
      await embedded.dispose(disposeOptions?.keepEngine);
    },
  };
}
