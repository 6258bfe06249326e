// Contexts: the docker CLI's contexts and Podman's connections, listed with
// their endpoints and whether they answer; switching Wharf to one; making one
// the CLI's own default.
import { z } from 'zod';
import { request } from '../../api/define';
import { none } from '../../api/inputs';
import type { EngineState } from '../engine/types';
import type { CliDefaultResult, ContextList } from './types';

/** A context or connection by name (the docker CLI allows [a-zA-Z0-9][a-zA-Z0-9_.+-]+; Podman any name). */
export const ContextRef = z
  .object({
    kind: z.enum(['docker-context', 'podman-connection']),
    name: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .refine((s) => !/[\u0000-\u001f]/.test(s), 'a name has no control characters'),
  })
  .strict();

export const contextsContract = {
  'contexts.list': request<ContextList>()(none),
  /** Connect Wharf to this context's endpoint (with its TLS files) and remember the choice. */
  'contexts.use': request<EngineState>()(ContextRef),
  /** Make it the CLI's current one too: what `docker context use` / `podman system connection default` do. */
  'contexts.makeCliDefault': request<CliDefaultResult>()(ContextRef),
} as const;
