// The containers table. Past a few screens of rows only the visible rows (and
// a few either side) are rendered, between two padding rows, so the table
// keeps real <tr> semantics: a hundred containers cost what twenty do.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary } from '../../../../runtime/api/types';
import { SelectAllCheckbox } from '../../components/SelectAllCheckbox';
import { useUi } from '../../state/ui-store';
import { ContainerRow } from './ContainerRow';

const VIRTUAL_FROM = 50;
const ROW_HEIGHT = 57;
const COLUMNS = 7;

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
    <div ref={scrollRef} className={`table-scroll${virtual ? ' virtual' : ''}${stale ? ' stale' : ''}`}>
      <table className="table containers-table" aria-label={t('containers.tableName')} aria-rowcount={containers.length + 1}>
        <colgroup>
          <col className="col-check" />
          <col className="col-name" />
          <col className="col-image" />
          <col className="col-state" />
          <col className="col-ports" />
          <col className="col-created" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th className="cell-check">
              <SelectAllCheckbox total={containers.length} selected={selectedCount} onChange={onToggleAll} />
            </th>
            <th>{t('containers.colName')}</th>
            <th>{t('containers.colImage')}</th>
            <th>{t('containers.colState')}</th>
            <th>{t('containers.colPorts')}</th>
            <th>{t('containers.colCreated')}</th>
            <th className="cell-actions">
              <span className="visually-hidden">{t('containers.colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="pad-row">
              <td colSpan={COLUMNS} style={{ height: padTop }} />
            </tr>
          )}
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
          {padBottom > 0 && (
            <tr aria-hidden="true" className="pad-row">
              <td colSpan={COLUMNS} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
