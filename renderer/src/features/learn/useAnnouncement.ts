// What a lesson's live region says when its state moves: the step just done
// and what comes next, or what is off with the current one.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson, LessonState } from '../../../../runtime/domains/learn/types';

/** What the live region says when the state moves: a step done (and what comes next), or what is off. */
export interface Announcement {
  text: string;
  /** `off`: it repeats what is off with the current step (shown beside the step too). */
  tone: 'done' | 'off';
}

export function useAnnouncement(lesson: Lesson | undefined, state: LessonState | null): Announcement {
  const { t } = useTranslation();
  const previous = useRef<LessonState | null>(null);
  const [said, setSaid] = useState<Announcement>({ text: '', tone: 'done' });
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (!lesson || !state) return;
    const titleOf = (id: string | null) => lesson.steps.find((s) => s.id === id)?.title;
    const off = state.steps.find((s) => s.id === state.current && s.status === 'off');
    const newlyDone = before
      ? state.steps.filter((s) => s.status === 'done' && before.steps.find((b) => b.id === s.id)?.status !== 'done')
      : [];
    if (newlyDone.length > 0) {
      const done = titleOf(newlyDone.at(-1)!.id) ?? '';
      const next = titleOf(state.current);
      setSaid({
        text: next ? t('learn.live.doneNext', { done, next }) : t('learn.live.doneAll', { done }),
        tone: 'done',
      });
    } else if (off?.message) {
      setSaid({ text: off.message, tone: 'off' });
    } else {
      // Nothing is off any more: an old complaint is not left standing.
      setSaid((s) => (s.tone === 'off' ? { text: '', tone: 'done' } : s));
    }
  }, [lesson, state, t]);
  return said;
}
