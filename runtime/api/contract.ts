// The one contract between the UI and the runtime. Every request and
// subscription is declared here once, with a zod schema for its input.
// Both transports (Electron IPC, WebSocket) serve exactly this map, and the
// renderer imports only its types.
import { z } from 'zod';
import type {
  ActionResult,
  ChangeEvent,
  ContainerSummary,
  EmbeddedEngineStatus,
  EngineCandidate,
  EngineState,
  ImageSummary,
  RuntimeSettings,
  VolumeSummary,
} from './types';

interface RequestDef<I extends z.ZodType, O> {
  readonly kind: 'request';
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output: O;
}

interface SubscriptionDef<I extends z.ZodType, E> {
  readonly kind: 'subscription';
  readonly input: I;
  /** Phantom: carries the type of each emitted value only. */
  readonly event: E;
}

const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestDef<I, O> => ({
    kind: 'request',
    input,
    output: undefined as unknown as O,
  });

const subscription =
  <E>() =>
  <I extends z.ZodType>(input: I): SubscriptionDef<I, E> => ({
    kind: 'subscription',
    input,
    event: undefined as unknown as E,
  });

// ---- shared input pieces -------------------------------------------------

const none = z.object({}).strict();

/** A container id (full or short hex) or name, as the engine accepts them. */
export const ContainerRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');

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

export const ContainerActionInput = z
  .object({
    action: z.enum(['start', 'stop', 'restart', 'remove', 'kill', 'pause', 'unpause']),
    targets: z
      .array(z.object({ id: ContainerRef, name: z.string().max(256) }).strict())
      .min(1)
      .max(1000),
    /** remove: also remove anonymous volumes (docker rm -v). */
    removeVolumes: z.boolean().optional(),
    /** remove: remove even if running (docker rm -f). */
    force: z.boolean().optional(),
  })
  .strict();

export const TlsInput = z
  .object({
    ca: z.string().max(4096).optional(),
    cert: z.string().max(4096).optional(),
    key: z.string().max(4096).optional(),
    verify: z.boolean(),
  })
  .strict();

export const SettingsPatch = z
  .object({
    engine: EngineEndpoint.nullable().optional(),
    tls: TlsInput.nullable().optional(),
    keepEmbeddedEngine: z.boolean().optional(),
  })
  .strict();

// ---- the contract --------------------------------------------------------

export const contract = {
  // engine and system
  'engine.state': request<EngineState>()(none),
  'engine.candidates': request<EngineCandidate[]>()(none),
  /** Connect to this endpoint now and remember it (null: discover again). */
  'engine.use': request<EngineState>()(
    z.object({ endpoint: EngineEndpoint.nullable(), tls: TlsInput.nullable().optional() }).strict(),
  ),
  'engine.startEmbedded': request<EmbeddedEngineStatus>()(
    z.object({ kind: z.enum(['docker', 'podman']), keepRunning: z.boolean().optional() }).strict(),
  ),
  'engine.stopEmbedded': request<EmbeddedEngineStatus>()(none),
  'engine.embeddedStatus': request<EmbeddedEngineStatus | null>()(none),
  /** Install an engine with the OS package manager, asking for elevation. */
  'engine.install': request<{ ok: boolean; command: string; output: string }>()(
    z.object({ package: z.enum(['docker.io', 'podman']) }).strict(),
  ),
  'settings.get': request<RuntimeSettings>()(none),
  'settings.update': request<RuntimeSettings>()(SettingsPatch),

  // containers
  'containers.list': request<ContainerSummary[]>()(none),
  'containers.act': request<ActionResult>()(ContainerActionInput),
  /** The docker CLI command an action stands for, without doing it. */
  'containers.describeAction': request<{ command: string }>()(ContainerActionInput),

  // images and volumes
  'images.list': request<ImageSummary[]>()(none),
  'volumes.list': request<VolumeSummary[]>()(none),

  // streams
  /** Current engine state first, then every change of it. */
  'engine.watch': subscription<EngineState>()(none),
  /** Incremental changes from the engine's event stream. */
  'changes.watch': subscription<ChangeEvent>()(none),
} as const;

export type Contract = typeof contract;

export type RequestName = {
  [K in keyof Contract]: Contract[K] extends RequestDef<z.ZodType, unknown> ? K : never;
}[keyof Contract];

export type SubscriptionName = {
  [K in keyof Contract]: Contract[K] extends SubscriptionDef<z.ZodType, unknown> ? K : never;
}[keyof Contract];

/** What a caller passes (before defaults are applied). */
export type InputOf<K extends keyof Contract> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<K extends keyof Contract> = z.output<Contract[K]['input']>;
export type OutputOf<K extends RequestName> = Contract[K] extends RequestDef<z.ZodType, infer O>
  ? O
  : never;
export type EventOf<K extends SubscriptionName> = Contract[K] extends SubscriptionDef<
  z.ZodType,
  infer E
>
  ? E
  : never;
