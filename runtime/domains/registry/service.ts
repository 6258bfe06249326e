// Registry requests: a login is checked with the registry (through the
// engine) before it is saved; pull and push (the images domain) use the
// saved logins from the same store.
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { createTransfers } from '../images/transfer';
import type { CredentialStore } from './credentials';

export function createRegistryService(
  engine: Engine,
  credentials: CredentialStore,
): ServiceHandlers<'registry.login' | 'registry.logout' | 'registry.list'> {
  const transfers = createTransfers(engine, credentials);
  return {
    requests: {
      'registry.login': (input) => transfers.login(input.registry, input.username, input.password),
      'registry.logout': async ({ registry }) => ({
        removed: await credentials.delete(registry),
        command: dockerCommand('registry.logout', { registry }),
      }),
      'registry.list': () => credentials.list(),
    },
    subscriptions: {},
  };
}
