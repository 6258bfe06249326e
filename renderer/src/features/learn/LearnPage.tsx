// The path of lessons: each one's place, title, what it teaches, how long it
// takes and how far the learner got; what comes next stands out. Lessons
// that need Podman say so on Docker.
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '../../../../runtime/domains/learn/types';
import type { EngineKind } from '../../../../runtime/domains/engine/types';
import { Explainer } from '../../components/Explainer';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/useHashRoute';
import { useEngineState } from '../engine/queries';
import { nextLesson, orderedPath, runsOn } from './path';
import { useLessons } from './queries';
import './learn.css';

const TONE = { new: 'grey', started: 'blue', done: 'green' } as const;

export function LessonStatusBadge({ lesson }: { lesson: Pick<LessonSummary, 'status'> }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${TONE[lesson.status]}`} data-testid="lesson-status">
      {t(`learn.status.${lesson.status}`)}
    </span>
  );
}

function LessonCard({
  lesson,
  next,
  engine,
}: {
  lesson: LessonSummary;
  next: boolean;
  engine: EngineKind | undefined;
}) {
  const { t } = useTranslation();
  const titleId = `lesson-${lesson.id}-title`;
  return (
    <li
      className={`lesson-card${next ? ' lesson-next' : ''}`}
      data-testid="lesson-card"
      data-id={lesson.id}
      data-status={lesson.status}
      aria-labelledby={titleId}
    >
      <span className="lesson-order" aria-hidden="true">
        {lesson.order}
      </span>
      <div className="lesson-card-body">
        <div className="lesson-card-title">
          <h2 id={titleId}>
            <a href={hrefTo('learn', lesson.id)} className="name-link">
              <span className="visually-hidden">{t('learn.lessonNumber', { n: lesson.order })} </span>
              {lesson.title}
            </a>
          </h2>
          {next && <span className="badge badge-accent">{t('learn.next')}</span>}
        </div>
        <p className="lesson-summary">{lesson.summary}</p>
        <p className="lesson-meta small">
          <span>{t('learn.minutes', { count: lesson.minutes })}</span>
          <LessonStatusBadge lesson={lesson} />
          {lesson.status !== 'new' && (
            <span>{t('learn.stepsDone', { done: lesson.stepsDone, total: lesson.stepsTotal })}</span>
          )}
          {lesson.questionsTotal > 0 && lesson.status !== 'new' && (
            <span>{t('learn.questionsRight', { right: lesson.questionsRight, total: lesson.questionsTotal })}</span>
          )}
          {lesson.engine === 'podman' && (
            <span className={`badge ${runsOn(lesson, engine) ? 'badge-grey' : 'badge-amber'}`}>
              {t(runsOn(lesson, engine) ? 'learn.podmanLesson' : 'learn.podmanOnly')}
            </span>
          )}
        </p>
      </div>
    </li>
  );
}

export function LearnPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const lessons = useLessons();
  const state = useEngineState().data;
  const engine = state?.phase === 'connected' ? state.engine.kind : undefined;
  const path = orderedPath(lessons.data ?? []);
  const next = nextLesson(path, engine);
  const done = path.filter((l) => l.status === 'done').length;
  return (
    <section className="page page-narrow learn-page" aria-labelledby="learn-title">
      <PageHeader
        id="learn-title"
        title={t('learn.title')}
        count={lessons.data ? t('learn.doneCount', { done, total: path.length }) : undefined}
      >
        <p className="page-intro">{t('learn.intro')}</p>
        <Explainer title={t('learn.how.title')}>
          <p>{t('learn.how.watch')}</p>
          <p>{t('learn.how.twoWays')}</p>
          <p>{t('learn.how.label')}</p>
        </Explainer>
      </PageHeader>
      <ListStatus query={lessons} stale={stale} />
      {lessons.data && (
        <ol className="learn-path" aria-label={t('learn.path')}>
          {path.map((l) => (
            <LessonCard key={l.id} lesson={l} next={l.id === next} engine={engine} />
          ))}
        </ol>
      )}
      {lessons.data && next === null && path.length > 0 && (
        <p className="notice notice-ok" role="status">
          {t('learn.allDone')}
        </p>
      )}
    </section>
  );
}
