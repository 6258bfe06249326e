// Engine: discovery, connecting, the private engine and installing one.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import type { EmbeddedEngineStatus, EngineCandidate, EngineState } from './types';
import { none } from '../../api/inputs';

/** Engine endpoint URL a user may type in Settings. */
export const EngineEndpoint = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine(
    (s) => /^(unix|npipe|tcp|ssh|http|https):\/\/.+/.test(s),
    'use unix://, npipe://, tcp:// or ssh:// followed by a path or address',
  );

export const TlsInput = z
  .object({
    ca: z.string().max(4096).optional(),
    cert: z.string().max(4096).optional(),
    key: z.string().max(4096).optional(),
    verify: z.boolean(),
  })
  .strict();

export const engineContract = {
  'engine.state': request<EngineState>()(none),
  'engine.candidates': request<EngineCandidate[]>()(none),
  /** Connect to this endpoint now and remember it (null: discover again). */
  'engine.use': request<EngineState>()(
    z.object({ endpoint: EngineEndpoint.nullable(), tls: TlsInput.nullable().optional() }).strict(),
  ),
  /**
   * Connect anyway to an unencrypted remote endpoint (plain tcp:// to another
   * machine): records the user's acceptance for exactly this endpoint, then
   * uses it as engine.use does.
   */
  'engine.acceptInsecure': request<EngineState>()(z.object({ endpoint: EngineEndpoint }).strict()),
  'engine.startEmbedded': request<EmbeddedEngineStatus>()(
    z.object({ kind: z.enum(['docker', 'podman']), keepRunning: z.boolean().optional() }).strict(),
  ),
  'engine.stopEmbedded': request<EmbeddedEngineStatus>()(none),
  'engine.embeddedStatus': request<EmbeddedEngineStatus | null>()(none),
  /** Install an engine with the OS package manager, asking for elevation. */
  /** key names an output Wharf wrote itself (not the package manager's), for the UI to translate. */
  'engine.install': request<{ ok: boolean; command: string; output: string; key?: string }>()(
    z.object({ package: z.enum(['docker.io', 'podman']) }).strict(),
  ),
  /** Current engine state first, then every change of it. */
  'engine.watch': subscription<EngineState>()(none),
} as const;
