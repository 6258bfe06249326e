// A short line on a project's compose command: running (with a cancel
// button), done, or failed with the failing service and the reason in plain
// words (the tool's own words kept under it).
import { useTranslation } from 'react-i18next';
import { CloseIcon, Spinner } from '../../components/Icons';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { useComposeUi, type ComposeRunState } from './compose-store';
import { useComposeRun } from './useComposeRun';

/** Nothing until the project has a run: the containers list draws one for every project. */
export function RunStatus({ project }: { project: string }) {
  const run = useComposeUi((s) => s.runs[project]);
  return run ? <RunLine project={project} run={run} /> : null;
}

function RunLine({ project, run }: { project: string; run: ComposeRunState }) {
  const { t } = useTranslation();
  const { cancel } = useComposeRun();
  const localize = useLocalizeError();
  if (!run.done) {
    return (
      <span className="compose-run-status" role="status">
        <Spinner size={12} />
        {t(`compose.running.${run.kind}`, { defaultValue: t('compose.running.other') })}
        <button
          type="button"
          className="icon-button"
          aria-label={t('compose.cancelRun')}
          onClick={() => cancel(project)}
        >
          <CloseIcon size={12} />
        </button>
      </span>
    );
  }
  if (run.ok) {
    return (
      <span className="compose-run-status muted" role="status">
        {t(`compose.done.${run.kind}`)}
      </span>
    );
  }
  const shown = run.failure ? localize(run.failure.error) : undefined;
  if (run.cancelled) {
    return (
      <span className="compose-run-status muted" role="status">
        {t('compose.cancelled')}
      </span>
    );
  }
  return (
    <span className="compose-run-status compose-run-failed" role="alert">
      {run.failure?.service ? t('compose.failedService', { service: run.failure.service }) : t('compose.failed')}{' '}
      {shown?.message}
      <button
        type="button"
        className="icon-button"
        aria-label={t('compose.dismiss')}
        onClick={() => useComposeUi.getState().clearRun(project)}
      >
        <CloseIcon size={12} />
      </button>
    </span>
  );
}
