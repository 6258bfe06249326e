// The docker commands of this domain (docker login and docker logout), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface RegistryCommandInputs {
  /** The password is never part of the command: --password-stdin. */
  'registry.login': { registry: string; username: string };
  'registry.logout': { registry: string };
}

export const registryCommands: CommandBuilders<RegistryCommandInputs> = {
  'registry.login': ({ registry, username }) => ['login', '-u', username, '--password-stdin', registry],
  'registry.logout': ({ registry }) => ['logout', registry],
};
