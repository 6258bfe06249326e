// Editable KEY=value rows (labels, driver options).
import { useTranslation } from 'react-i18next';

export type Pair = { key: string; value: string };

export function toRecord(pairs: readonly Pair[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const p of pairs) if (p.key.trim() !== '') out[p.key.trim()] = p.value;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function KeyValueRows({
  legend,
  pairs,
  onChange,
}: {
  legend: string;
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Pair>) => onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="kv">
      <legend className="field-label">{legend}</legend>
      {pairs.map((p, i) => (
        <div className="kv-row" key={i}>
          <input
            type="text"
            className="mono"
            aria-label={t('volumeActions.key', { legend, n: i + 1 })}
            placeholder={t('volumeActions.keyPlaceholder')}
            value={p.key}
            onChange={(e) => set(i, { key: e.target.value })}
          />
          <span aria-hidden="true">=</span>
          <input
            type="text"
            className="mono"
            aria-label={t('volumeActions.value', { legend, n: i + 1 })}
            placeholder={t('volumeActions.valuePlaceholder')}
            value={p.value}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <button
            type="button"
            className="button button-small"
            aria-label={t('volumeActions.removeRow', { legend, n: i + 1 })}
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...pairs, { key: '', value: '' }])}
      >
        {t('volumeActions.addRow')}
      </button>
    </fieldset>
  );
}
