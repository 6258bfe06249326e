// Registry logins: the credentials pull and push use, kept by the runtime.
import { z } from 'zod';
import { request } from '../../api/define';
import type { RegistryAccount } from './types';
import { RegistryHost } from '../images/contract';
import { none } from '../../api/inputs';

export const registryContract = {
  /**
   * Checks the credentials with the registry, then keeps them in the
   * runtime's credential store (never in plain text, never sent back).
   * Wrong credentials: code 'forbidden' with plain words.
   */
  'registry.login': request<RegistryAccount & { command: string }>()(
    z
      .object({ registry: RegistryHost, username: z.string().min(1).max(256), password: z.string().min(1).max(4096) })
      .strict(),
  ),
  'registry.logout': request<{ command: string; removed: boolean }>()(z.object({ registry: RegistryHost }).strict()),
  /** Registries with saved credentials: names only, never passwords. */
  'registry.list': request<RegistryAccount[]>()(none),
} as const;
