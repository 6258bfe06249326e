// Networks: the engine's list, for choosing where a new container is attached.
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import type { NetworkSummary } from './types';

const BUILT_IN = new Set(['bridge', 'host', 'none']);

export function toNetworkSummary(n: { Id: string; Name: string; Driver?: string; Scope?: string }): NetworkSummary {
  return { id: n.Id, name: n.Name, driver: n.Driver ?? '', scope: n.Scope ?? '', builtIn: BUILT_IN.has(n.Name) };
}

export function createNetworksService(engine: Engine): ServiceHandlers<'networks.list'> {
  return {
    requests: {
      'networks.list': async () => {
        const list = (await engine.docker().listNetworks()) as Array<{ Id: string; Name: string; Driver?: string; Scope?: string }>;
        // The engine's own first, then the user's by name.
        return list.map(toNetworkSummary).sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
      },
    },
    subscriptions: {},
  };
}
