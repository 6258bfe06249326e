import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import type { ComposeMembership } from '../../../../runtime/domains/compose/labels';
import { Breakable } from '../../components/Breakable';
import { PauseIcon, PlayIcon, RestartIcon, Spinner, StopIcon, TrashIcon, UnpauseIcon } from '../../components/Icons';
import { StateBadge } from '../../components/StateBadge';
import type { RowMenuEvent } from '../../components/ContextMenu';
import { ExitShort } from '../activity/ExitShort';
import { HealthBadge } from '../activity/HealthBadge';
import { translateEngineStatus } from '../../lib/engine-status';
import { formatExact, formatRelative, shortId } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { tooltipProps } from '../../state/tooltip-store';
import { canRun, formatPorts } from './container-logic';
import type { StatsStore } from '../stats/list-stats';
import { StatsCells } from '../stats/StatsCells';

interface Props {
  container: ContainerSummary;
  selected: boolean;
  busy: ContainerAction | undefined;
  /** The engine is not connected: nothing can be done to the row. */
  stale: boolean;
  language: string;
  /** Changes once a minute, so relative times stay true. */
  now: number;
  onToggle: (id: string, selected: boolean) => void;
  onAct: (action: ContainerAction, container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
  /** Resource use of the rows in view (the row's cells read their own). */
  statsStore?: StatsStore | undefined;
  /** Its compose service and replica, when it sits under a project's group. */
  membership?: ComposeMembership | undefined;
  /** Opens the row's menu from a right click, Shift+F10 or the Menu key. */
  onMenu?: ((e: RowMenuEvent, container: ContainerSummary) => void) | undefined;
}

const START = { action: 'start', Icon: PlayIcon, key: 'actions.start' } as const;
const STOP = { action: 'stop', Icon: StopIcon, key: 'actions.stop' } as const;
const RESTART = { action: 'restart', Icon: RestartIcon, key: 'actions.restart' } as const;
const PAUSE = { action: 'pause', Icon: PauseIcon, key: 'actions.pause' } as const;
const UNPAUSE = { action: 'unpause', Icon: UnpauseIcon, key: 'actions.unpause' } as const;
const REMOVE = { action: 'remove', Icon: TrashIcon, key: 'actions.remove' } as const;

/** One slot pauses or unpauses, so the buttons stay in place whatever the state. */
export const actionsFor = (c: ContainerSummary) => [
  START,
  STOP,
  RESTART,
  c.state === 'paused' ? UNPAUSE : PAUSE,
  REMOVE,
];

export const ContainerRow = memo(function ContainerRow({
  container: c,
  selected,
  busy,
  stale,
  language,
  now,
  onToggle,
  onAct,
  onRemove,
  statsStore,
  membership,
  onMenu,
}: Props) {
  const { t } = useTranslation();
  const ports = formatPorts(c.ports);
  const created = new Date(c.created * 1000);
  return (
    // The row's menu opens on a right click or Shift+F10 anywhere in it; its controls stay the keyboard's way in.
    <tr
      onContextMenu={onMenu && ((e) => onMenu(e, c))}
      onKeyDown={onMenu && ((e) => onMenu(e, c))}
      data-testid="container-row"
      data-id={c.id}
      data-name={c.name}
      data-state={c.state}
      data-learn-item={c.name}
      className={`row${selected ? ' selected' : ''}${membership ? ' member-row' : ''}`}
      aria-busy={busy ? true : undefined}
    >
      <td className="cell-check">
        <input
          type="checkbox"
          aria-label={t('containers.selectOne', { name: c.name })}
          checked={selected}
          onChange={(e) => onToggle(c.id, e.target.checked)}
        />
      </td>
      <td className="cell-name">
        <a className="primary name-link" href={hrefTo('containers', c.id)} title={c.name}>
          {c.name}
        </a>
        <span className="secondary mono">{shortId(c.id)}</span>
        {membership && (
          <span className="secondary compose-member" data-testid="compose-service">
            {t('compose.group.service', { service: membership.service })}
            {membership.number !== undefined && ` · ${t('compose.group.replica', { n: membership.number })}`}
          </span>
        )}
      </td>
      <td className="cell-image">
        <span className="mono image-name" title={c.image}>
          {/* An image whose tag moved on is named by its id: short, as docker ps shows it. */}
          {/^sha256:[0-9a-f]{64}$/.test(c.image) ? shortId(c.image) : <Breakable text={c.image} />}
        </span>
      </td>
      <td className="cell-state">
        <div className="state-line">
          {busy ? (
            <span className="badge badge-busy">
              <Spinner size={12} />
              {t(`busy.${busy}`)}
            </span>
          ) : (
            <StateBadge state={c.state} />
          )}
          {c.health && c.state === 'running' && <HealthBadge health={c.health} />}
          <ExitShort status={c.status} />
        </div>
        <span className="secondary truncate" title={c.status}>
          {translateEngineStatus(c.status, language)}
        </span>
      </td>
      <StatsCells store={statsStore} id={c.id} running={c.state === 'running'} />
      <td className="cell-ports">
        {ports.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span className="mono ports-text" title={ports.join('\n')}>
            {ports[0]}
            {ports.length > 1 && <span className="more">{t('containers.morePorts', { n: ports.length - 1 })}</span>}
          </span>
        )}
      </td>
      <td className="cell-created">
        <time dateTime={created.toISOString()} title={formatExact(created, language)}>
          {formatRelative(created, language, new Date(now))}
        </time>
      </td>
      <td className="cell-actions">
        <div className="row-actions">
          {actionsFor(c).map(({ action, Icon, key }) => {
            const label = t(key);
            return (
              <button
                key={action}
                type="button"
                className={action === 'remove' ? 'icon-button danger' : 'icon-button'}
                aria-label={label}
                data-learn={action === 'stop' || action === 'remove' ? `containers.${action}` : undefined}
                disabled={stale || busy !== undefined || !canRun(action, c.state)}
                onClick={() => (action === 'remove' ? onRemove(c) : onAct(action, c))}
                {...tooltipProps(label, { action, targets: [{ id: c.id, name: c.name }] })}
              >
                <Icon />
              </button>
            );
          })}
        </div>
      </td>
    </tr>
  );
});
