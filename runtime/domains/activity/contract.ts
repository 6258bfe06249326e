// Activity: the engine's events for this session and from earlier, and each
// new one as it happens.
import { z } from 'zod';
import { request, subscription } from '../../api/define';
import { none } from '../../api/inputs';
import type { ActivityEvent, ActivityList } from './types';

/** Most events a list returns, and the feed keeps. */
export const ACTIVITY_LIMIT = 5000;

/** Milliseconds since the epoch, not before 2013 (Docker's first year), not far in the future. */
const Millis = z
  .number()
  .int()
  .min(Date.UTC(2013, 0, 1))
  .max(Date.UTC(2100, 0, 1));

export const ActivityListInput = z
  .object({
    /** From this time; before what the session holds, the engine is asked for its older events. */
    since: Millis.optional(),
    until: Millis.optional(),
  })
  .strict()
  .refine((v) => v.since === undefined || v.until === undefined || v.since <= v.until, {
    message: 'the start of the time span is after its end',
  });

export const activityContract = {
  /** Events in a time span (default: what this session has seen), oldest first. */
  'activity.list': request<ActivityList>()(ActivityListInput),
  /** Each new event as it happens. */
  'activity.watch': subscription<ActivityEvent>()(none),
} as const;
