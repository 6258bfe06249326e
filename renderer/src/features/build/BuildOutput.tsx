// What a build did: the context sent, each step (from the cache or run), the
// summary or the failing step with its output, and the live log.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { formatBytes } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import type { BuildState } from './useBuild';

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
  const failedIndex = state.failure?.step?.index;
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
        {state.phase === 'stopped' && <p className="notice">{t('build.stopped')}</p>}
        {state.error && <ErrorAlert title={t('build.failedToStart')} messages={[state.error]} />}
      </div>

      {state.steps.length > 0 && (
        <ol className="build-steps" aria-label={t('build.steps')}>
          {state.steps.map((s) => {
            const failed = s.index === failedIndex;
            const running = state.phase === 'building' && s.index === state.steps[state.steps.length - 1]?.index;
            return (
              <li
                key={s.index}
                className={`build-step${failed ? ' build-step-failed' : ''}`}
                data-testid="build-step"
                data-index={s.index}
                data-cached={s.cached ? 'true' : 'false'}
                data-state={failed ? 'failed' : running ? 'running' : 'done'}
              >
                <span className="build-step-no mono">
                  {s.index}/{s.total}
                </span>
                <code className="build-step-instruction">{s.instruction}</code>
                {s.cached && (
                  <span className="badge badge-green" title={t('build.cachedHelp')}>
                    {t('build.cached')}
                  </span>
                )}
                {failed && <span className="badge badge-red">{t('build.failedBadge')}</span>}
                {running && <Spinner size={12} />}
              </li>
            );
          })}
        </ol>
      )}

      {state.failure && (
        <div role="alert" className="alert alert-error build-failure" data-testid="build-failure">
          <div className="alert-body">
            <p className="alert-title">
              {state.failure.step
                ? t('build.failedAt', { index: state.failure.step.index, total: state.failure.step.total })
                : t('build.failed')}
            </p>
            {state.failure.step && <code className="build-failure-instruction">{state.failure.step.instruction}</code>}
            <p>{state.failure.message}</p>
            {state.failure.output.length > 0 && (
              <>
                <p className="field-label">{t('build.stepOutput')}</p>
                <pre className="build-failure-output" data-testid="build-failure-output">
                  {state.failure.output.join('\n')}
                </pre>
              </>
            )}
          </div>
        </div>
      )}

      <div className="build-log-wrap">
        <p className="field-label">{t('build.log')}</p>
        <pre ref={logRef} className="build-log" role="log" aria-label={t('build.log')} data-testid="build-log">
          {state.log.join('\n')}
        </pre>
      </div>
    </section>
  );
}
