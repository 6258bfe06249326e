// The run form's labels (-l KEY=value): tags the engine keeps on the
// container, to find and group containers by (docker ps --filter label=…).
import { useTranslation } from 'react-i18next';
import { Section } from './Field';
import { TextRows } from './RunRows';
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
      <TextRows
        values={labels}
        path="labels"
        testId="label-row"
        placeholder="tier=web"
        nameOf={(n) => t('run.labels.labelN', { n })}
        removeNameOf={(n) => t('run.labels.removeN', { n })}
        problems={problems}
        onChange={onChange}
      />
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => onChange([...labels, ''])}>
          {t('run.labels.add')}
        </button>
      </div>
    </Section>
  );
}
