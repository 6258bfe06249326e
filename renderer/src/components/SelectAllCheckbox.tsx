import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** How many rows there are, and how many of them are selected. */
  total: number;
  selected: number;
  onChange: (checked: boolean) => void;
}

/** A table's "Select all" box: checked when every row is, mixed when some are. */
export function SelectAllCheckbox({ total, selected, onChange }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const all = total > 0 && selected === total;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selected > 0 && !all;
  }, [selected, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={t('containers.selectAll')}
      checked={all}
      disabled={total === 0}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
