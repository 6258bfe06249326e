// Engine requests: what the engine screens ask for.
import type { EngineControls } from '../../engine/manager';
import type { Engine } from '../../engine/types';
import { installEngine } from '../../engine/install';
import type { ServiceHandlers } from '../../transport/handlers';

type EngineRequests =
  | 'engine.state'
  | 'engine.candidates'
  | 'engine.use'
  | 'engine.startEmbedded'
  | 'engine.stopEmbedded'
  | 'engine.embeddedStatus'
  | 'engine.install';

export function createEngineService(
  engine: Engine,
  controls: EngineControls,
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
    },
    subscriptions: {
      'engine.watch': (_input, sink) => {
        sink.emit(engine.state());
        return engine.onState((state) => sink.emit(state));
      },
    },
  };
}
