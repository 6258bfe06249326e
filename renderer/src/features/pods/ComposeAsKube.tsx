// On Docker: why there are no pods, and a compose project's Kubernetes YAML
// beside its compose file (written here, by the pure converter), with the
// command a cluster would take.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { kubectlApplyCommand } from '../../../../runtime/domains/pods/cli';
import { composeToKube, kubeName } from '../../../../runtime/domains/pods/kube';
import type { ComposeProjectSummary } from '../../../../runtime/domains/compose/types';
import { useClient } from '../../api/ClientProvider';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CopyButton } from '../../components/CopyButton';
import { InfoIcon } from '../../components/Icons';
import { toErrorLike } from '../files/useFileActions';
import { composeKeys, useComposeDetails, useComposeFileText, useComposeProjects } from '../compose/queries';

const code = { code: <code /> };

export function ComposeAsKube() {
  const { t } = useTranslation();
  const ids = useId();
  const projects = useComposeProjects().data ?? [];
  const [picked, setPicked] = useState('');
  const project = projects.find((p) => p.name === picked) ?? projects[0];

  return (
    <section className="pods-panel" aria-labelledby={`${ids}-title`} data-testid="pods-docker">
      <div className="alert alert-unavailable pods-docker-note" role="status">
        <InfoIcon size={18} className="alert-icon" />
        <div className="alert-body">
          <h2 id={`${ids}-title`} className="alert-title">
            {t('pods.docker.title')}
          </h2>
          <p>
            <Trans i18nKey="pods.docker.p1" components={code} />
          </p>
        </div>
      </div>
      <p>{t('pods.docker.p2')}</p>
      {projects.length === 0 ? (
        <p className="muted">{t('pods.docker.none')}</p>
      ) : (
        <>
          <div className="field pods-file">
            <label className="field-label" htmlFor={`${ids}-project`}>
              {t('pods.docker.project')}
            </label>
            <select id={`${ids}-project`} value={project?.name ?? ''} onChange={(e) => setPicked(e.target.value)}>
              {projects.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {project && <SideBySide key={project.name} project={project} />}
        </>
      )}
    </section>
  );
}

function SideBySide({ project: summary }: { project: ComposeProjectSummary }) {
  const { t } = useTranslation();
  const project = summary.name;
  const fileId = summary.fileId;
  const details = useComposeDetails(project, fileId);
  const file = useComposeFileText(fileId);
  const model = details.data?.model ?? null;
  const yaml = useMemo(() => (model ? composeToKube(model) : undefined), [model]);
  const kubeFile = `${kubeName(project)}.yaml`;
  return (
    <>
      <div className="pods-side-by-side">
        <div className="pods-yaml">
          <div className="pods-yaml-head">
            <h3>{t('pods.docker.compose')}</h3>
          </div>
          {file.data ? (
            <pre
              className="mono"
              role="region"
              tabIndex={0}
              aria-label={t('pods.docker.compose')}
              data-testid="pods-compose-text"
            >
              {file.data.content}
            </pre>
          ) : summary.filesReachable && summary.configFiles[0] !== undefined ? (
            <OpenComposeFile path={summary.configFiles[0]} />
          ) : (
            <p className="muted">{t('pods.docker.composeUnread')}</p>
          )}
        </div>
        <div className="pods-yaml">
          <div className="pods-yaml-head">
            <h3>{t('pods.docker.kube')}</h3>
            <CopyButton text={yaml} label={t('pods.docker.copyYaml')} />
          </div>
          {yaml ? (
            <pre
              className="mono"
              role="region"
              tabIndex={0}
              aria-label={t('pods.docker.kube')}
              data-testid="pods-kube-text"
            >
              {yaml}
            </pre>
          ) : (
            details.data && <p className="muted">{t('pods.docker.noModel')}</p>
          )}
        </div>
      </div>
      <p className="muted small">{t('pods.docker.runs')}</p>
      <CommandLine command={kubectlApplyCommand(kubeFile)} />
    </>
  );
}

/** The project's file, labelled on its containers and here on this machine: opened (as the Compose page would) to show it. */
function OpenComposeFile({ path }: { path: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof toErrorLike> | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.request('compose.open', { source: { kind: 'path', path } });
      await queryClient.invalidateQueries({ queryKey: composeKeys.all });
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pods-open-file">
      <p className="muted">{t('pods.docker.openHint', { path })}</p>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void open()}>
        {t('pods.docker.open')}
      </button>
      {error && <ErrorAlert title={t('pods.docker.openFailed')} messages={[error]} onDismiss={() => setError(null)} />}
    </div>
  );
}
