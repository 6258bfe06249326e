// The one contract between the UI and the runtime. Every request and
// subscription is declared once, in the domain file under ./domains, with a
// zod schema for its input; this file joins them. Both transports (Electron
// IPC, WebSocket) serve exactly this map, and the renderer imports only its
// types.
import type { z } from 'zod';
import type { RequestDef, SubscriptionDef } from './define';
import { changesContract } from '../domains/changes/contract';
import { containersContract } from '../domains/containers/contract';
import { downloadsContract } from '../domains/downloads/contract';
import { engineContract } from '../domains/engine/contract';
import { imagesContract } from '../domains/images/contract';
import { registryContract } from '../domains/registry/contract';
import { settingsContract } from '../domains/settings/contract';
import { logsContract } from '../domains/logs/contract';
import { terminalContract } from '../domains/terminal/contract';
import { filesContract } from '../domains/files/contract';
import { mountsContract } from '../domains/mounts/contract';
import { networksContract } from '../domains/networks/contract';
import { buildContract } from '../domains/build/contract';
import { runContract } from '../domains/run/contract';
import { volumesContract } from '../domains/volumes/contract';
import { vmContract } from '../domains/vm/contract';
import { composeContract } from '../domains/compose/contract';
import { diskContract } from '../domains/disk/contract';
import { processesContract } from '../domains/processes/contract';
import { activityContract } from '../domains/activity/contract';
import { statsContract } from '../domains/stats/contract';
import { learnContract } from '../domains/learn/contract';
import { podsContract } from '../domains/pods/contract';
import { shellContract } from '../domains/shell/contract';
import { appContract } from '../domains/app/contract';
import { contextsContract } from '../domains/contexts/contract';

export { ContainerActionInput } from '../domains/containers/contract';
export { EngineEndpoint, TlsInput } from '../domains/engine/contract';
export { SettingsPatch } from '../domains/settings/contract';
export { ContainerRef } from './inputs';
export { LogsStreamInput } from '../domains/logs/contract';

export const contract = {
  ...engineContract,
  ...settingsContract,
  ...containersContract,
  ...changesContract,
  ...imagesContract,
  ...registryContract,
  ...volumesContract,
  ...logsContract,
  ...terminalContract,
  ...filesContract,
  ...mountsContract,
  ...runContract,
  ...vmContract,
  ...networksContract,
  ...buildContract,
  ...downloadsContract,
  ...composeContract,
  ...diskContract,
  ...processesContract,
  ...activityContract,
  ...statsContract,
  ...learnContract,
  ...podsContract,
  ...shellContract,
  ...appContract,
  ...contextsContract,
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
export type OutputOf<K extends RequestName> = Contract[K] extends RequestDef<z.ZodType, infer O> ? O : never;
export type EventOf<K extends SubscriptionName> = Contract[K] extends SubscriptionDef<z.ZodType, infer E> ? E : never;
