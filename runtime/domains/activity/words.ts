// How the feed words an event, the docker command it stands for, and what it
// links to. Pure and shared: the runtime sends structured events, the
// renderer looks the key up in its locale files (activity.words.*).
import { shellQuote } from '../../api/shell-words';
import { type ExitExplanation, explainExitCode } from './exit-codes';
import type { ActivityEvent } from './types';

export interface Wording {
  /** Translation key under activity.words. */
  key: string;
  values: Record<string, string | number>;
  /** die: what the exit code means (the renderer words it with activity.exit.<meaning>). */
  exit?: ExitExplanation;
}

/** Actions with their own sentence, per object; anything else gets the generic one. */
const WORDED: Record<string, ReadonlySet<string>> = {
  container: new Set([
    'create',
    'start',
    'die',
    'stop',
    'kill',
    'restart',
    'pause',
    'unpause',
    'destroy',
    'rename',
    'update',
    'oom',
    'commit',
    'export',
  ]),
  image: new Set(['pull', 'push', 'tag', 'untag', 'delete', 'import', 'load', 'save', 'prune']),
  volume: new Set(['create', 'destroy', 'prune']),
  network: new Set(['create', 'destroy', 'connect', 'disconnect', 'prune']),
};

const HEALTH = new Set(['healthy', 'unhealthy', 'starting']);

/** The short form of a long hex id; names stay as they are. */
export const shortName = (name: string): string =>
  /^(sha256:)?[0-9a-f]{64}$/.test(name) ? name.replace(/^sha256:/, '').slice(0, 12) : name;

export function wordsOf(e: ActivityEvent): Wording {
  const name = shortName(e.name);
  const values: Record<string, string | number> = { name, action: e.action, type: e.type };
  if (e.object === 'container' && e.action === 'health_status') {
    const status = HEALTH.has(e.detail ?? '') ? e.detail! : 'other';
    return { key: `container.health.${status}`, values: { ...values, detail: e.detail ?? '' } };
  }
  if (e.object === 'container' && e.action === 'die') {
    const code = e.exitCode ?? 0;
    const exit = explainExitCode(code, e.oom === true);
    return {
      key: code === 0 && e.oom !== true ? 'container.dieOk' : 'container.die',
      values: { ...values, code },
      exit,
    };
  }
  if (e.object === 'container' && e.action === 'kill') {
    return { key: 'container.kill', values: { ...values, signal: e.signal ?? '' } };
  }
  if (e.object === 'network' && (e.action === 'connect' || e.action === 'disconnect')) {
    return { key: `network.${e.action}`, values: { ...values, container: shortName(e.container ?? '') } };
  }
  if (WORDED[e.object]?.has(e.action)) return { key: `${e.object}.${e.action}`, values };
  return { key: 'other', values };
}

const q = (word: string) => shellQuote(shortName(word));

/** The docker command this event stands for (or that shows what it left), when there is one. */
export function cliOf(e: ActivityEvent): string | undefined {
  const n = q(e.name);
  switch (e.object) {
    case 'container':
      switch (e.action) {
        case 'create':
          return `docker create --name ${n}${e.image ? ` ${shellQuote(e.image)}` : ''}`;
        case 'start':
        case 'stop':
        case 'restart':
        case 'pause':
        case 'unpause':
          return `docker ${e.action} ${n}`;
        case 'kill':
          return e.signal && e.signal !== '9' && e.signal !== 'SIGKILL'
            ? `docker kill --signal ${shellQuote(e.signal)} ${n}`
            : `docker kill ${n}`;
        case 'destroy':
          return `docker rm ${n}`;
        case 'die':
        case 'oom':
          return `docker inspect --format '{{.State.ExitCode}} {{.State.OOMKilled}}' ${n}`;
        case 'health_status':
          return `docker inspect --format '{{json .State.Health}}' ${n}`;
        default:
          return undefined;
      }
    case 'image':
      switch (e.action) {
        case 'pull':
        case 'push':
          return `docker ${e.action} ${n}`;
        case 'tag':
          return `docker tag ${q(e.id)} ${n}`;
        case 'untag':
        case 'delete':
          return `docker rmi ${n}`;
        case 'save':
          return `docker save ${n}`;
        default:
          return undefined;
      }
    case 'volume':
      if (e.action === 'create') return `docker volume create ${n}`;
      if (e.action === 'destroy') return `docker volume rm ${n}`;
      return undefined;
    case 'network':
      if (e.action === 'create') return `docker network create ${n}`;
      if (e.action === 'destroy') return `docker network rm ${n}`;
      if ((e.action === 'connect' || e.action === 'disconnect') && e.container)
        return `docker network ${e.action} ${n} ${q(e.container)}`;
      return undefined;
    default:
      return undefined;
  }
}

export interface ActivityLink {
  route: 'containers' | 'images' | 'volumes' | 'networks';
  /** What the page is addressed by (a container's id, a volume's name…). */
  id: string;
}

/** The page of what the event touched; nothing for what is gone (a removed container, a deleted image). */
export function linkOf(e: ActivityEvent): ActivityLink | undefined {
  switch (e.object) {
    case 'container':
      return e.action === 'destroy' ? undefined : { route: 'containers', id: e.id };
    case 'image':
      return e.action === 'delete' || e.action === 'untag' || e.action === 'prune'
        ? undefined
        : { route: 'images', id: e.id };
    case 'volume':
      return e.action === 'destroy' || e.action === 'prune' ? undefined : { route: 'volumes', id: e.name };
    case 'network':
      return e.action === 'destroy' || e.action === 'prune' ? undefined : { route: 'networks', id: e.name };
    default:
      return undefined;
  }
}

/** What a notification is about, for an event that calls for one. */
export function noticeOf(e: ActivityEvent): 'oom' | 'died' | 'unhealthy' | undefined {
  if (e.object !== 'container') return undefined;
  if (e.action === 'die' && e.oom === true) return 'oom';
  if (e.action === 'die' && e.unexpected === true) return 'died';
  if (e.action === 'health_status' && e.detail === 'unhealthy') return 'unhealthy';
  return undefined;
}
