// Contexts requests: list the docker CLI's contexts and Podman's connections
// (each probed), switch Wharf to one through the engine manager, and make one
// the CLI's own default.
import { homedir } from 'node:os';
import { probeAll } from '../../engine/discovery';
import { readDockerContexts, type StoreInput } from '../../engine/docker-contexts';
import { normalizeEndpoint, type TlsOptions } from '../../engine/endpoint';
import type { EngineChoice } from '../../engine/connection';
import type { Engine } from '../../engine/types';
import { readPodmanConnections } from '../../engine/podman-connections';
import type { SettingsStore } from '../../settings';
import type { ServiceHandlers } from '../../transport/handlers';
import type { EngineState } from '../engine/types';
import { keyed, makeCliDefault } from './cli-default';
import type { ContextKind, ContextList, EngineContextItem } from './types';

export interface ContextsOptions {
  engine: Engine;
  choice: Pick<EngineChoice, 'use'>;
  settings: SettingsStore;
  /** Where the CLI's files are looked for; this process's environment and home by default. */
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
  /** Podman as root reads no user containers.conf; default: this process's user. */
  root?: boolean;
  /** Checks one endpoint; the engine client's bounded /_ping by default. */
  probe?: (c: { endpoint: string; tls?: TlsOptions }) => Promise<boolean>;
}

/** One context or connection as found on disk, with what Wharf needs to reach it. */
export interface FoundContext {
  kind: ContextKind;
  name: string;
  endpoint: string;
  description?: string;
  tls?: TlsOptions;
  isMachine?: boolean;
  /** The SSH key file of a Podman connection. */
  identity?: string;
  cliCurrent: boolean;
}

type Requests = 'contexts.list' | 'contexts.use' | 'contexts.makeCliDefault';

export function createContextsService(options: ContextsOptions): ServiceHandlers<Requests> & {
  /** The remembered context's endpoint, brought up to date before the first connection. */
  followChosen(): Promise<void>;
} {
  const { engine, choice, settings } = options;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const store: StoreInput = { env, home, ...(options.platform ? { platform: options.platform } : {}) };

  function findAll(): { found: FoundContext[]; list: Omit<ContextList, 'items'> } {
    const docker = readDockerContexts(store);
    const podman = readPodmanConnections({ env, home, ...(options.root !== undefined ? { root: options.root } : {}) });
    const found: FoundContext[] = [
      ...docker.contexts.map((c) => ({
        kind: 'docker-context' as const,
        name: c.name,
        endpoint: c.endpoint,
        ...(c.description ? { description: c.description } : {}),
        ...(c.tls ? { tls: c.tls } : {}),
        cliCurrent: c.name === docker.current,
      })),
      ...podman.connections.map((c) => ({
        kind: 'podman-connection' as const,
        name: c.name,
        endpoint: c.endpoint,
        isMachine: c.isMachine,
        ...(c.identity ? { identity: c.identity } : {}),
        cliCurrent: c.name === podman.current,
      })),
    ];
    const list: Omit<ContextList, 'items'> = { dockerConfigDir: docker.configDir };
    if (docker.currentFrom === 'env-host') list.dockerOverride = 'DOCKER_HOST';
    if (docker.currentFrom === 'env-context') list.dockerOverride = 'DOCKER_CONTEXT';
    if (podman.currentFrom === 'env') list.podmanOverride = 'CONTAINER_CONNECTION';
    return { found, list };
  }

  function find(kind: ContextKind, name: string): FoundContext {
    const hit = findAll().found.find((c) => c.kind === kind && c.name === name);
    if (!hit) throw keyed('not-found', 'context.notFound', { name });
    return hit;
  }

  /** The endpoint Wharf is connected or connecting to, normalized. */
  function activeEndpoint(state: EngineState): string | undefined {
    if (state.phase === 'connected') return normalizeEndpoint(state.engine.endpoint);
    if ((state.phase === 'connecting' || state.phase === 'reconnecting' || state.phase === 'error') && state.endpoint)
      return normalizeEndpoint(state.endpoint);
    return undefined;
  }

  return {
    requests: {
      'contexts.list': async () => {
        const { found, list } = findAll();
        const accepted = settings.get().insecureAccepted ?? [];
        const probed = await probeAll(found, accepted, options.probe);
        const s = settings.get();
        const active = activeEndpoint(engine.state());
        const chosenOne = s.engineContext && s.engine ? s.engineContext : undefined;
        const chosenEndpoint = s.engine ? normalizeEndpoint(s.engine) : undefined;
        // When Wharf was switched to one of several with the same endpoint, only that one is "in use".
        const isChosen = (c: FoundContext): boolean =>
          chosenOne !== undefined &&
          chosenOne.kind === c.kind &&
          chosenOne.name === c.name &&
          chosenEndpoint === normalizeEndpoint(c.endpoint);
        const anyChosen = found.some(isChosen);
        const items = probed.map((c): EngineContextItem => {
          const item: EngineContextItem = {
            kind: c.kind,
            name: c.name,
            endpoint: c.endpoint,
            cliCurrent: c.cliCurrent,
            chosen: isChosen(c),
            inUse:
              active !== undefined &&
              active === normalizeEndpoint(c.endpoint) &&
              (!anyChosen || active !== chosenEndpoint || isChosen(c)),
            reachable: c.reachable,
            tls: c.tls !== undefined,
          };
          if (c.description) item.description = c.description;
          if (c.isMachine !== undefined) item.isMachine = c.isMachine;
          if (c.unencrypted) item.unencrypted = c.unencrypted;
          if (c.identity) item.identity = c.identity;
          return item;
        });
        return { ...list, items };
      },

      'contexts.use': async ({ kind, name }) => {
        const target = find(kind, name);
        // The endpoint and its TLS files are the engine choice (it forgets any context named before);
        // the context's name is remembered once that choice is made.
        const state = await choice.use(target.endpoint, target.tls ?? null);
        await settings.update({ engineContext: { kind, name } });
        return state;
      },

      'contexts.makeCliDefault': async ({ kind, name }) => {
        find(kind, name);
        return makeCliDefault(kind, name, { env, home });
      },
    },
    subscriptions: {},

    async followChosen() {
      const s = settings.get();
      if (!s.engineContext || !s.engine) return;
      const hit = findAll().found.find((c) => c.kind === s.engineContext?.kind && c.name === s.engineContext.name);
      if (!hit || normalizeEndpoint(hit.endpoint) === normalizeEndpoint(s.engine)) return;
      await settings.update({ engine: hit.endpoint, tls: hit.tls ?? null });
    },
  };
}
