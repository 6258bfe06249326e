// A compose command's progress: the command, a row per service, container,
// network or volume with its state, the tool's own lines (collapsible), and
// on failure which service failed and why, in plain words with the tool's
// words kept.
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Icons';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { useComposeUi, type RunStep } from './compose-store';

const DONE_STATES = new Set(['pulled', 'built', 'created', 'started', 'stopped', 'removed', 'up-to-date']);

function tone(step: RunStep): string {
  if (step.state === 'error') return 'red';
  if (DONE_STATES.has(step.state)) return 'green';
  return 'blue';
}

/** `dismissible`: once done, a button puts it away (on a page; a dialog closes instead). */
export function RunProgress({ project, dismissible = false }: { project: string; dismissible?: boolean }) {
  const { t } = useTranslation();
  const localize = useLocalizeError();
  const run = useComposeUi((s) => s.runs[project]);
  if (!run) return null;
  const shown = run.failure ? localize(run.failure.error) : undefined;
  return (
    <div className="compose-progress" data-testid="compose-progress" data-done={run.done} data-ok={run.ok}>
      {run.command && <code className="compose-progress-command">{run.command}</code>}
      {run.steps.length > 0 && (
        <table className="compose-steps" aria-label={t('compose.progress.steps')}>
          <thead>
            <tr>
              <th>{t('compose.progress.what')}</th>
              <th>{t('compose.progress.state')}</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s) => (
              <tr
                key={`${s.targetKind}:${s.target}`}
                data-testid="compose-step"
                data-target={s.target}
                data-state={s.state}
              >
                <td>
                  <span className="muted small">{t(`compose.kind.${s.targetKind}`)}</span>{' '}
                  <span className="mono">{s.target}</span>
                </td>
                <td>
                  <span className={`badge badge-${tone(s)}`}>
                    {!run.done && tone(s) === 'blue' && <Spinner size={11} />}
                    {t(`compose.step.${s.state}`)}
                  </span>
                  {s.detail && <span className="muted small"> {s.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" className="compose-progress-state">
        {!run.done ? (
          <>
            <Spinner size={12} /> {t(`compose.running.${run.kind}`, { defaultValue: t('compose.running.other') })}
          </>
        ) : run.ok ? (
          t('compose.progress.ok')
        ) : run.cancelled ? (
          t('compose.cancelled')
        ) : null}
        {dismissible && run.done && (
          <button
            type="button"
            className="button button-small"
            onClick={() => useComposeUi.getState().clearRun(project)}
          >
            {t('compose.dismiss')}
          </button>
        )}
      </p>
      {run.done && !run.ok && shown && (
        <div className="alert compose-failure" role="alert">
          <p className="alert-title">
            {run.failure?.service ? t('compose.failedService', { service: run.failure.service }) : t('compose.failed')}
          </p>
          <p>{shown.message}</p>
          {shown.hint && <p className="alert-hint">{shown.hint}</p>}
          {shown.detail && <p className="mono small">{shown.detail}</p>}
          {run.failure?.exitCode != null && (
            <p className="muted small">{t('compose.progress.exit', { code: run.failure.exitCode })}</p>
          )}
        </div>
      )}
      {run.output.length > 0 && (
        <details className="compose-output" open={run.done && !run.ok}>
          <summary>{t('compose.progress.output', { count: run.output.length })}</summary>
          <pre className="mono" data-testid="compose-output">
            {run.output.map((l) => l.text).join('\n')}
          </pre>
        </details>
      )}
    </div>
  );
}
