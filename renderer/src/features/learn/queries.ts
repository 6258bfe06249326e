// Learn's query keys and readers: the path, one lesson, and its live state
// (learn.watch keeps it current: a step the engine shows done is ticked
// without a press). The learner's language picks the lesson's text.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LessonState } from '../../../../runtime/domains/learn/types';
import { useClient } from '../../api/ClientProvider';
import { useUi } from '../../state/ui-store';
import { useConnected } from '../engine/queries';

export const learnKeys = {
  all: ['learn'] as const,
  /** The path in every language (what an answer or a step done changes). */
  allLessons: () => [...learnKeys.all, 'lessons'] as const,
  lessons: (locale: string) => [...learnKeys.allLessons(), locale] as const,
  /** Every lesson in every language (what a pull changes: which images are present). */
  allLesson: () => [...learnKeys.all, 'lesson'] as const,
  lesson: (id: string, locale: string) => [...learnKeys.allLesson(), id, locale] as const,
  state: (id: string, locale: string) => [...learnKeys.all, 'state', id, locale] as const,
  leftovers: (id: string) => [...learnKeys.all, 'leftovers', id] as const,
};

const RESUBSCRIBE_MS = 2000;

export function useLessons() {
  const client = useClient();
  const locale = useUi((s) => s.language);
  return useQuery({
    queryKey: learnKeys.lessons(locale),
    queryFn: () => client.request('learn.lessons', { locale }),
    enabled: useConnected(),
  });
}

export function useLesson(id: string | null) {
  const client = useClient();
  const locale = useUi((s) => s.language);
  return useQuery({
    queryKey: learnKeys.lesson(id ?? '', locale),
    queryFn: () => client.request('learn.lesson', { id: id ?? '', locale }),
    enabled: useConnected() && id !== null,
    staleTime: 30_000,
  });
}

/** The lesson's state, followed live while the caller is shown; a new `generation` subscribes again (after a reset). */
export function useLessonState(id: string | null, generation = 0) {
  const client = useClient();
  const queryClient = useQueryClient();
  const locale = useUi((s) => s.language);
  const connected = useConnected();
  const key = learnKeys.state(id ?? '', locale);
  useEffect(() => {
    if (id === null || !connected) return;
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let previous: string | undefined;
    const watch = () => {
      stop = client.subscribe(
        'learn.watch',
        { id, locale },
        (state) => {
          queryClient.setQueryData(learnKeys.state(id, locale), state);
          // The path's counts follow the steps done and the answers given.
          const summary = JSON.stringify([state.status, state.steps.map((s) => s.status)]);
          if (previous !== undefined && summary !== previous)
            void queryClient.invalidateQueries({ queryKey: learnKeys.allLessons() });
          previous = summary;
        },
        (error) => {
          if (error) timer = setTimeout(watch, RESUBSCRIBE_MS);
        },
      );
    };
    watch();
    return () => {
      stop?.();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, queryClient, id, locale, connected, generation]);
  // Only the subscription (and a check the learner asks for) writes it: a
  // check may count as the learner's "done" on a step no engine can see.
  return useQuery<LessonState | null>({
    queryKey: key,
    queryFn: () => queryClient.getQueryData<LessonState>(key) ?? null,
    enabled: false,
    staleTime: Infinity,
  });
}
