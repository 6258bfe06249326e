import type Docker from 'dockerode';
import type { EngineInfo, EngineState } from '../domains/engine/types';

/** One message of the engine's /events stream, as the engine sends it. */
export interface RawEngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
  scope?: string;
}

/**
 * The connected engine, as the domain services see it. The connection behind
 * it may change (reconnect, another engine chosen in Settings); services ask
 * for `docker()` each time instead of keeping a client.
 */
export interface Engine {
  state(): EngineState;
  onState(listener: (state: EngineState) => void): () => void;
  /** The current engine's client; throws ApiError('unavailable') when none is connected. */
  docker(): Docker;
  info(): EngineInfo | undefined;
  /** Every message of the engine's event stream, as it arrives. */
  onEvent(listener: (event: RawEngineEvent) => void): () => void;
  /**
   * Fired each time a connection is established and its event stream is live:
   * the first time and after every reconnect. Anything cached must be re-listed.
   */
  onConnected(listener: (info: EngineInfo) => void): () => void;
}
