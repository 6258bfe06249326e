// One compose project: its state and actions, "Up" with options and
// progress, and tabs for its services, its graph, its merged logs and its
// compose file.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlayIcon, Spinner } from '../../components/Icons';
import { TabPanel, Tabs } from '../../components/Tabs';
import { navigate } from '../../lib/useHashRoute';
import { ComposeConcepts } from './ComposeConcepts';
import { ProjectStateBadge } from './ComposePage';
import { FileTab } from './FileTab';
import { OverviewTab } from './OverviewTab';
import { projectHref } from './OpenFileForm';
import { ProjectActions } from './ProjectActions';
import { ProjectGraph } from './ProjectGraph';
import { ProjectLogs } from './ProjectLogs';
import { useComposeDetails, useComposeTool } from './queries';
import { RunProgress } from './RunProgress';
import { UpDialog } from './UpDialog';
import '../containers/details/details.css';
import './compose.css';
import { DEFAULT_TOOL } from './compose-command';

const TABS = ['overview', 'graph', 'logs', 'file'] as const;

interface Props {
  project: string;
  tab: string | undefined;
  fileId: string | undefined;
  stale: boolean;
}

export function ProjectPage({ project, tab, fileId: fileParam, stale }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const details = useComposeDetails(project, fileParam);
  const tool = useComposeTool().data?.tool?.kind ?? DEFAULT_TOOL;
  const [upOpen, setUpOpen] = useState(false);
  const selected = TABS.find((x) => x === tab) ?? 'overview';
  const [visited, setVisited] = useState<readonly string[]>([selected]);
  useEffect(() => setVisited((v) => (v.includes(selected) ? v : [...v, selected])), [selected]);

  const data = details.data;
  const fileId = fileParam ?? data?.summary.fileId;
  const file = data?.summary.configFiles[0];
  const target = { tool, project, ...(data?.summary.filesReachable ? { files: data.summary.configFiles } : {}) };
  const href = (to: string) => {
    const base = projectHref(project, fileParam);
    const [path, query] = base.split('?');
    return `${path}/${to}${query ? `?${query}` : ''}`;
  };

  if (details.isError && !data) {
    return (
      <section className="page" aria-labelledby="project-title">
        <h1 id="project-title">{project}</h1>
        <ErrorAlert title={t('compose.project.loadFailed')} messages={[details.error]} />
      </section>
    );
  }
  if (!data) {
    return (
      <section className="page" aria-busy="true">
        <p className="muted">
          <Spinner size={14} /> {t('compose.loading')}
        </p>
      </section>
    );
  }
  const { summary } = data;
  const profiles = [...new Set(data.model?.services.flatMap((s) => s.profiles) ?? [])].sort();

  const openFileHere = async () => {
    if (!file) return;
    const ref = await client.request('compose.open', { source: { kind: 'path', path: file } });
    navigate(projectHref(ref.project, ref.id), { replace: true });
  };

  return (
    <section className="page compose-project" aria-labelledby="project-title">
      <header className="page-header">
        <div className="page-title-row">
          <a href="#/compose" className="muted small">
            {t('compose.nav')}
          </a>
          <h1 id="project-title">{project}</h1>
          <ProjectStateBadge summary={summary} />
        </div>
        <div className="compose-project-bar">
          <button
            type="button"
            className="button button-primary"
            data-learn="compose.up"
            disabled={stale || !summary.filesReachable}
            onClick={() => setUpOpen(true)}
          >
            <PlayIcon size={13} /> {t('compose.up.open')}
          </button>
          <ProjectActions
            target={target}
            fileId={fileId}
            running={summary.containers.running}
            total={summary.containers.total}
            stale={stale}
          />
        </div>
        {summary.workingDir && (
          <p className="muted small">
            {t('compose.project.folder')} <code>{summary.workingDir}</code>
          </p>
        )}
        {!summary.filesReachable && <p className="notice">{t('compose.project.noFiles')}</p>}
        <ComposeConcepts />
      </header>
      {!upOpen && <RunProgress project={project} dismissible />}

      <Tabs
        label={t('compose.project.tabs')}
        idPrefix="compose-"
        className="details-tabs"
        tabClassName="details-tab"
        tabs={TABS.map((id) => ({ id, label: t(`compose.tabs.${id}`), href: href(id) }))}
        selected={selected}
        onSelect={(to) => navigate(href(to), { replace: true })}
      />
      {TABS.filter((id) => visited.includes(id) || id === selected).map((id) => (
        <TabPanel key={id} idPrefix="compose-" id={id} hidden={id !== selected} className="details-panel">
          {id === 'overview' && <OverviewTab details={data} target={target} fileId={fileId} stale={stale} />}
          {id === 'graph' && <ProjectGraph graph={data.graph} project={project} />}
          {id === 'logs' && <ProjectLogs project={project} />}
          {id === 'file' &&
            (fileId ? (
              <FileTab project={project} fileId={fileId} stale={stale} />
            ) : (
              <div className="empty">
                <p>{t('compose.file.notOpened')}</p>
                {summary.filesReachable && file && (
                  <button type="button" className="button" onClick={() => void openFileHere()}>
                    {t('compose.file.openHere', { path: file })}
                  </button>
                )}
              </div>
            ))}
        </TabPanel>
      ))}
      {upOpen && (
        <UpDialog
          target={target}
          fileId={fileId}
          services={data.model?.services.map((s) => s.name) ?? summary.services}
          profiles={profiles}
          onClose={() => setUpOpen(false)}
        />
      )}
    </section>
  );
}
