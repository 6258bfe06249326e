// Wharf's own embedded engine as the connection sees it: started and stopped
// on request, taken back when an earlier run left it running, connected to.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedEngineStatus, EngineKind } from '../domains/engine/types';
import type { SettingsStore } from '../settings';
import type { Connection } from './connection';
import { EmbeddedEngineError, startEmbeddedEngine, type EmbeddedEngineHandle } from './embedded';
import { embeddedPaths } from './embedded-config';

/** The embedded engine's controls (the engine service's requests). */
export interface EmbeddedControls {
  startEmbedded(kind: EngineKind, keepRunning?: boolean): Promise<EmbeddedEngineStatus>;
  stopEmbedded(): Promise<EmbeddedEngineStatus>;
  embeddedStatus(): EmbeddedEngineStatus | null;
}

export interface EmbeddedSupervisor extends EmbeddedControls {
  /** The running engine's socket, for discovery. */
  running(): { endpoint: string; label: string }[];
  /** Sockets of embedded engines on disk (possibly left running), for discovery. */
  onDisk(): { endpoint: string; label: string }[];
  /** An embedded engine left running by an earlier run: take it back so it can be stopped. */
  adopt(endpoint: string, kind: EngineKind): Promise<void> | undefined;
  /** Stops the engine unless the user chose to keep it running (in Settings, or now: `keep`). */
  dispose(keep?: boolean): Promise<void>;
}

export interface EmbeddedSupervisorOptions {
  connection: Connection;
  settings: SettingsStore;
  dataDir: string;
  log: (message: string) => void;
}

const embeddedKinds: EngineKind[] = ['podman', 'docker'];
const embeddedLabel = (kind: EngineKind): string => `Wharf's own engine (${kind === 'docker' ? 'Docker' : 'Podman'})`;

export function createEmbeddedSupervisor(options: EmbeddedSupervisorOptions): EmbeddedSupervisor {
  const { connection, settings, log } = options;
  let embedded: EmbeddedEngineHandle | undefined;
  let lastEmbedded: EmbeddedEngineStatus | null = null;

  const embeddedDir = (kind: EngineKind): string => join(options.dataDir, 'engine', kind);

  async function adopt(endpoint: string, kind: EngineKind): Promise<void> {
    const dir = embeddedDir(kind);
    if (embeddedPaths(kind, dir).endpoint !== endpoint) return;
    try {
      embedded = await startEmbeddedEngine({ kind, dir, keepRunning: settings.get().keepEmbeddedEngine });
      lastEmbedded = embedded.status();
    } catch (e) {
      log(`engine: could not take over the embedded engine: ${(e as Error).message}`);
    }
  }

  async function startEmbedded(kind: EngineKind, keepRunning?: boolean): Promise<EmbeddedEngineStatus> {
    if (embedded && embedded.status().phase === 'running') {
      if (embedded.status().kind === kind) {
        const state = connection.state();
        if (state.phase !== 'connected' || state.engine.endpoint !== embedded.endpoint) {
          const gen = connection.abandon();
          await connection.tryConnect({ endpoint: embedded.endpoint, source: 'embedded', embedded: true }, gen);
        }
        return embedded.status();
      }
      await stopEmbedded();
    }
    const gen = connection.abandon();
    const keep = keepRunning ?? settings.get().keepEmbeddedEngine;
    try {
      const handle = await startEmbeddedEngine({
        kind,
        dir: embeddedDir(kind),
        keepRunning: keep,
        onStatus: (s) => {
          lastEmbedded = s;
          if (connection.isCurrent(gen) && s.phase !== 'running')
            connection.setState({ phase: 'starting-embedded', embedded: s });
        },
      });
      embedded = handle;
      lastEmbedded = handle.status();
    } catch (e) {
      if (e instanceof EmbeddedEngineError) lastEmbedded = e.status;
      log(`engine: the embedded ${kind} engine did not start: ${(e as Error).message}`);
      // Back to whatever discovery finds; the failure stays readable in embeddedStatus().
      if (connection.isCurrent(gen) && !connection.disposed()) await connection.reconnect();
      return lastEmbedded ?? failedStatus(kind, keep, (e as Error).message);
    }
    if (connection.isCurrent(gen) && !connection.disposed()) {
      const error = await connection.tryConnect(
        { endpoint: embedded.endpoint, source: 'embedded', embedded: true },
        gen,
      );
      if (error !== undefined && connection.isCurrent(gen))
        connection.setState({ phase: 'error', endpoint: embedded.endpoint, error });
    }
    return embedded.status();
  }

  async function stopEmbedded(): Promise<EmbeddedEngineStatus> {
    const handle = embedded;
    if (!handle) return lastEmbedded ?? { kind: 'podman', phase: 'stopped', logTail: [], keepRunning: false };
    const wasInUse = connection.uses(handle.endpoint);
    if (wasInUse) connection.release();
    await handle.stop();
    embedded = undefined;
    lastEmbedded = handle.status();
    if (wasInUse && connection.started() && !connection.disposed()) await connection.reconnect();
    return lastEmbedded;
  }

  return {
    running: () => (embedded ? [{ endpoint: embedded.endpoint, label: embeddedLabel(embedded.status().kind) }] : []),
    onDisk() {
      const found: { endpoint: string; label: string }[] = [];
      for (const kind of embeddedKinds) {
        const p = embeddedPaths(kind, embeddedDir(kind));
        if (existsSync(p.socket)) found.push({ endpoint: p.endpoint, label: embeddedLabel(kind) });
      }
      return found;
    },
    adopt: (endpoint, kind) => (embedded ? undefined : adopt(endpoint, kind)),
    startEmbedded,
    stopEmbedded,
    embeddedStatus: () => embedded?.status() ?? lastEmbedded,
    async dispose(keep) {
      const handle = embedded;
      if (handle && !(keep ?? (handle.status().keepRunning || settings.get().keepEmbeddedEngine))) await handle.stop();
    },
  };
}

function failedStatus(kind: EngineKind, keepRunning: boolean, message: string): EmbeddedEngineStatus {
  return { kind, phase: 'error', error: { message }, logTail: [], keepRunning };
}
