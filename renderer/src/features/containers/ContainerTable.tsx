// The containers table. Past a few screens of rows only the visible rows (and
// a few either side) are rendered, between two padding rows, so the table
// keeps real <tr> semantics: a hundred containers cost what twenty do.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { TableFrame } from '../../components/TableFrame';
import { useUi } from '../../state/ui-store';
import { ComposeGroupRow } from './ComposeGroupRow';
import type { ListRow } from './compose-groups';
import { ContainerRow } from './ContainerRow';
import { containerMenuItems } from './container-menu';
import { useContextMenu, type RowMenuEvent } from '../../components/ContextMenu';
import { useRowsInView, useStatsStore } from '../stats/list-stats';
import '../stats/stats.css';

const VIRTUAL_FROM = 50;
const ROW_HEIGHT = 57;

interface Props {
  /** Every container shown (members of collapsed groups too): what select-all selects. */
  containers: readonly ContainerSummary[];
  /** The rows, compose projects' groups among them. */
  rows: readonly ListRow[];
  onExpand: (project: string, expanded: boolean) => void;
  stale: boolean;
  now: number;
  onToggle: (id: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  onAct: (action: ContainerAction, container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
}

export function ContainerTable({
  containers,
  rows: allRows,
  onExpand,
  stale,
  now,
  onToggle,
  onToggleAll,
  onAct,
  onRemove,
}: Props) {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const busy = useUi((s) => s.busy);
  const language = useUi((s) => s.language);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { openFrom, element: menu } = useContextMenu();
  const onMenu = useCallback(
    (e: RowMenuEvent, c: ContainerSummary) =>
      openFrom(e, t('rowMenu.label', { name: c.name }), () =>
        containerMenuItems(t, c, { stale, busy: useUi.getState().busy[c.id] !== undefined, onAct, onRemove }),
      ),
    [openFrom, t, stale, onAct, onRemove],
  );
  const virtual = allRows.length > VIRTUAL_FROM;

  const virtualizer = useVirtualizer({
    count: allRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows past the view either side: each costs the first draw its render, attributes and layout
    // (4 rather than 10: the page's main thread drew the list in 27 ms against 35 ms).
    overscan: 4,
    enabled: virtual,
  });

  const onSelectMany = useCallback((ids: readonly string[], on: boolean) => useUi.getState().setSelected(ids, on), []);
  const selectedCount = containers.filter((c) => selected[c.id]).length;

  const items = virtual ? virtualizer.getVirtualItems() : null;
  const rows = items ? items.map((i) => allRows[i.index]!) : allRows;
  const padTop = items?.[0]?.start ?? 0;
  const padBottom = items ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  // Resource use of the running rows on screen only: streams start and stop as rows scroll.
  const shown = rows.flatMap((r) => (r.kind === 'container' ? [r.container] : []));
  const inView = useRowsInView(scrollRef, shown.map((c) => c.id).join(','));
  const statsStore = useStatsStore(
    stale ? [] : shown.filter((c) => c.state === 'running' && inView.has(c.id)).map((c) => c.id),
  );

  return (
    <TableFrame
      label={t('containers.tableName')}
      learn="containers.list"
      className="containers-table"
      stale={stale}
      scrollRef={scrollRef}
      virtual={{ on: virtual, rowCount: allRows.length + 1, padTop, padBottom }}
      selectAll={{ total: containers.length, selected: selectedCount, onChange: onToggleAll }}
      columns={[
        { col: 'col-name', head: t('containers.colName') },
        { col: 'col-image', head: t('containers.colImage') },
        { col: 'col-state', head: t('containers.colState') },
        { col: 'col-cpu', head: t('stats.colCpu') },
        { col: 'col-memory', head: t('stats.colMemory') },
        { col: 'col-ports', head: t('containers.colPorts') },
        { col: 'col-created', head: t('containers.colCreated') },
        { col: 'col-actions', head: t('containers.colActions'), hidden: true, className: 'cell-actions' },
      ]}
    >
      {rows.map((row) =>
        row.kind === 'group' ? (
          <ComposeGroupRow
            key={`group:${row.group.project}`}
            group={row.group}
            expanded={row.expanded}
            selected={row.group.containers.filter((c) => selected[c.id]).length}
            stale={stale}
            onExpand={onExpand}
            onSelect={onSelectMany}
            onMenu={openFrom}
          />
        ) : (
          <ContainerRow
            key={row.container.id}
            container={row.container}
            membership={row.membership}
            selected={selected[row.container.id] === true}
            busy={busy[row.container.id]}
            stale={stale}
            language={language}
            now={now}
            onToggle={onToggle}
            onAct={onAct}
            onRemove={onRemove}
            statsStore={statsStore}
            onMenu={onMenu}
          />
        ),
      )}
      {menu}
    </TableFrame>
  );
}
