// Engine and settings requests: what the engine screens and Settings ask for.
import type { RuntimeSettings } from '../api/types';
import type { EngineManager } from '../engine/manager';
import { installEngine } from '../engine/install';
import type { SettingsStore } from '../settings';
import type { ServiceHandlers } from '../transport/handlers';

type EngineRequests =
  | 'engine.state'
  | 'engine.candidates'
  | 'engine.use'
  | 'engine.startEmbedded'
  | 'engine.stopEmbedded'
  | 'engine.embeddedStatus'
  | 'engine.install'
  | 'settings.get'
  | 'settings.update';

export function createEngineService(
  manager: EngineManager,
  settings: SettingsStore,
): ServiceHandlers<EngineRequests, 'engine.watch'> {
  return {
    requests: {
      'engine.state': async () => manager.state(),
      'engine.candidates': () => manager.candidates(),
      'engine.use': ({ endpoint, tls }) => manager.use(endpoint, tls ?? null),
      'engine.startEmbedded': ({ kind, keepRunning }) => manager.startEmbedded(kind, keepRunning),
      'engine.stopEmbedded': () => manager.stopEmbedded(),
      'engine.embeddedStatus': async () => manager.embeddedStatus(),
      'engine.install': ({ package: pkg }) => installEngine(pkg),
      'settings.get': async () => settings.get(),
      'settings.update': async (patch) => {
        // Absent keys stay as they are; the manager reconnects when the engine choice changes.
        const defined: Partial<RuntimeSettings> = {};
        if (patch.engine !== undefined) defined.engine = patch.engine;
        if (patch.tls !== undefined) defined.tls = patch.tls;
        if (patch.keepEmbeddedEngine !== undefined) defined.keepEmbeddedEngine = patch.keepEmbeddedEngine;
        return settings.update(defined);
      },
    },
    subscriptions: {
      'engine.watch': (_input, sink) => {
        sink.emit(manager.state());
        return manager.onState((state) => sink.emit(state));
      },
    },
  };
}
