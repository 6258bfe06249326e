// The connection state machine: which engine to use (the user's choice or
// discovery), connecting to it, its event stream, and reconnecting when lost.
// Wharf's own engines (embedded, VM) join in through ConnectionHooks.
import type Docker from 'dockerode';
import { ApiError } from '../api/errors';
import type { EngineCandidate, EngineInfo, EngineKind, EngineSource, EngineState } from '../domains/engine/types';
import type { PlainError } from '../api/types';
import type { RuntimeSettings } from '../domains/settings/types';
import type { SettingsStore } from '../settings';
import { backoffDelay } from './backoff';
import { createClient, negotiateApi, ping, readVersion } from './client';
import { describeConnectError } from './connect-error';
import { discover, type DiscoveryInput } from './discovery';
import { findEngineBinaries } from './embedded-config';
import type { TlsOptions } from './endpoint';
import { openEventStream, PING_TIMEOUT_MS, type EventStream } from './events';
import { InsecureEndpointError, unencryptedRemote } from './insecure';
import { installSupport } from './install';
import { createListeners } from './listeners';
import type { RawEngineEvent } from './types';

export interface Target {
  endpoint: string;
  tls?: TlsOptions | null;
  source: EngineSource;
  embedded: boolean;
}

/** What Wharf's own engines (the embedded engine, the engine VM) add to the state machine. */
export interface ConnectionHooks {
  /** Wharf's own engines for discovery to try, in order. */
  ownEngines(): { endpoint: string; label: string }[];
  /** A Wharf-run engine answered before being used: one left running by an earlier run is taken back (the promise). */
  adopt(endpoint: string, kind: EngineKind): Promise<void> | undefined;
  /** Runs instead of discovery when it returns a promise (the VM started with Wharf). */
  takeOver(gen: number): Promise<unknown> | undefined;
  /** The state to show while discovery finds nothing usable; undefined: no engine. */
  idle(): EngineState | undefined;
  /** A lost connection this hook explains; true when it set the state itself. */
  lost(target: Target): boolean;
  /** Each event, before the listeners see it. */
  event(event: RawEngineEvent, info: EngineInfo | undefined): void;
}

/** How the user chooses the engine (the engine service's requests). */
export interface EngineChoice {
  /**
   * Connect to this endpoint now and remember it; null: discover again.
   * Refuses (ApiError 'forbidden') an unencrypted remote endpoint not accepted yet.
   */
  use(endpoint: string | null, tls?: TlsOptions | null): Promise<EngineState>;
  /** Records that the user accepts this unencrypted remote endpoint, then uses it. */
  acceptInsecure(endpoint: string): Promise<EngineState>;
  candidates(): Promise<EngineCandidate[]>;
}

export interface ConnectionOptions {
  settings: SettingsStore;
  override?: string;
  log: (message: string) => void;
  discovery?: Omit<DiscoveryInput, 'chosen' | 'embedded'>;
  rediscoverMs?: number;
  hooks: ConnectionHooks;
}

export interface Connection extends EngineChoice {
  state(): EngineState;
  setState(next: EngineState): void;
  onState(listener: (state: EngineState) => void): () => void;
  onEvent(listener: (event: RawEngineEvent) => void): () => void;
  onConnected(listener: (info: EngineInfo) => void): () => void;
  /** The client and engine of the current connection, whatever the state says. */
  client(): Docker | undefined;
  info(): EngineInfo | undefined;
  /** Whether this endpoint is connected or being reconnected to. */
  uses(endpoint: string): boolean;
  /** Drops the connection and anything scheduled; returns the new generation. */
  abandon(): number;
  /** Abandons the connection and forgets its target: nothing reconnects to it. */
  release(): void;
  isCurrent(gen: number): boolean;
  /** Ping, /version, event stream; undefined when connected. */
  tryConnect(target: Target, gen: number): Promise<PlainError | undefined>;
  /** Starts over: the chosen engine, else discovery. */
  reconnect(): Promise<void>;
  started(): boolean;
  disposed(): boolean;
  start(): Promise<void>;
  dispose(): void;
}

// Podman answers /version slowly (it asks conmon and runc for theirs): seconds under load.
const VERSION_TIMEOUT_MS = 20_000;

