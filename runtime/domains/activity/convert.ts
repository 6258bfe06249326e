// One raw engine event → the feed's ActivityEvent. Pure. Docker and Podman's
// compat stream share the shape, not the words: Podman says "died" and
// "remove" where Docker says "die" and "destroy"/"delete", and leaves the id
// empty on volume events (the name is in Attributes.name).
import type { ActivityEvent, ActivityObject } from './types';

/** The wire shape; older engines also fill the pre-1.22 fields. */
export interface WireEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null };
  time?: number;
  timeNano?: number;
  /** Podman: a health_status event's new status. */
  HealthStatus?: string;
}

/** Actions that happen every few seconds or say nothing a user did: health-check and Wharf's own execs, Podman's bookkeeping. */
const NOISE = new Set([
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  'exec',
  'exec_died',
  'top',
  'resize',
  'attach',
  'detach',
  'init',
  'cleanup',
  'sync',
  'mount',
  'unmount',
  'archive-path',
  'extract-to-dir',
  'copy',
]);

/** Podman's words → Docker's, per object. */
const SAME_AS: Record<string, Record<string, string>> = {
  container: { died: 'die', remove: 'destroy' },
  volume: { remove: 'destroy' },
  network: { remove: 'destroy' },
  image: { remove: 'delete' },
};

/** Wharf's own helper containers are no part of what the user did. */
export const HELPER_LABEL = 'io.wharf.helper';

const OBJECTS = new Set<ActivityObject>(['container', 'image', 'volume', 'network']);

function intOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/** The feed's event, or undefined for noise and events too broken to show. */
export function toActivityEvent(raw: WireEvent): ActivityEvent | undefined {
  const type = (raw.Type ?? '').toLowerCase();
  const full = (raw.Action ?? raw.status ?? '').trim();
  const colon = full.indexOf(':');
  let action = (colon < 0 ? full : full.slice(0, colon)).trim().toLowerCase();
  const detail = colon < 0 ? raw.HealthStatus : full.slice(colon + 1).trim();
  if (type === '' || action === '' || NOISE.has(action)) return undefined;
  action = SAME_AS[type]?.[action] ?? action;
  const attributes = raw.Actor?.Attributes ?? {};
  if (attributes[HELPER_LABEL] !== undefined) return undefined;
  const id = raw.Actor?.ID || raw.id || attributes.name || '';
  if (id === '') return undefined;
  const timeNano = raw.timeNano ?? (raw.time ?? 0) * 1e9;
  const object: ActivityObject = OBJECTS.has(type as ActivityObject) ? (type as ActivityObject) : 'other';
  const event: ActivityEvent = {
    key: `${timeNano}:${type}:${action}:${id}`,
    time: Math.floor(timeNano / 1e6),
    object,
    type,
    action,
    id,
    name: attributes.name || id,
  };
  if (detail !== undefined && detail !== '') event.detail = detail;
  if (object === 'container' && attributes.image) event.image = attributes.image;
  const exitCode = intOf(attributes.exitCode);
  if (exitCode !== undefined && (action === 'die' || action === 'stop')) event.exitCode = exitCode;
  if (attributes.signal) event.signal = attributes.signal;
  if (object === 'network' && attributes.container) event.container = attributes.container;
  return event;
}
