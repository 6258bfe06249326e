// The row of a compose project in the containers list: a disclosure that
// shows or hides its containers, how many run, a checkbox that selects them
// all, a link to the project's page and the actions on the whole project.
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronIcon, ComposeIcon } from '../../components/Icons';
import { hrefTo } from '../../lib/useHashRoute';
import { ProjectActionButtons, projectMenuItems, useProjectActions } from '../compose/ProjectActions';
import type { RowMenuEvent, useContextMenu } from '../../components/ContextMenu';
import { RunStatus } from '../compose/RunStatus';
import { DEFAULT_TOOL } from '../compose/compose-command';
import type { ComposeGroup } from './compose-groups';

interface Props {
  group: ComposeGroup;
  expanded: boolean;
  /** How many of its containers are selected. */
  selected: number;
  stale: boolean;
  onExpand: (project: string, expanded: boolean) => void;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  /** Opens a menu (the list's one): right click, Shift+F10 or the Menu key. */
  onMenu?: ReturnType<typeof useContextMenu>['openFrom'] | undefined;
}

export const ComposeGroupRow = memo(function ComposeGroupRow({
  group,
  expanded,
  selected,
  stale,
  onExpand,
  onSelect,
  onMenu,
}: Props) {
  const { t } = useTranslation();
  const check = useRef<HTMLInputElement>(null);
  const all = selected === group.total;
  useEffect(() => {
    if (check.current) check.current.indeterminate = selected > 0 && !all;
  }, [selected, all]);
  const target = { tool: DEFAULT_TOOL, project: group.project, files: group.configFiles };
  const actions = useProjectActions({ target, running: group.running, total: group.total, stale });
  const href = hrefTo('compose', group.project);
  const open = (e: RowMenuEvent) =>
    onMenu?.(e, t('rowMenu.label', { name: group.project }), () =>
      projectMenuItems(t, actions, { name: group.project, href, target }),
    );
  const state = group.running === 0 ? 'stopped' : group.running === group.total ? 'running' : 'partial';
  return (
    <tr
      data-testid="compose-group"
      data-project={group.project}
      data-state={state}
      className={`row group-row${all ? ' selected' : ''}`}
      onContextMenu={open}
      onKeyDown={open}
    >
      <td className="cell-check">
        <input
          ref={check}
          type="checkbox"
          aria-label={t('compose.group.select', { project: group.project })}
          checked={all}
          onChange={(e) =>
            onSelect(
              group.containers.map((c) => c.id),
              e.target.checked,
            )
          }
        />
      </td>
      <td className="cell-name" colSpan={2}>
        <div className="group-title">
          <button
            type="button"
            className="group-toggle"
            aria-expanded={expanded}
            onClick={() => onExpand(group.project, !expanded)}
          >
            <ChevronIcon size={14} className="group-chevron" />
            <ComposeIcon size={15} />
            <span className="primary">{group.project}</span>
            <span className="visually-hidden">{t('compose.group.kind')}</span>
          </button>
          <a className="group-link" href={href}>
            {t('compose.group.open')}
            <span className="visually-hidden"> {group.project}</span>
          </a>
        </div>
        <span className="secondary">{t('compose.group.kind')}</span>
      </td>
      <td className="cell-state">
        <span className={`badge group-count group-${state}`} data-testid="group-running">
          {t('compose.group.running', { running: group.running, total: group.total })}
        </span>
      </td>
      <td className="cell-group-actions" colSpan={5}>
        <div className="group-actions">
          <RunStatus project={group.project} />
          <ProjectActionButtons {...actions} />
        </div>
      </td>
    </tr>
  );
});
