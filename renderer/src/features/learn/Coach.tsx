// The coach: while the learner does a lesson's step in Wharf's own pages, a
// small panel on every page shows the current step (title, hint, command,
// state) and points at the element to use. It follows the lesson's live
// state: a step done moves it on. Closed with its button or Escape.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon, Spinner } from '../../components/Icons';
import { hrefTo } from '../../lib/useHashRoute';
import { useCoach } from './coach-store';
import { useLesson, useLessonState } from './queries';
import { StepCommand, StepMark, StepOff } from './StepParts';
import { goDoIt, useCheckNow } from './useLessonActions';
import { useAnnouncement } from './useAnnouncement';
import { useCoachTarget } from './useCoachTarget';
import './learn.css';

function CoachPanel({ lessonId, path }: { lessonId: string; path: string }) {
  const { t } = useTranslation();
  const dismiss = useCoach((s) => s.dismiss);
  const panel = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Escape inside the panel closes it (a listener on the element: the panel is not a widget of its own).
  useEffect(() => {
    const el = panel.current;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      dismiss();
    };
    el?.addEventListener('keydown', onKey);
    return () => el?.removeEventListener('keydown', onKey);
  }, [dismiss]);
  const lesson = useLesson(lessonId).data;
  const state = useLessonState(lessonId).data ?? null;
  const { check, busy } = useCheckNow(lessonId);
  const index = lesson?.steps.findIndex((s) => s.id === state?.current) ?? -1;
  const step = index >= 0 ? lesson?.steps[index] : undefined;
  const stepState = state?.steps.find((s) => s.id === step?.id);
  const focus = useCoach((s) => s.focus);
  useEffect(() => {
    if (!focus || !title.current) return;
    title.current.focus({ preventScroll: true });
    useCoach.getState().focused();
  }, [focus]);
  const said = useAnnouncement(lesson, state);
  useCoachTarget(step?.ui?.target, step?.command ?? '');
  // The step's page is elsewhere, or is a page inside it (a container's page after Run, not the list).
  const elsewhere = step?.ui !== undefined && step.ui.route.replace(/^[#/]+|\/+$/g, '') !== path;

  return (
    <aside
      className="coach"
      aria-labelledby="coach-title"
      data-testid="coach"
      data-step={step?.id}
      data-target={step?.ui?.target}
      data-done={state?.steps
        .filter((s) => s.status === 'done')
        .map((s) => s.id)
        .join(' ')}
      ref={panel}
    >
      <div className="coach-head">
        <p className="coach-kicker">
          {lesson ? t('learn.coach.lesson', { n: lesson.order, title: lesson.title }) : '…'}
        </p>
        <button type="button" className="icon-button" aria-label={t('learn.coach.close')} onClick={dismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
      <h2 id="coach-title" className="coach-title" ref={title} tabIndex={-1}>
        {step && lesson ? (
          <>
            <StepMark state={stepState?.status} />
            {t('learn.coach.step', { n: index + 1, total: lesson.steps.length, title: step.title })}
          </>
        ) : state?.current === null ? (
          t('learn.coach.allDone')
        ) : (
          t('learn.coach.title')
        )}
      </h2>
      <div role="status" className={`coach-status tone-${said.tone}`} data-testid="coach-status">
        {said.tone === 'off' && said.text === stepState?.message && stepState.status === 'off' ? (
          <StepOff state={stepState} />
        ) : (
          said.text
        )}
      </div>
      {said.text !== stepState?.message && <StepOff state={stepState} />}
      {step?.ui && <p className="coach-hint">{step.ui.hint}</p>}
      {step && <StepCommand command={step.command} />}
      <div className="button-row">
        {step?.ui && elsewhere && (
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => step.ui && goDoIt(lessonId, step.ui)}
          >
            {t('learn.doItInWharf')}
          </button>
        )}
        {step && (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void check()}>
            {busy && <Spinner size={12} />}
            {t('learn.checkNow')}
          </button>
        )}
        <a className="button button-small" href={hrefTo('learn', lessonId)}>
          {t('learn.coach.back')}
        </a>
      </div>
    </aside>
  );
}

/** On every page but the lesson's own, while a lesson is followed and the coach not closed. */
export function LearnCoach({ route, params }: { route: string; params: readonly string[] }) {
  const lessonId = useCoach((s) => s.lessonId);
  const dismissed = useCoach((s) => s.dismissed);
  if (lessonId === null || dismissed || (route === 'learn' && params[0] === lessonId)) return null;
  return <CoachPanel lessonId={lessonId} path={[route, ...params].join('/')} />;
}
