// A lesson's steps: each one's title and state; the open one (the current
// step, unless the learner opened another) shows what to do, the exact
// command, the files to write, "Do it in Wharf" and "Check now". Steps the
// engine shows done are ticked and the next one opens by itself.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson, LessonState } from '../../../../runtime/domains/learn/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChevronIcon, Spinner } from '../../components/Icons';
import { LessonText } from './LessonText';
import { openStepId } from './path';
import { StepCommand, StepFiles, StepMark, StepOff } from './StepParts';
import { goDoIt, useCheckNow } from './useLessonActions';

export function LessonSteps({ lesson, state, stale }: { lesson: Lesson; state: LessonState | null; stale: boolean }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const open = openStepId(state ?? undefined, chosen) ?? lesson.steps[0]?.id ?? null;
  const { check, busy, error, clearError } = useCheckNow(lesson.id);
  return (
    <ol className="lesson-steps" aria-label={t('learn.steps')}>
      {lesson.steps.map((step, i) => {
        const stepState = state?.steps.find((s) => s.id === step.id);
        const isOpen = step.id === open;
        const current = state?.current === step.id;
        const panelId = `step-${step.id}-panel`;
        return (
          <li
            key={step.id}
            className={`lesson-step${isOpen ? ' open' : ''}${current ? ' current' : ''}`}
            data-testid="lesson-step"
            data-id={step.id}
            data-status={stepState?.status ?? 'todo'}
            aria-current={current ? 'step' : undefined}
          >
            <h3 className="lesson-step-head">
              <button
                type="button"
                className="lesson-step-toggle"
                aria-expanded={isOpen}
                aria-controls={panelId}
                onClick={() => setChosen(isOpen ? (state?.current ?? null) : step.id)}
              >
                <StepMark state={stepState?.status} />
                <span className="lesson-step-title">{t('learn.stepTitle', { n: i + 1, title: step.title })}</span>
                <ChevronIcon size={14} className="lesson-step-chevron" />
              </button>
            </h3>
            {isOpen && (
              <div id={panelId} className="lesson-step-body">
                <LessonText text={step.body} />
                {step.files && step.files.length > 0 && <StepFiles files={step.files} />}
                <StepCommand command={step.command} />
                {step.ui && <p className="lesson-hint">{step.ui.hint}</p>}
                <StepOff state={stepState} />
                <div className="button-row">
                  {step.ui && (
                    <button
                      type="button"
                      className="button button-primary"
                      onClick={() => step.ui && goDoIt(lesson.id, step.ui)}
                    >
                      {t('learn.doItInWharf')}
                    </button>
                  )}
                  <button type="button" className="button" disabled={busy || stale} onClick={() => void check()}>
                    {busy && <Spinner size={14} />}
                    {t('learn.checkNow')}
                  </button>
                </div>
                {error && <ErrorAlert title={t('learn.checkFailed')} messages={[error]} onDismiss={clearError} />}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
