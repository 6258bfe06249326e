// The Compose page: which compose tool Wharf uses, the projects the engine
// has and the files the user opened, and a way to open another.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ComposeProjectSummary } from '../../../../runtime/domains/compose/types';
import { useClient } from '../../api/ClientProvider';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { TableFrame } from '../../components/TableFrame';
import { TrashIcon } from '../../components/Icons';
import { ComposeConcepts } from './ComposeConcepts';
import { OpenFileForm, projectHref } from './OpenFileForm';
import { ProjectActionButtons, projectMenuItems, useProjectActions } from './ProjectActions';
import { useContextMenu, type RowMenuEvent } from '../../components/ContextMenu';
import type { ComposeToolKind } from '../../../../runtime/domains/compose/types';
import { composeKeys, useComposeFiles, useComposeProjects, useComposeTool } from './queries';
import { RunStatus } from './RunStatus';
import { ToolStatus } from './ToolStatus';
import './compose.css';
import { DEFAULT_TOOL, type ComposeCommandTarget } from './compose-command';

export function ProjectStateBadge({ summary }: { summary: Pick<ComposeProjectSummary, 'state' | 'containers'> }) {
  const { t } = useTranslation();
  const tone = { running: 'green', partial: 'amber', stopped: 'grey', 'not-created': 'grey' }[summary.state];
  return (
    <span className={`badge badge-${tone}`} data-testid="project-state">
      {summary.state === 'not-created'
        ? t('compose.state.not-created')
        : t('compose.group.running', { running: summary.containers.running, total: summary.containers.total })}
    </span>
  );
}

/** A project's row: its buttons, and the same actions in its right-click menu (Shift+F10 too). */
function ProjectRow({
  project: p,
  tool,
  stale,
  onMenu,
}: {
  project: ComposeProjectSummary;
  tool: ComposeToolKind;
  stale: boolean;
  onMenu: ReturnType<typeof useContextMenu>['openFrom'];
}) {
  const { t } = useTranslation();
  const target: ComposeCommandTarget = { tool, project: p.name, ...(p.filesReachable ? { files: p.configFiles } : {}) };
  const actions = useProjectActions({
    target,
    fileId: p.fileId,
    running: p.containers.running,
    total: p.containers.total,
    stale,
  });
  const items = () => projectMenuItems(t, actions, { name: p.name, href: projectHref(p.name, p.fileId), target });
  const open = (e: RowMenuEvent) => onMenu(e, t('rowMenu.label', { name: p.name }), items);
  return (
    <tr
      className="row"
      data-testid="compose-project"
      data-project={p.name}
      data-learn-item={p.name}
      onContextMenu={open}
      onKeyDown={open}
    >
      <td className="cell-name">
        <a className="primary name-link" href={projectHref(p.name, p.fileId)}>
          {p.name}
        </a>
        {p.workingDir && <span className="secondary mono truncate">{p.workingDir}</span>}
      </td>
      <td className="cell-state">
        <ProjectStateBadge summary={p} />
      </td>
      <td className="mono small">{p.services.join(', ')}</td>
      <td className="mono small compose-files-cell">{p.configFiles.join(', ') || '—'}</td>
      <td>
        <div className="group-actions">
          <RunStatus project={p.name} />
          <ProjectActionButtons {...actions} />
        </div>
      </td>
    </tr>
  );
}

export function ComposePage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const projects = useComposeProjects();
  const files = useComposeFiles();
  const tool = useComposeTool().data?.tool?.kind ?? DEFAULT_TOOL;
  const menu = useContextMenu();
  const forget = async (fileId: string) => {
    await client.request('compose.forget', { fileId });
    await queryClient.invalidateQueries({ queryKey: composeKeys.all });
  };
  return (
    <section className="page compose-page" aria-labelledby="compose-title">
      <PageHeader
        id="compose-title"
        title={t('compose.nav')}
        count={projects.data ? t('compose.projectCount', { count: projects.data.length }) : undefined}
      >
        <ComposeConcepts />
      </PageHeader>
      <ToolStatus />

      <h2 className="section-title">{t('compose.projects')}</h2>
      <ListStatus query={projects} stale={stale} />
      {projects.data && projects.data.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('compose.emptyTitle')}</p>
          <p className="muted">{t('compose.emptyText')}</p>
        </div>
      ) : projects.data ? (
        <TableFrame
          label={t('compose.projects')}
          className="compose-projects"
          stale={stale}
          columns={[
            { col: 'col-name', head: t('compose.colProject') },
            { col: 'col-state', head: t('compose.colState') },
            { head: t('compose.colServices') },
            { head: t('compose.colFiles') },
            { col: 'col-compose-actions', head: t('containers.colActions'), hidden: true },
          ]}
        >
          {projects.data.map((p) => (
            <ProjectRow key={p.name} project={p} tool={tool} stale={stale} onMenu={menu.openFrom} />
          ))}
          {menu.element}
        </TableFrame>
      ) : null}

      <h2 className="section-title">{t('compose.openedFiles')}</h2>
      {files.data && files.data.length > 0 ? (
        <ul className="compose-files" aria-label={t('compose.openedFiles')}>
          {files.data.map((f) => (
            <li key={f.id}>
              <a href={projectHref(f.project, f.id)} className="name-link">
                {f.project}
              </a>
              <span className="mono small muted">{f.path}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('compose.forget', { path: f.path })}
                onClick={() => void forget(f.id)}
              >
                <TrashIcon size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('compose.noFiles')}</p>
      )}

      <h2 className="section-title">{t('compose.open.title')}</h2>
      <OpenFileForm disabled={stale} />
    </section>
  );
}
