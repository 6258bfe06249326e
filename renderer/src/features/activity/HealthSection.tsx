// A container's health check on its page: the command, the verdict, and the
// last runs with what they printed (inspect's State.Health.Log).
import './activity.css';
import { useTranslation } from 'react-i18next';
import type { ContainerDetails } from '../../../../runtime/domains/containers/types';
import { shellJoin } from '../../../../runtime/api/shell-words';
import { Explainer } from '../../components/Explainer';
import { TableFrame } from '../../components/TableFrame';
import { formatExact } from '../../lib/format';
import { useUi } from '../../state/ui-store';
import { HealthBadge } from './HealthBadge';

export function HealthSection({ name, health }: { name: string; health: NonNullable<ContainerDetails['health']> }) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const runs = [...health.log].reverse();
  return (
    <section className="overview-section health-section" aria-labelledby="health-title" data-testid="health-section">
      <h2 id="health-title">
        {t('activity.health.title')} <HealthBadge health={health.status} />
      </h2>
      <Explainer title={t('activity.health.whatIs')}>
        <p>{t('activity.health.explain')}</p>
      </Explainer>
      <p>
        <span className="muted">{t('activity.health.test')}: </span>
        <code className="wrap">{health.test.length === 1 ? health.test[0] : shellJoin(health.test)}</code>
        {health.failingStreak > 0 && (
          <span className="exit-bad"> · {t('activity.health.streak', { count: health.failingStreak })}</span>
        )}
      </p>
      {runs.length === 0 ? (
        <p className="muted">{t('activity.health.noRuns')}</p>
      ) : (
        <TableFrame
          label={t('activity.health.runsName', { name })}
          className="health-runs"
          columns={[
            { col: 'col-when', head: t('activity.health.when') },
            { col: 'col-exit', head: t('activity.health.exit'), className: 'num' },
            { head: t('activity.health.output') },
          ]}
        >
          {runs.map((run, i) => (
            <tr key={`${run.start}-${i}`}>
              <td>{run.start ? formatExact(new Date(run.start), language) : '—'}</td>
              <td className={run.exitCode === 0 ? 'num mono' : 'num mono exit-bad'}>{run.exitCode}</td>
              <td>
                <pre className="health-output">{run.output.trim() || t('activity.health.noOutput')}</pre>
              </td>
            </tr>
          ))}
        </TableFrame>
      )}
    </section>
  );
}
