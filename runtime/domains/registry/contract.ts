// Registry logins: the credentials pull and push use, kept by the runtime.
import { z } from 'zod';
import { request } from '../../api/define';
import type { DockerCliSave, RegistryAccount, ToolLoginFiles } from './types';
import { RegistryHost } from '../images/contract';
import { none } from '../../api/inputs';

export const registryContract = {
  /**
   * Checks the credentials with the registry, then keeps them in the
   * runtime's credential store (never in plain text, never sent back).
   * Wrong credentials: code 'forbidden' with plain words.
   */
  /**
   * `saveForDockerCli` (off unless asked): also save the login where the
   * docker CLI reads it (config.json's auths, or the credential helper it
   * names); `dockerCli` says where, or why it could not.
   */
  'registry.login': request<RegistryAccount & { command: string; dockerCli?: DockerCliSave }>()(
    z
      .object({
        registry: RegistryHost,
        username: z.string().min(1).max(256),
        password: z.string().min(1).max(4096),
        saveForDockerCli: z.boolean().optional(),
      })
      .strict(),
  ),
  'registry.logout': request<{ command: string; removed: boolean }>()(z.object({ registry: RegistryHost }).strict()),
  /**
   * Registries with saved credentials: names only, never passwords. Wharf's
   * own first; then the docker CLI's and Podman's, each with its source.
   */
  'registry.list': request<RegistryAccount[]>()(none),
  /** Where the docker CLI's and Podman's logins are read, and any file or helper that could not be used. */
  'registry.toolFiles': request<ToolLoginFiles>()(none),
} as const;
