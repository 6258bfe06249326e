// The engine connection: discovery, the connection state machine, the event
// stream, reconnects, and Wharf's embedded engine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../api/errors';
import type {
  EmbeddedEngineStatus,
  EngineCandidate,
  EngineInfo,
  EngineKind,
  EngineSource,
  EngineState,
  PlainError,
  RuntimeSettings,
} from '../api/types';
import type { VmStatus } from '../api/vm-types';
import type { SettingsStore } from '../settings';
import type { VmController } from '../vm/controller';
import { backoffDelay } from './backoff';
import { createClient, negotiateApi, ping, readVersion } from './client';
import { describeConnectError } from './connect-error';
import { discover, type DiscoveryInput } from './discovery';
import {
  EmbeddedEngineError,
  embeddedPaths,
  findEngineBinaries,
  startEmbeddedEngine,
  type EmbeddedEngineHandle,
} from './embedded';
import type { TlsOptions } from './endpoint';
import { InsecureEndpointError, unencryptedRemote } from './insecure';
import { installSupport } from './install';
import { createNdjsonParser } from './ndjson';
import type { Engine, RawEngineEvent } from './types';

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

export interface EngineManager extends Engine {
  start(): Promise<void>;
  dispose(): Promise<void>;
  /**
   * Connect to this endpoint now and remember it; null: discover again.
   * Refuses (ApiError 'forbidden') an unencrypted remote endpoint not accepted yet.
   */
  use(endpoint: string | null, tls?: TlsOptions | null): Promise<EngineState>;
  /** Records that the user accepts this unencrypted remote endpoint, then uses it. */
  acceptInsecure(endpoint: string): Promise<EngineState>;
  candidates(): Promise<EngineCandidate[]>;
  startEmbedded(kind: EngineKind, keepRunning?: boolean): Promise<EmbeddedEngineStatus>;
  stopEmbedded(): Promise<EmbeddedEngineStatus>;
  embeddedStatus(): EmbeddedEngineStatus | null;
  /** Boots the engine VM and connects to its engine. */
  startVm(): Promise<VmStatus>;
  /** Cancels the VM's start in progress: the VM ends stopped (cancelled), and the engine state says so. */
  cancelVmStart(): Promise<VmStatus>;
  stopVm(): Promise<VmStatus>;
}

interface Target {
  endpoint: string;
  tls?: TlsOptions | null;
  source: EngineSource;
  embedded: boolean;
}

const PING_TIMEOUT_MS = 3000;
/** How often in a row an event stream that brought nothing is opened again before the engine counts as lost. */
const MAX_EVENT_REOPENS = 3;
// Podman answers /version slowly (it asks conmon and runc for theirs): seconds under load.
const VERSION_TIMEOUT_MS = 20_000;
const embeddedKinds: EngineKind[] = ['podman', 'docker'];
const VM_LABEL = "Wharf's engine VM";
const embeddedLabel = (kind: EngineKind): string => `Wharf's own engine (${kind === 'docker' ? 'Docker' : 'Podman'})`;

