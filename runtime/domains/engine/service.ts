// Engine and settings requests: what the engine screens and Settings ask for.
import type { RuntimeSettings } from '../settings/types';
import type { EngineControls } from '../../engine/manager';
import type { Engine } from '../../engine/types';
import { installEngine } from '../../engine/install';
import type { SettingsStore } from '../../settings';
import type { ServiceHandlers } from '../../transport/handlers';

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
  engine: Engine,
  controls: EngineControls,
  settings: SettingsStore,
): ServiceHandlers<EngineRequests, 'engine.watch'> {
  return {
    requests: {
      'engine.state': async () => engine.state(),
      'engine.candidates': () => controls.candidates(),
      'engine.use': ({ endpoint, tls }) => controls.use(endpoint, tls ?? null),
      'engine.startEmbedded': ({ kind, keepRunning }) => controls.startEmbedded(kind, keepRunning),
      'engine.stopEmbedded': () => controls.stopEmbedded(),
      'engine.embeddedStatus': async () => controls.embeddedStatus(),
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
        sink.emit(engine.state());
        return engine.onState((state) => sink.emit(state));
      },
    },
  };
}
