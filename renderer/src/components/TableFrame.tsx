// The frame the lists share (containers, images, volumes, files): a scroll
// box (dimmed while stale) around a named table with its column widths, a
// header row (a select-all checkbox first when rows can be chosen) and the
// body's rows. A virtualised list passes its scroll box ref and the heights
// of the rows it leaves out above and below.
import type { ReactNode, Ref } from 'react';
import { SelectAllCheckbox } from './SelectAllCheckbox';

export interface Column {
  /** The <col>'s class (its width). */
  col?: string;
  head: ReactNode;
  /** The header is only read out (a column of buttons). */
  hidden?: boolean;
  /** The header cell's class ('num' to right-align). */
  className?: string;
}

interface Props {
  label: string;
  className?: string;
  stale?: boolean;
  columns: readonly Column[];
  /** A checkbox column first, with select-all in its header. */
  selectAll?: { total: number; selected: number; onChange: (on: boolean) => void };
  scrollRef?: Ref<HTMLDivElement>;
  /** Rows are virtualised: set aria-rowcount (rows + header) and pad the body. */
  virtual?: { rowCount: number; padTop: number; padBottom: number; on: boolean };
  children: ReactNode;
  /** The list's name for lessons (`data-learn`): the coach points at it. */
  learn?: string;
}

export function TableFrame({
  label,
  className,
  stale,
  columns,
  selectAll,
  scrollRef,
  virtual,
  children,
  learn,
}: Props) {
  const span = columns.length + (selectAll ? 1 : 0);
  const pad = (height: number) =>
    height > 0 && (
      <tr aria-hidden="true" className="pad-row">
        <td colSpan={span} style={{ height }} />
      </tr>
    );
  return (
    <div
      ref={scrollRef}
      className={`table-scroll${virtual?.on ? ' virtual' : ''}${stale ? ' stale' : ''}`}
      data-learn={learn}
    >
      <table
        className={className ? `table ${className}` : 'table'}
        aria-label={label}
        aria-rowcount={virtual?.rowCount}
      >
        <colgroup>
          {selectAll && <col className="col-check" />}
          {columns.map((c, i) => (
            <col key={i} className={c.col} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {selectAll && (
              <th className="cell-check">
                <SelectAllCheckbox
                  total={selectAll.total}
                  selected={selectAll.selected}
                  onChange={selectAll.onChange}
                />
              </th>
            )}
            {columns.map((c, i) => (
              <th key={i} className={c.className}>
                {c.hidden ? <span className="visually-hidden">{c.head}</span> : c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {virtual && pad(virtual.padTop)}
          {children}
          {virtual && pad(virtual.padBottom)}
        </tbody>
      </table>
    </div>
  );
}
