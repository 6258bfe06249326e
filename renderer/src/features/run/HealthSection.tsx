// The run form's health check: a command the engine runs now and then to
// tell whether the container works (--health-cmd and its timing).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Section, invalidProps } from './Field';
import type { HealthDraft } from './health-draft';
import type { Problems } from './run-draft';

const FIELDS = [
  { key: 'cmd', flag: '--health-cmd', placeholder: 'curl -f http://localhost/ || exit 1' },
  { key: 'interval', flag: '--health-interval', placeholder: '30s' },
  { key: 'timeout', flag: '--health-timeout', placeholder: '30s' },
  { key: 'startPeriod', flag: '--health-start-period', placeholder: '0s' },
  { key: 'retries', flag: '--health-retries', placeholder: '3' },
] as const;

export function HealthSection({
  health,
  problems,
  onChange,
}: {
  health: HealthDraft;
  problems: Problems;
  onChange: (h: HealthDraft) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const field = ({ key, flag, placeholder }: (typeof FIELDS)[number]) => (
    <Field
      key={key}
      id={`${ids}-${key}`}
      label={t(`run.health.fields.${key}`)}
      flag={flag}
      help={t(`run.health.help.${key}`)}
      path={`health.${key}`}
      problem={problems[`health.${key}`]}
    >
      <input
        id={`${ids}-${key}`}
        type="text"
        className="mono"
        placeholder={placeholder}
        value={health[key]}
        {...(key === 'retries' ? { inputMode: 'numeric' as const } : {})}
        onChange={(e) => onChange({ ...health, [key]: e.target.value })}
        {...invalidProps(`health.${key}`, problems[`health.${key}`])}
      />
    </Field>
  );
  const [cmd, interval, timeout, startPeriod, retries] = FIELDS;
  return (
    <Section title={t('run.health.title')} intro={t('run.health.intro')}>
      {field(cmd)}
      <div className="run-two">
        {field(interval)}
        {field(timeout)}
      </div>
      <div className="run-two">
        {field(startPeriod)}
        {field(retries)}
      </div>
    </Section>
  );
}