export function createEngineManager(options: EngineManagerOptions): EngineManager {
  const { settings, log } = options;
  const rediscoverMs = options.rediscoverMs ?? 3000;
  let override = options.override;

  let state: EngineState = { phase: 'connecting' };
  let client: Docker | undefined;
  let info: EngineInfo | undefined;
  let target: Target | undefined;
  /** Bumped whenever the current connection or attempt is abandoned. */
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let eventsAbort: AbortController | undefined;
  let started = false;
  let disposed = false;
  let flow: Promise<void> = Promise.resolve();
  let flows = 0;

  let embedded: EmbeddedEngineHandle | undefined;
  let lastEmbedded: EmbeddedEngineStatus | null = null;
  let vmAutoStarted = false;
  let vmStarting: Promise<VmStatus> | undefined;
  let vmLastEndpoint: string | undefined;

  const stateListeners = new Set<(s: EngineState) => void>();
  const eventListeners = new Set<(e: RawEngineEvent) => void>();
  const connectedListeners = new Set<(i: EngineInfo) => void>();

  const embeddedDir = (kind: EngineKind): string => join(options.dataDir, 'engine', kind);

  function setState(next: EngineState): void {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    for (const l of [...stateListeners]) safely(() => l(next));
  }

  function safely(run: () => void): void {
    try {
      run();
    } catch (e) {
      log(`engine: a listener failed: ${(e as Error).message}`);
    }
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function schedule(ms: number, run: () => void): void {
    clearTimer();
    if (disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  }

  /** Drops the connection and anything scheduled; returns the new generation. */
  function abandon(): number {
    generation += 1;
    clearTimer();
    eventsAbort?.abort();
    eventsAbort = undefined;
    client = undefined;
    info = undefined;
    return generation;
  }

  function chosenTarget(): Target | undefined {
    if (override) return { endpoint: override, tls: null, source: 'command-line', embedded: false };
    const s = settings.get();
    if (s.engine) return { endpoint: s.engine, tls: s.tls, source: 'settings', embedded: false };
    return undefined;
  }

  const acceptedInsecure = (): string[] => settings.get().insecureAccepted ?? [];

  function discoveryInput(): DiscoveryInput {
    const chosen = chosenTarget();
    const found: { endpoint: string; label: string }[] = [];
    if (embedded) found.push({ endpoint: embedded.endpoint, label: embeddedLabel(embedded.status().kind) });
    const vmEndpoint = options.vm?.endpoint();
    if (vmEndpoint) found.push({ endpoint: vmEndpoint, label: VM_LABEL });
    for (const kind of embeddedKinds) {
      const p = embeddedPaths(kind, embeddedDir(kind));
      if (existsSync(p.socket)) found.push({ endpoint: p.endpoint, label: embeddedLabel(kind) });
    }
    return { ...options.discovery, chosen: chosen ?? null, embedded: found, acceptedInsecure: acceptedInsecure() };
  }

  function reconnect(): Promise<void> {
    flows += 1;
    flow = connectFlow();
    return flow;
  }

  async function connectFlow(): Promise<void> {
    const gen = abandon();
    const chosen = chosenTarget();
    if (chosen) {
      setState({ phase: 'connecting', endpoint: chosen.endpoint });
      await connectChosen(chosen, gen, 0);
      return;
    }
    const vm = options.vm;
    if (vm && !disposed) {
      const s = vm.settings();
      // The VM is the engine where it is enabled: started with Wharf when asked, else shown as stopped.
      if (s.enabled && s.autoStart && !vmAutoStarted && vm.endpoint() === undefined) {
        vmAutoStarted = true;
        await startVmFlow(gen);
        return;
      }
    }
    setState({ phase: 'connecting' });
    await discoverAndConnect(gen);
  }

  /** A chosen endpoint that fails is an error to show, and is tried again. */
  async function connectChosen(chosen: Target, gen: number, attempt: number): Promise<void> {
    const error = await tryConnect(chosen, gen);
    if (gen !== generation || error === undefined) return;
    setState({ phase: 'error', endpoint: chosen.endpoint, error });
    // Refused before any connection: only the user's acceptance (a settings change) changes that.
    if (error.key === 'engine.insecureNotAccepted') return;
    schedule(backoffDelay(attempt + 1), () => void connectChosen(chosen, gen, attempt + 1));
  }

  async function discoverAndConnect(gen: number): Promise<void> {
    const found = await discover(discoveryInput());
    if (gen !== generation) return;
    for (const c of found) {
      if (!c.reachable) continue;
      const t: Target = { endpoint: c.endpoint, tls: c.tls ?? null, source: c.source, embedded: c.source === 'embedded' };
      const error = await tryConnect(t, gen);
      if (gen !== generation) return;
      if (error === undefined) return;
      log(`engine: ${c.label} (${c.endpoint}) answered /_ping but could not be used: ${error.message}`);
    }
    const refused = found.find((c) => c.unencrypted?.accepted === false);
    if (refused) {
      // Say why DOCKER_HOST (or the docker context) is not used, rather than "no engine".
      const risk = unencryptedRemote(refused.endpoint, refused.tls);
      const error = new InsecureEndpointError(refused.endpoint, risk?.host ?? refused.endpoint).toPlain();
      setState({ phase: 'error', endpoint: refused.endpoint, error });
      schedule(rediscoverMs, () => void discoverAndConnect(gen));
      return;
    }
    const vm = options.vm;
    if (vm?.settings().enabled) {
      // The fifth option: Wharf's engine VM, stopped; the user starts it (or it wakes on first use).
      setState({ phase: 'vm', vm: vm.status() });
      schedule(rediscoverMs, () => void discoverAndConnect(gen));
      return;
    }
    const support = installSupport();
    setState({
      phase: 'no-engine',
      installed: findEngineBinaries(),
      platform: support.platform,
      suggestedPackages: support.suggestedPackages,
      canInstall: support.canInstall,
    });
    // Keep looking: an engine that appears (installed, started) is connected on its own.
    schedule(rediscoverMs, () => void discoverAndConnect(gen));
  }

  /** Ping, /version, event stream; undefined when connected. */
  async function tryConnect(t: Target, gen: number): Promise<PlainError | undefined> {
    let version;
    let api: string | undefined;
    try {
      const probe = createClient(t.endpoint, t.tls, { acceptedInsecure: acceptedInsecure() });
      await ping(probe, PING_TIMEOUT_MS);
      version = await readVersion(probe, VERSION_TIMEOUT_MS);
      api = negotiateApi(version.apiVersion);
    } catch (e) {
      return describeConnectError(e, t.endpoint);
    }
    if (gen !== generation) return undefined;
    if (api === undefined) {
      return {
        message: `The engine at ${t.endpoint} speaks Docker API ${version.apiVersion}, which is too old for Wharf.`,
        hint: 'Update the engine (Docker 1.12 or newer, or Podman 3 or newer).',
        key: 'engine.apiTooOld',
        params: { endpoint: t.endpoint, version: version.apiVersion },
      };
    }
    const connected = createClient(t.endpoint, t.tls, { apiVersion: api, acceptedInsecure: acceptedInsecure() });
    const engine: EngineInfo = {
      kind: version.kind,
      version: version.version,
      apiVersion: api,
      os: version.os,
      arch: version.arch,
      endpoint: t.endpoint,
      source: t.source,
      embedded: t.embedded,
    };
    if (t.embedded && !embedded) await adoptEmbedded(t.endpoint, version.kind);
    if (gen !== generation) return undefined;

    clearTimer();
    client = connected;
    info = engine;
    target = t;
    openEvents(connected, gen);
    setState({ phase: 'connected', engine });
    log(`engine: connected to ${engine.kind} ${engine.version} (API ${api}) at ${t.endpoint}`);
    for (const l of [...connectedListeners]) safely(() => l(engine));
    return undefined;
  }

  /** An embedded engine left running by an earlier run: take it back so it can be stopped. */
  async function adoptEmbedded(endpoint: string, kind: EngineKind): Promise<void> {
    const dir = embeddedDir(kind);
    if (embeddedPaths(kind, dir).endpoint !== endpoint) return;
    try {
      embedded = await startEmbeddedEngine({ kind, dir, keepRunning: settings.get().keepEmbeddedEngine });
      lastEmbedded = embedded.status();
    } catch (e) {
      log(`engine: could not take over the embedded engine: ${(e as Error).message}`);
    }
  }

  /**
   * Engines send the response headers only with the first event, so the
   * stream is not awaited; `since` replays what happened while it was being
   * opened. It is read at once: the engine drops readers that fall behind.
   */
  function openEvents(docker: Docker, gen: number, since = Math.floor(Date.now() / 1000) - 1, reopened = 0): void {
    const abort = new AbortController();
    eventsAbort = abort;
    let ended = false;
    let lastSecond = since;
    let received = false;
    const lost = (reason: string): void => {
      if (ended || gen !== generation) return;
      ended = true;
      // A stream can end while the engine is well (Podman ends it when it
      // rotates its event log): if the engine still answers, open it again from
      // the last event's second (a repeated event is harmless, a missed one is
      // not). Only a stream that keeps ending with nothing in it counts as lost.
      const tries = received ? 0 : reopened;
      if (tries >= MAX_EVENT_REOPENS) {
        onLost(reason);
        return;
      }
      ping(docker, PING_TIMEOUT_MS).then(
        () => {
          if (gen !== generation) return;
          log(`engine: the event stream ended (${reason}); the engine answers, so it is opened again`);
          openEvents(docker, gen, lastSecond, tries + 1);
        },
        () => {
          if (gen === generation) onLost(reason);
        },
      );
    };
    const parser = createNdjsonParser(
      (value) => {
        if (!isRawEvent(value)) return;
        received = true;
        lastSecond = Math.max(lastSecond, value.time);
        if (options.vm && info?.endpoint === vmLastEndpoint) options.vm.onEngineEvent(value);
        for (const l of [...eventListeners]) safely(() => l(value));
      },
      (line) => log(`engine: skipped an event line that is not JSON: ${line.slice(0, 200)}`),
    );
    docker
      .getEvents({ since, abortSignal: abort.signal } as Docker.GetEventsOptions)
      .then((stream) => {
        if (gen !== generation) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return;
        }
        stream.on('data', (chunk: Buffer) => parser.push(chunk));
        stream.on('end', () => lost('The engine closed its event stream.'));
        stream.on('close', () => lost('The connection to the engine was closed.'));
        stream.on('error', (e: Error) => lost(reasonOf(e)));
      })
      .catch((e: unknown) => lost(reasonOf(e)));
  }

  function onLost(reason: string): void {
    const t = target;
    if (t === undefined || disposed) return;
    const vm = options.vm;
    if (vm && (vm.sleeping() || vm.status().phase === 'stopping' || vm.status().phase === 'stopped') && t.endpoint === vmLastEndpoint) {
      // The VM was stopped (by the user, or for being idle): show it so; it wakes on first use.
      abandon();
      target = undefined;
      setState({ phase: 'vm', vm: vm.status() });
      return;
    }
    const last = info;
    const gen = abandon();
    log(`engine: lost ${t.endpoint}: ${reason}`);
    const attempt = (n: number): void => {
      const next: EngineState = { phase: 'reconnecting', endpoint: t.endpoint, attempt: n, reason };
      if (last) next.engine = last;
      setState(next);
      schedule(backoffDelay(n), () => {
        void tryConnect(t, gen).then((error) => {
          if (gen === generation && error !== undefined) attempt(n + 1);
        });
      });
    };
    attempt(1);
  }

  async function startEmbedded(kind: EngineKind, keepRunning?: boolean): Promise<EmbeddedEngineStatus> {
    if (embedded && embedded.status().phase === 'running') {
      if (embedded.status().kind === kind) {
        if (state.phase !== 'connected' || state.engine.endpoint !== embedded.endpoint) {
          const gen = abandon();
          await tryConnect({ endpoint: embedded.endpoint, source: 'embedded', embedded: true }, gen);
        }
        return embedded.status();
      }
      await stopEmbedded();
    }
    const gen = abandon();
    const keep = keepRunning ?? settings.get().keepEmbeddedEngine;
    try {
      const handle = await startEmbeddedEngine({
        kind,
        dir: embeddedDir(kind),
        keepRunning: keep,
        onStatus: (s) => {
          lastEmbedded = s;
          if (gen === generation && s.phase !== 'running') setState({ phase: 'starting-embedded', embedded: s });
        },
      });
      embedded = handle;
      lastEmbedded = handle.status();
    } catch (e) {
      if (e instanceof EmbeddedEngineError) lastEmbedded = e.status;
      log(`engine: the embedded ${kind} engine did not start: ${(e as Error).message}`);
      // Back to whatever discovery finds; the failure stays readable in embeddedStatus().
      if (gen === generation && !disposed) await reconnect();
      return lastEmbedded ?? failedStatus(kind, keep, (e as Error).message);
    }
    if (gen === generation && !disposed) {
      const error = await tryConnect({ endpoint: embedded.endpoint, source: 'embedded', embedded: true }, gen);
      if (error !== undefined && gen === generation) setState({ phase: 'error', endpoint: embedded.endpoint, error });
    }
    return embedded.status();
  }

  /** Boots the VM with its progress as the engine state, then connects to it. */
  async function startVmFlow(gen: number): Promise<VmStatus> {
    const vm = options.vm;
    if (!vm) throw new ApiError({ code: 'unavailable', message: 'This Wharf has no engine VM.' });
    const off = vm.onStatus((s) => {
      if (gen === generation && s.phase !== 'running') setState({ phase: 'vm', vm: s });
    });
    setState({ phase: 'vm', vm: vm.status() });
    let status: VmStatus;
    try {
      status = await vm.start();
    } finally {
      off();
    }
    const endpoint = vm.endpoint();
    if (gen !== generation || disposed) return status;
    if (status.phase !== 'running' || endpoint === undefined) {
      setState({ phase: 'vm', vm: status });
      return status;
    }
    vmLastEndpoint = endpoint;
    const error = await tryConnect({ endpoint, source: 'embedded', embedded: true }, gen);
    if (error !== undefined && gen === generation) setState({ phase: 'error', endpoint, error });
    return vm.status();
  }

  async function startVm(): Promise<VmStatus> {
    const vm = options.vm;
    if (vm?.status().phase === 'running' && state.phase === 'connected' && state.engine.endpoint === vm.endpoint()) {
      return vm.status();
    }
    if (vmStarting) return vmStarting;
    vmStarting = startVmFlow(abandon()).finally(() => {
      vmStarting = undefined;
    });
    return vmStarting;
  }

  async function cancelVmStart(): Promise<VmStatus> {
    const vm = options.vm;
    if (!vm) throw new ApiError({ code: 'unavailable', message: 'This Wharf has no engine VM.' });
    const status = await vm.cancel();
    // The start's own flow shows the outcome; this covers a start that had already ended.
    if (state.phase === 'vm' && !disposed) setState({ phase: 'vm', vm: status });
    return status;
  }

  async function stopVm(): Promise<VmStatus> {
    const vm = options.vm;
    if (!vm) throw new ApiError({ code: 'unavailable', message: 'This Wharf has no engine VM.' });
    const endpoint = vm.endpoint();
    const wasInUse = endpoint !== undefined && (info?.endpoint === endpoint || target?.endpoint === endpoint);
    if (wasInUse) {
      abandon();
      target = undefined;
    }
    const status = await vm.stop();
    if (wasInUse && !disposed) setState({ phase: 'vm', vm: status });
    return status;
  }

  async function stopEmbedded(): Promise<EmbeddedEngineStatus> {
    const handle = embedded;
    if (!handle) return lastEmbedded ?? { kind: 'podman', phase: 'stopped', logTail: [], keepRunning: false };
    const wasInUse = info?.endpoint === handle.endpoint || target?.endpoint === handle.endpoint;
    if (wasInUse) {
      abandon();
      target = undefined;
    }
    await handle.stop();
    embedded = undefined;
    lastEmbedded = handle.status();
    if (wasInUse && started && !disposed) await reconnect();
    return lastEmbedded;
  }

  /** Remembers the choice and connects to it (the settings change reconnects; else this does). */
  async function choose(patch: Partial<RuntimeSettings>): Promise<EngineState> {
    override = undefined;
    const before = flows;
    await settings.update(patch);
    if (flows === before) await reconnect();
    else await flow;
    return state;
  }

  options.vm?.onStatus((s) => {
    if (state.phase === 'vm') setState({ phase: 'vm', vm: s });
  });

  settings.onChange((next, previous) => {
    if (!started || disposed || override) return;
    if (
      next.engine !== previous.engine ||
      JSON.stringify(next.tls) !== JSON.stringify(previous.tls) ||
      JSON.stringify(next.insecureAccepted) !== JSON.stringify(previous.insecureAccepted)
    ) {
      void reconnect();
    }
  });

  return {
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    docker() {
      if (state.phase === 'vm' && options.vm?.sleeping()) {
        // Wake on first use: the VM stopped for being idle starts again.
        void startVm();
        throw new ApiError({
          code: 'unavailable',
          message: 'The engine VM is starting again.',
          hint: 'It was stopped while no container ran; this takes a few seconds.',
          key: 'engine.vmWaking',
        });
      }
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
    info: () => (state.phase === 'connected' ? info : undefined),
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
    async start() {
      if (started) return flow;
      started = true;
      return reconnect();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      abandon();
      stateListeners.clear();
      const handle = embedded;
      if (handle && !(handle.status().keepRunning || settings.get().keepEmbeddedEngine)) await handle.stop();
    },
    async use(endpoint, tls) {
      const risk = endpoint === null ? undefined : unencryptedRemote(endpoint, tls);
      if (endpoint !== null && risk && !acceptedInsecure().includes(risk.key)) {
        const plain = new InsecureEndpointError(endpoint, risk.host).toPlain();
        throw new ApiError({ code: 'forbidden', ...plain });
      }
      return choose({ engine: endpoint, tls: endpoint === null ? null : (tls ?? null) });
    },
    async acceptInsecure(endpoint) {
      const risk = unencryptedRemote(endpoint);
      const accepted = acceptedInsecure();
      if (risk && !accepted.includes(risk.key)) log(`engine: the user accepted the unencrypted endpoint ${risk.key}`);
      return choose({ engine: endpoint, tls: null, ...(risk ? { insecureAccepted: [...accepted, risk.key] } : {}) });
    },
    async candidates() {
      const found = await discover(discoveryInput());
      return found.map(({ endpoint, source, label, reachable, unencrypted }) => ({
        endpoint,
        source,
        label,
        reachable,
        ...(unencrypted ? { unencrypted } : {}),
      }));
    },
    startEmbedded,
    stopEmbedded,
    startVm,
    cancelVmStart,
    stopVm,
    embeddedStatus: () => embedded?.status() ?? lastEmbedded,
  };
}

function failedStatus(kind: EngineKind, keepRunning: boolean, message: string): EmbeddedEngineStatus {
  return { kind, phase: 'error', error: { message }, logTail: [], keepRunning };
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isRawEvent(value: unknown): value is RawEngineEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.Type === 'string' && typeof v.Action === 'string' && typeof v.Actor === 'object' && v.Actor !== null;
}