export function createConnection(options: ConnectionOptions): Connection {
  const { settings, log, hooks } = options;
  const rediscoverMs = options.rediscoverMs ?? 3000;
  let override = options.override;

  let state: EngineState = { phase: 'connecting' };
  let client: Docker | undefined;
  let info: EngineInfo | undefined;
  let target: Target | undefined;
  /** Bumped whenever the current connection or attempt is abandoned. */
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let events: EventStream | undefined;
  let started = false;
  let disposed = false;
  let flow: Promise<void> = Promise.resolve();
  let flows = 0;

  const stateListeners = createListeners<EngineState>(log);
  const eventListeners = createListeners<RawEngineEvent>(log);
  const connectedListeners = createListeners<EngineInfo>(log);

  function setState(next: EngineState): void {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    stateListeners.emit(next);
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

  function abandon(): number {
    generation += 1;
    clearTimer();
    events?.close();
    events = undefined;
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
    return {
      ...options.discovery,
      chosen: chosen ?? null,
      embedded: hooks.ownEngines(),
      acceptedInsecure: acceptedInsecure(),
    };
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
    const instead = disposed ? undefined : hooks.takeOver(gen);
    if (instead) {
      await instead;
      return;
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
      const t: Target = {
        endpoint: c.endpoint,
        tls: c.tls ?? null,
        source: c.source,
        embedded: c.source === 'embedded',
      };
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
    const idle = hooks.idle();
    if (idle) {
      setState(idle);
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
    const adopting = t.embedded ? hooks.adopt(t.endpoint, version.kind) : undefined;
    if (adopting) await adopting;
    if (gen !== generation) return undefined;

    clearTimer();
    client = connected;
    info = engine;
    target = t;
    events = openEventStream(connected, {
      isCurrent: () => gen === generation,
      onEvent: (event) => {
        hooks.event(event, info);
        eventListeners.emit(event);
      },
      onLost,
      log,
    });
    setState({ phase: 'connected', engine });
    log(`engine: connected to ${engine.kind} ${engine.version} (API ${api}) at ${t.endpoint}`);
    connectedListeners.emit(engine);
    return undefined;
  }

  function onLost(reason: string): void {
    const t = target;
    if (t === undefined || disposed) return;
    if (hooks.lost(t)) return;
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

  /** Remembers the choice and connects to it (the settings change reconnects; else this does). */
  async function choose(patch: Partial<RuntimeSettings>): Promise<EngineState> {
    override = undefined;
    const before = flows;
    await settings.update(patch);
    if (flows === before) await reconnect();
    else await flow;
    return state;
  }

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
    setState,
    onState: (listener) => stateListeners.add(listener),
    onEvent: (listener) => eventListeners.add(listener),
    onConnected: (listener) => connectedListeners.add(listener),
    client: () => client,
    info: () => info,
    uses: (endpoint) => info?.endpoint === endpoint || target?.endpoint === endpoint,
    abandon,
    release() {
      abandon();
      target = undefined;
    },
    isCurrent: (gen) => gen === generation,
    tryConnect,
    reconnect,
    started: () => started,
    disposed: () => disposed,
    async start() {
      if (started) return flow;
      started = true;
      return reconnect();
    },
    dispose() {
      disposed = true;
      abandon();
      stateListeners.clear();
    },
    async use(endpoint, tls) {
      const risk = endpoint === null ? undefined : unencryptedRemote(endpoint, tls);
      if (endpoint !== null && risk && !acceptedInsecure().includes(risk.key)) {
        const plain = new InsecureEndpointError(endpoint, risk.host).toPlain();
        throw new ApiError({ code: 'forbidden', ...plain });
      }
      // A context chosen before is no longer the choice (the contexts service names one after this).
      return choose({ engine: endpoint, tls: endpoint === null ? null : (tls ?? null), engineContext: null });
    },
    async acceptInsecure(endpoint) {
      const risk = unencryptedRemote(endpoint);
      const accepted = acceptedInsecure();
      if (risk && !accepted.includes(risk.key)) log(`engine: the user accepted the unencrypted endpoint ${risk.key}`);
      return choose({
        engine: endpoint,
        tls: null,
        engineContext: null,
        ...(risk ? { insecureAccepted: [...accepted, risk.key] } : {}),
      });
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
  };
}
