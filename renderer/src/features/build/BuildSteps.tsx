// A build's steps: each with its state (several at once when BuildKit runs
// independent stages side by side), CACHED, how long it took, and what it
// printed; BuildKit's own steps ("[internal] load build context") on request.
// Also which builder ran, and why.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildStep, BuildStepState } from '../../../../runtime/domains/build/types';
import { Spinner } from '../../components/Icons';
import type { BuildState } from './useBuild';

/** A step's state: BuildKit says it; on the classic builder the last step runs until the build ends. */
export function stepState(s: BuildStep, state: BuildState): BuildStepState {
  if (s.state !== undefined) return s.state;
  if (state.failure?.step?.index === s.index) return 'failed';
  if (state.phase === 'building' && s.index === state.steps[state.steps.length - 1]?.index) return 'running';
  return s.cached ? 'cached' : 'done';
}

const duration = (s: BuildStep) =>
  s.startedAt !== undefined && s.completedAt !== undefined && s.state !== 'cached'
    ? ((s.completedAt - s.startedAt) / 1000).toFixed(1)
    : undefined;

export function BuilderNote({ state }: { state: BuildState }) {
  const { t } = useTranslation();
  const b = state.builder;
  if (b === undefined) return null;
  return (
    <div className="build-builder" data-testid="build-builder" data-builder={b.name} data-reason={b.reason}>
      <p>
        <strong>{t('build.builder.ran', { name: t(`build.builder.name.${b.name}`) })}</strong>{' '}
        {t(`build.builder.reason.${b.reason}`)}
      </p>
      {b.fallbackFrom !== undefined && (
        <p className="field-help">
          {t('build.builder.fallbackFrom')} <code className="build-builder-error">{b.fallbackFrom}</code>
        </p>
      )}
    </div>
  );
}

export function BuildSteps({ state }: { state: BuildState }) {
  const { t } = useTranslation();
  const [showInternal, setShowInternal] = useState(false);
  const internal = state.steps.filter((s) => s.internal === true);
  // BuildKit's own steps stay out of the way unless asked for, or one of them failed.
  const shown = state.steps.filter((s) => s.internal !== true || showInternal || s.state === 'failed');
  const running = state.phase === 'building' ? state.steps.filter((s) => stepState(s, state) === 'running') : [];
  if (state.steps.length === 0) return null;

  return (
    <div className="build-steps-wrap">
      {running.length > 1 && (
        <p className="notice build-parallel" role="status" data-testid="build-parallel">
          {t('build.parallel', { count: running.length })}
        </p>
      )}
      <ol className="build-steps" aria-label={t('build.steps')}>
        {shown.map((s) => {
          const st = stepState(s, state);
          const took = duration(s);
          return (
            <li
              key={s.index}
              className={`build-step build-step-${st}${s.internal === true ? ' build-step-internal' : ''}`}
              data-testid="build-step"
              data-index={s.index}
              data-cached={s.cached ? 'true' : 'false'}
              data-state={st}
              {...(s.stage !== undefined ? { 'data-stage': s.stage } : {})}
            >
              <div className="build-step-row">
                <span className="build-step-no mono">
                  {s.id !== undefined ? `#${s.index}` : `${s.index}/${s.total}`}
                </span>
                {s.label !== undefined && (
                  <span className="build-step-label mono">{s.id !== undefined ? `[${s.label}]` : s.label}</span>
                )}
                <code className="build-step-instruction" title={s.instruction}>
                  {s.instruction}
                </code>
                {st === 'cached' && (
                  <span className="badge badge-green" title={t('build.cachedHelp')}>
                    {t('build.cached')}
                  </span>
                )}
                {st === 'failed' && <span className="badge badge-red">{t('build.failedBadge')}</span>}
                {st === 'running' && (
                  <span className="build-step-running">
                    <Spinner size={12} /> <span className="visually-hidden">{t('build.running')}</span>
                  </span>
                )}
                {st === 'waiting' && <span className="build-step-waiting">{t('build.waiting')}</span>}
                {took !== undefined && st !== 'running' && (
                  <span className="build-step-took mono">{t('build.stepTook', { seconds: took })}</span>
                )}
              </div>
              {s.output.length > 0 && (
                <details className="build-step-output" open={st === 'failed'}>
                  <summary>{t('build.stepLines', { count: s.output.length })}</summary>
                  <pre
                    data-testid="build-step-output"
                    role="region"
                    aria-label={`${t('build.stepOutput')} #${s.index}`}
                    tabIndex={0}
                  >
                    {s.output.join('\n')}
                  </pre>
                </details>
              )}
            </li>
          );
        })}
      </ol>
      {internal.length > 0 && (
        <label className="check build-internal-toggle">
          <input type="checkbox" checked={showInternal} onChange={(e) => setShowInternal(e.target.checked)} />
          <span>
            {t('build.showInternal', { count: internal.length })}
            <span className="check-help">{t('build.internalHelp')}</span>
          </span>
        </label>
      )}
    </div>
  );
}
