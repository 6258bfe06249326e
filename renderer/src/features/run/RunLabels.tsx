// The run form's labels (-l KEY=value): tags the engine keeps on the
// container, to find and group containers by (docker ps --filter label=…).
import { useTranslation } from 'react-i18next';
import { Problem, Section, invalidProps } from './Field';
import type { Problems } from './run-draft';

export function LabelsSection({
  labels,
  problems,
  onChange,
}: {
  labels: string[];
  problems: Problems;
  onChange: (l: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('run.labels.title')} flag="-l" intro={t('run.labels.intro')}>
      {labels.length > 0 && (
        <div className="run-rows">
          {labels.map((l, i) => {
            const n = String(i + 1);
            const at = `labels.${i}`;
            return (
              <div key={i} className="run-row-block" data-testid="label-row">
                <div className="run-row run-env-row">
                  <input
                    type="text"
                    className="mono"
                    aria-label={t('run.labels.labelN', { n })}
                    placeholder="tier=web"
                    value={l}
                    onChange={(ev) => onChange(labels.map((x, j) => (j === i ? ev.target.value : x)))}
                    {...invalidProps(at, problems[at])}
                  />
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={t('run.labels.removeN', { n })}
                    onClick={() => onChange(labels.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </div>
                <Problem path={at} problem={problems[at]} />
              </div>
            );
          })}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => onChange([...labels, ''])}>
          {t('run.labels.add')}
        </button>
      </div>
    </Section>
  );
}
