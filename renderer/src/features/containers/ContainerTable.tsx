// The containers table. Past a few screens of rows only the visible rows (and
// a few either side) are rendered, between two padding rows, so the table
// keeps real <tr> semantics: a hundred containers cost what twenty do.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/domains/containers/types';
import { TableFrame } from '../../components/TableFrame';
import { useUi } from '../../state/ui-store';
import { ContainerRow } from './ContainerRow';

const VIRTUAL_FROM = 50;
const ROW_HEIGHT = 57;

interface Props {
  containers: readonly ContainerSummary[];
  stale: boolean;
  now: number;
  onToggle: (id: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  onAct: (action: ContainerAction, container: ContainerSummary) => void;
  onRemove: (container: ContainerSummary) => void;
}

export function ContainerTable({ containers, stale, now, onToggle, onToggleAll, onAct, onRemove }: Props) {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selected);
  const busy = useUi((s) => s.busy);
  const language = useUi((s) => s.language);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = containers.length > VIRTUAL_FROM;

  const virtualizer = useVirtualizer({
    count: containers.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    enabled: virtual,
  });

  const selectedCount = containers.filter((c) => selected[c.id]).length;

  const items = virtual ? virtualizer.getVirtualItems() : null;
  const rows = items ? items.map((i) => containers[i.index]!) : containers;
  const padTop = items?.[0]?.start ?? 0;
  const padBottom = items ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  return (
    <TableFrame
      label={t('containers.tableName')}
      className="containers-table"
      stale={stale}
      scrollRef={scrollRef}
      virtual={{ on: virtual, rowCount: containers.length + 1, padTop, padBottom }}
      selectAll={{ total: containers.length, selected: selectedCount, onChange: onToggleAll }}
      columns={[
        { col: 'col-name', head: t('containers.colName') },
        { col: 'col-image', head: t('containers.colImage') },
        { col: 'col-state', head: t('containers.colState') },
        { col: 'col-ports', head: t('containers.colPorts') },
        { col: 'col-created', head: t('containers.colCreated') },
        { col: 'col-actions', head: t('containers.colActions'), hidden: true, className: 'cell-actions' },
      ]}
    >
      {rows.map((c) => (
        <ContainerRow
          key={c.id}
          container={c}
          selected={selected[c.id] === true}
          busy={busy[c.id]}
          stale={stale}
          language={language}
          now={now}
          onToggle={onToggle}
          onAct={onAct}
          onRemove={onRemove}
        />
      ))}
    </TableFrame>
  );
}
