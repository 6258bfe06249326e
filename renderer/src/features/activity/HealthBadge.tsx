// A container's health check verdict, beside its state.
import './activity.css';
import { useTranslation } from 'react-i18next';
import type { HealthStatus } from '../../../../runtime/domains/containers/types';

const TONE: Record<HealthStatus | 'none', string> = {
  healthy: 'green',
  unhealthy: 'red',
  starting: 'amber',
  none: 'grey',
};

export function HealthBadge({ health }: { health: HealthStatus | 'none' }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${TONE[health]} health-badge`} data-testid="health-badge" data-health={health}>
      <span className="visually-hidden">{t('activity.health.label')}: </span>
      {t(`activity.health.${health}`)}
    </span>
  );
}
