// The data shapes of the activity domain. Pure types.

/** The kinds of object the feed names and links to. */
export type ActivityObject = 'container' | 'image' | 'volume' | 'network' | 'other';

/** One engine event, as the feed keeps it. */
export interface ActivityEvent {
  /** Unique within the session: the engine's time in nanoseconds and what it touched. */
  key: string;
  /** Milliseconds since the epoch. */
  time: number;
  object: ActivityObject;
  /** The engine's event type as sent (container, image, volume, network, plugin, daemon…). */
  type: string;
  /** The action, lower case, without its detail ("health_status", "die"); Podman's words mapped to Docker's. */
  action: string;
  /** What followed a colon in the action ("healthy" for health_status: healthy). */
  detail?: string;
  /** The object's id (a container's, an image's, a network's), or its name when the engine sends no id. */
  id: string;
  /** The name a user knows it by (container name, image reference, volume or network name). */
  name: string;
  /** The image a container runs, for container events. */
  image?: string;
  exitCode?: number;
  /** The signal of a kill event, as a number or name. */
  signal?: string;
  /** network connect/disconnect: the container's name or id. */
  container?: string;
  /** die: the engine killed it for memory (an oom event before it, or inspect's State.OOMKilled). */
  oom?: boolean;
  /** die: a non-zero exit without a stop or kill before it. */
  unexpected?: boolean;
}

export interface ActivityList {
  /** Oldest first. */
  events: ActivityEvent[];
  /** The earliest time (ms) the list covers. */
  from: number;
  /** More happened in that span than the list holds; the oldest were left out. */
  truncated: boolean;
}

/** What a notification is about. */
export type NoticeKind = 'died' | 'oom' | 'unhealthy' | 'longAction';
