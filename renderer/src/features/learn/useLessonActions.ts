// What the learner does to a lesson besides the engine work: ask for a check
// now, answer a question, and go do a step in Wharf's own UI with the coach.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { LessonState, LessonUiTarget } from '../../../../runtime/domains/learn/types';
import { useClient } from '../../api/ClientProvider';
import type { ErrorLike } from '../../lib/localize-error';
import { navigate } from '../../lib/useHashRoute';
import { useUi } from '../../state/ui-store';
import { toErrorLike } from '../files/useFileActions';
import { useCoach } from './coach-store';
import { learnKeys } from './queries';

export function useCheckNow(id: string) {
  const client = useClient();
  const queryClient = useQueryClient();
  const locale = useUi((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorLike | null>(null);
  const check = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const state = await client.request('learn.check', { id, locale });
      queryClient.setQueryData<LessonState>(learnKeys.state(id, locale), state);
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      setBusy(false);
    }
  }, [client, queryClient, id, locale]);
  return { check, busy, error, clearError: () => setError(null) };
}

/** Opens the page where Wharf's UI does the step; the coach follows the lesson there. */
export function goDoIt(lessonId: string, ui: LessonUiTarget): void {
  useCoach.getState().follow(lessonId);
  navigate(`#/${ui.route.replace(/^[#/]+/, '')}`);
}
