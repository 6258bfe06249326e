// The activity domain's query keys and hooks: a span of events from the
// runtime, kept current with activity.watch.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ActivityList } from '../../../../runtime/domains/activity/types';
import { ACTIVITY_LIMIT } from '../../../../runtime/domains/activity/contract';
import { useClient } from '../../api/ClientProvider';

export const TIME_SPANS = ['session', '15m', '1h', '6h', '24h', '7d'] as const;
export type TimeSpan = (typeof TIME_SPANS)[number];

const SPAN_MS: Record<Exclude<TimeSpan, 'session'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3600_000,
  '6h': 6 * 3600_000,
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
};

export const activityKeys = {
  all: ['activity'] as const,
  list: (span: TimeSpan) => [...activityKeys.all, 'list', span] as const,
};

const RESUBSCRIBE_MS = 2000;

/** The events of a span, oldest first; new ones are appended as they happen. */
export function useActivity(span: TimeSpan) {
  const client = useClient();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: activityKeys.list(span),
    queryFn: () => client.request('activity.list', span === 'session' ? {} : { since: Date.now() - SPAN_MS[span] }),
    staleTime: Infinity,
    retry: false,
  });

  useEffect(() => {
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      stop = client.subscribe(
        'activity.watch',
        {},
        (event) => {
          queryClient.setQueryData<ActivityList>(activityKeys.list(span), (list) => {
            if (!list || list.events.some((e) => e.key === event.key)) return list;
            const events = [...list.events, event];
            return {
              ...list,
              events: events.slice(-ACTIVITY_LIMIT),
              truncated: list.truncated || events.length > ACTIVITY_LIMIT,
            };
          });
        },
        () => (timer = setTimeout(watch, RESUBSCRIBE_MS)),
      );
    };
    watch();
    return () => {
      stop?.();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, queryClient, span]);

  return query;
}
