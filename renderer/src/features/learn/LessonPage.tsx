// One lesson: why it matters, the images it needs, its steps (followed live
// on the engine), a terminal, the questions, what was learned, and a reset
// that removes exactly what the lesson made.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Lesson, LessonLeftovers } from '../../../../runtime/domains/learn/types';
import { ListStatus } from '../../components/ListStatus';
import { hrefTo } from '../../lib/useHashRoute';
import { useEngineState } from '../engine/queries';
import { LessonImages } from './LessonImages';
import { LessonQuestions } from './LessonQuestions';
import { LessonSteps } from './LessonSteps';
import { LessonTerminal } from './LessonTerminal';
import { LessonText } from './LessonText';
import { LessonStatusBadge } from './LearnPage';
import { nextLesson, orderedPath, runsOn } from './path';
import { useLesson, useLessons, useLessonState } from './queries';
import { leftoverGroups } from './leftovers';
import { LeftoverList, ResetLessonDialog } from './ResetLessonDialog';
import { useAnnouncement } from './useAnnouncement';
import './learn.css';

function Outro({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation();
  const lessons = useLessons().data ?? [];
  const state = useEngineState().data;
  const engine = state?.phase === 'connected' ? state.engine.kind : undefined;
  const next = nextLesson(
    orderedPath(lessons).filter((l) => l.id !== lesson.id),
    engine,
  );
  const nextTitle = lessons.find((l) => l.id === next)?.title;
  return (
    <section className="lesson-section lesson-outro" aria-labelledby="lesson-outro-title" data-testid="lesson-outro">
      <h2 id="lesson-outro-title" className="section-title">
        {t('learn.outro')}
      </h2>
      <LessonText text={lesson.outro} />
      {next !== null && nextTitle && (
        <a className="button button-primary" href={hrefTo('learn', next)}>
          {t('learn.nextLesson', { title: nextTitle })}
        </a>
      )}
    </section>
  );
}

export function LessonPage({ id, stale }: { id: string; stale: boolean }) {
  const { t } = useTranslation();
  const lesson = useLesson(id);
  const [generation, setGeneration] = useState(0);
  const state = useLessonState(id, generation).data ?? null;
  const engineState = useEngineState().data;
  const engine = engineState?.phase === 'connected' ? engineState.engine.kind : undefined;
  const [resetting, setResetting] = useState(false);
  const [removed, setRemoved] = useState<LessonLeftovers | null>(null);
  const said = useAnnouncement(lesson.data, state);
  const l = lesson.data;
  const current = l?.steps.find((s) => s.id === state?.current);
  const stepsDone = state?.steps.filter((s) => s.status === 'done').length ?? 0;

  return (
    <section className="page page-narrow lesson-page" aria-labelledby="lesson-title">
      <nav aria-label={t('learn.breadcrumb')} className="lesson-back">
        <a href={hrefTo('learn')}>{t('learn.backToPath')}</a>
      </nav>
      {!l && <ListStatus query={lesson} stale={stale} />}
      {l && (
        <>
          <header className="page-header">
            <p className="lesson-kicker">
              {t('learn.lessonNumber', { n: l.order })} · {t('learn.minutes', { count: l.minutes })}
            </p>
            <div className="page-title-row">
              <h1 id="lesson-title">{l.title}</h1>
              {state && <LessonStatusBadge lesson={state} />}
            </div>
            <p className="page-intro">{l.summary}</p>
          </header>
          {!runsOn(l, engine) && (
            <p className="lesson-warning" role="note">
              {t('learn.podmanOnlyHere')}
            </p>
          )}
          <LessonText text={l.intro} className="lesson-intro" />
          <LessonImages images={l.images} stale={stale} />

          <section className="lesson-section" aria-labelledby="lesson-steps-title">
            <h2 id="lesson-steps-title" className="section-title">
              {t('learn.steps')}{' '}
              <span className="muted small">{t('learn.stepsDone', { done: stepsDone, total: l.steps.length })}</span>
            </h2>
            {/* What is off is shown in its step: here it is only read out. */}
            <div
              className={said.tone === 'off' ? 'visually-hidden' : 'lesson-live'}
              role="status"
              aria-live="polite"
              data-testid="lesson-live"
            >
              {said.text}
            </div>
            <LessonSteps lesson={l} state={state} stale={stale} />
          </section>

          <LessonTerminal command={current?.command} />
          {state?.current === null && <Outro lesson={l} />}
          <LessonQuestions lessonId={l.id} questions={l.questions} state={state} stale={stale} />

          <section className="lesson-section" aria-labelledby="lesson-reset-title">
            <h2 id="lesson-reset-title" className="section-title">
              {t('learn.reset.section')}
            </h2>
            <p className="muted">
              <Trans
                i18nKey="learn.reset.explain"
                values={{ label: l.label }}
                shouldUnescape
                components={{ code: <code /> }}
              />
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button-danger-quiet"
                disabled={stale}
                onClick={() => {
                  setRemoved(null);
                  setResetting(true);
                }}
              >
                {t('learn.reset.button')}
              </button>
            </div>
            <div role="status" data-testid="reset-result">
              {removed && (
                <>
                  <p>
                    {leftoverGroups(removed).length > 0 ? t('learn.reset.removed') : t('learn.reset.removedNothing')}
                  </p>
                  {leftoverGroups(removed).length > 0 && (
                    <LeftoverList leftovers={removed} label={t('learn.reset.removedLabel')} />
                  )}
                </>
              )}
            </div>
          </section>
          {resetting && (
            <ResetLessonDialog
              lessonId={l.id}
              title={l.title}
              onCancel={() => setResetting(false)}
              onDone={(r) => {
                setResetting(false);
                setRemoved(r);
                setGeneration((g) => g + 1);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
