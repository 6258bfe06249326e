// What a build did: which builder ran and why, the context sent, each step
// (from the cache or run), the summary or the failing step with its output,
// and the live log.
import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { formatBytes } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { BuildSteps, BuilderNote } from './BuildSteps';
import type { BuildState } from './useBuild';

/** The failure's headline: the frontend image, the Dockerfile, or the step (BuildKit's "[stage 2/3]", the classic "2 of 3"). */
export function failureTitle(t: TFunction, state: BuildState): string {
  const f = state.failure;
  if (f === undefined) return '';
  if (f.cause === 'frontend') return t('build.frontend.title', { image: f.frontend ?? '' });
  if (f.cause === 'dockerfile') return t('build.failedDockerfile');
  const step = f.step;
  if (step === undefined) return t('build.failed');
  if (step.label !== undefined && step.internal !== true) return t('build.failedAtLabel', { label: step.label });
  if (step.label === undefined) return t('build.failedAt', { index: step.index, total: step.total });
  return t('build.failed');
}

export function BuildOutput({ state }: { state: BuildState }) {
  const { t } = useTranslation();
  const logRef = useRef<HTMLPreElement>(null);
  const sectionRef = useRef<HTMLElement>(null);

  // A new build: bring its output into view (it sits below the form).
  useEffect(() => {
    if (state.phase === 'building')
      sectionRef.current?.scrollIntoView({
        block: 'start',
        // Reduced motion: CSS's scroll-behavior does not reach a smooth scroll asked for here.
        behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
      });
  }, [state.phase, state.startedAt]);

  // Follow the log while it grows.
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.log.length]);

  if (state.phase === 'idle') return null;
  const summary = state.summary;
  const built = summary?.tags[0] ?? summary?.imageId;

  return (
    <section
      ref={sectionRef}
      className="build-output"
      aria-label={t('build.output')}
      data-testid="build-output"
      data-phase={state.phase}
    >
      <div className="build-status">
        {state.phase === 'building' && (
          <p className="notice">
            <Spinner size={14} /> {t('build.building')}
          </p>
        )}
        {state.context && (
          <p className="field-help" data-testid="build-context">
            {t('build.context', {
              count: state.context.files,
              size: formatBytes(state.context.bytes),
              ignored: state.context.ignored,
            })}
          </p>
        )}
        {summary && (
          <div className="build-done" role="status">
            <p data-testid="build-summary">
              <strong>{t('build.summary', { cached: summary.cachedSteps, count: summary.totalSteps })}</strong>{' '}
              {t('build.took', { seconds: (summary.durationMs / 1000).toFixed(1) })}
            </p>
            <p className="mono small">
              {summary.tags.length > 0 ? summary.tags.join(', ') : ''}{' '}
              {summary.imageId.replace(/^sha256:/, '').slice(0, 12)}
            </p>
            {built !== undefined && built !== '' && (
              <div className="button-row">
                <a className="button button-small button-primary" href={hrefTo('run', built)}>
                  {t('build.runIt')}
                </a>
                <a className="button button-small" href={hrefTo('images')}>
                  {t('build.toImages')}
                </a>
              </div>
            )}
          </div>
        )}
        <BuilderNote state={state} />
        {state.phase === 'stopped' && <p className="notice">{t('build.stopped')}</p>}
        {state.error && <ErrorAlert title={t('build.failedToStart')} messages={[state.error]} />}
      </div>

      <BuildSteps state={state} />

      {state.failure && (
        <div role="alert" className="alert alert-error build-failure" data-testid="build-failure">
          <div className="alert-body">
            <p className="alert-title">{failureTitle(t, state)}</p>
            {state.failure.cause === 'frontend' && (
              <p data-testid="build-frontend">
                <Trans
                  i18nKey="build.frontend.explain"
                  values={{ image: state.failure.frontend ?? '' }}
                  components={{ code: <code /> }}
                />
              </p>
            )}
            {state.failure.step && <code className="build-failure-instruction">{state.failure.step.instruction}</code>}
            <p className="build-failure-message">{state.failure.message}</p>
            {state.failure.output.length > 0 && (
              <>
                <p className="field-label">{t('build.stepOutput')}</p>
                <pre
                  className="build-failure-output"
                  data-testid="build-failure-output"
                  role="region"
                  aria-label={t('build.stepOutput')}
                  tabIndex={0}
                >
                  {state.failure.output.join('\n')}
                </pre>
              </>
            )}
          </div>
        </div>
      )}

      <div className="build-log-wrap">
        <p className="field-label">{t('build.log')}</p>
        <pre
          ref={logRef}
          className="build-log"
          role="log"
          aria-label={t('build.log')}
          data-testid="build-log"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the log scrolls: focusable so the keyboard can scroll it
          tabIndex={0}
        >
          {state.log.join('\n')}
        </pre>
      </div>
    </section>
  );
}
