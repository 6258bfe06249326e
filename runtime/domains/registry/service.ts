// Registry requests: a login is checked with the registry (through the
// engine) before it is saved; pull and push (the images domain) use the
// saved logins from the same store, then the docker CLI's and Podman's.
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { createTransfers } from '../images/transfer';
import type { CredentialStore } from './credentials';
import {
  type ExternalEnv,
  type ToolProblem,
  dockerConfigFile,
  listExternalLogins,
  podmanAuthFiles,
  saveForDockerCli,
} from './docker-config';
import type { DockerCliSave, RegistryAccount, ToolLoginFiles } from './types';

/** `external`: where the docker CLI's and Podman's logins are read and written (none when absent). */
export function createRegistryService(
  engine: Engine,
  credentials: CredentialStore,
  external?: ExternalEnv,
): ServiceHandlers<'registry.login' | 'registry.logout' | 'registry.list' | 'registry.toolFiles'> {
  const transfers = createTransfers(engine, credentials, external);
  return {
    requests: {
      'registry.login': async ({ saveForDockerCli: alsoCli, ...input }) => {
        const saved = await transfers.login(input.registry, input.username, input.password);
        if (alsoCli !== true) return saved;
        let dockerCli: DockerCliSave;
        if (external === undefined)
          dockerCli = { saved: false, reason: 'The docker CLI configuration is not in reach.' };
        else {
          try {
            const where = await saveForDockerCli(saved.registry, input.username, input.password, external);
            dockerCli = {
              saved: true,
              file: where.file,
              ...(where.kind === 'credential-helper' ? { helper: where.helper } : {}),
            };
          } catch (error) {
            dockerCli = { saved: false, reason: (error as Error).message };
          }
        }
        return { ...saved, dockerCli };
      },
      'registry.logout': async ({ registry }) => ({
        removed: await credentials.delete(registry),
        command: dockerCommand('registry.logout', { registry }),
      }),
      'registry.list': async () => {
        const own: RegistryAccount[] = (await credentials.list()).map((a) => ({ ...a, source: 'wharf' }));
        if (external === undefined) return own;
        const taken = new Set(own.map((a) => a.registry));
        const theirs = (await listExternalLogins(external))
          .filter((l) => !taken.has(l.registry))
          .map((l): RegistryAccount => ({
            registry: l.registry,
            username: l.username,
            source: l.source.kind,
            file: l.source.file,
            ...(l.source.kind === 'credential-helper' ? { helper: l.source.helper } : {}),
          }));
        return [...own, ...theirs];
      },
      'registry.toolFiles': async (): Promise<ToolLoginFiles> => {
        if (external === undefined) return { dockerConfig: null, podman: [], problems: [] };
        const problems: ToolProblem[] = [];
        await listExternalLogins({
          ...external,
          problems: (p) => {
            problems.push(p);
            external.problems?.(p);
          },
        });
        return {
          dockerConfig: dockerConfigFile(external),
          podman: podmanAuthFiles(external),
          problems: problems.map(({ message: _message, ...rest }) => rest),
        };
      },
    },
    subscriptions: {},
  };
}
