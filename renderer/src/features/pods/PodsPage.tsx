// Pods: on Podman, the pods with their containers (each linking to its page),
// their state and actions with the podman command each stands for, a panel
// to play a Kubernetes YAML and one to generate YAML from what runs. On
// Docker, which has no pods: why, and a compose project as Kubernetes YAML.
import { useTranslation } from 'react-i18next';
import { podActionCommand, type PodAction } from '../../../../runtime/domains/pods/cli';
import type { ContainerState } from '../../../../runtime/domains/containers/types';
import type { PodSummary } from '../../../../runtime/domains/pods/types';
import { useClient } from '../../api/ClientProvider';
import { CommandLine } from '../../components/CommandLine';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { StateBadge } from '../../components/StateBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatExact, formatRelative } from '../../lib/format';
import { hrefTo } from '../../lib/useHashRoute';
import { useNow } from '../../lib/useNow';
import { useUi } from '../../state/ui-store';
import { ComposeAsKube } from './ComposeAsKube';
import { GeneratePanel } from './GeneratePanel';
import { PlayPanel } from './PlayPanel';
import { PodsConcepts } from './PodsConcepts';
import { usePodAction, usePods } from './queries';
import './pods.css';

const POD_TONE: Record<string, string> = {
  Running: 'green',
  Degraded: 'amber',
  Created: 'blue',
  Paused: 'amber',
  Dead: 'red',
};
const CONTAINER_STATES = new Set(['running', 'exited', 'paused', 'created', 'restarting', 'removing', 'dead']);

export function PodsPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = usePods();
  const list = query.data;
  const pods = list?.supported ? list.pods : [];

  return (
    <section className="page pods-page" aria-labelledby="pods-title">
      <PageHeader
        id="pods-title"
        title={t('pods.title')}
        count={list?.supported ? t('pods.summary', { count: pods.length }) : undefined}
      >
        <p className="muted">{t('pods.intro')}</p>
        <PodsConcepts />
      </PageHeader>
      <ListStatus query={query} stale={stale} />
      {list && !list.supported && <ComposeAsKube />}
      {list?.supported && (
        <>
          <PodTable pods={pods} stale={stale} />
          <CommandLine command={list.command} />
          <PlayPanel stale={stale} />
          <GeneratePanel pods={pods} stale={stale} />
        </>
      )}
    </section>
  );
}

function PodTable({ pods, stale }: { pods: readonly PodSummary[]; stale: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useUi((s) => s.language);
  const now = useNow(60_000);
  const { busy, error, setError, run } = usePodAction();
  const act = (action: PodAction, name: string) =>
    void run(() => client.request(action === 'remove' ? 'pods.remove' : `pods.${action}`, { name }));

  if (pods.length === 0) return <p className="muted">{t('pods.table.empty')}</p>;
  return (
    <>
      {error && <ErrorAlert title={t('pods.action.failed')} messages={[error]} onDismiss={() => setError(null)} />}
      <TableFrame
        label={t('pods.table.label')}
        stale={stale}
        className="pods-table"
        columns={[
          { head: t('pods.table.name') },
          { head: t('pods.table.status') },
          { head: t('pods.table.containers') },
          { head: t('pods.table.created') },
          { head: t('pods.table.actions'), hidden: true },
        ]}
      >
        {pods.map((pod) => {
          const created = new Date(pod.created);
          const running = pod.status === 'Running' || pod.status === 'Degraded';
          return (
            <tr key={pod.id} className="row" data-testid="pod-row" data-name={pod.name}>
              <td>
                <span className="mono">{pod.name}</span>
                <div className="muted small mono">{pod.id.slice(0, 12)}</div>
              </td>
              <td>
                <span className={`badge badge-${POD_TONE[pod.status] ?? 'grey'}`} data-testid="pod-status">
                  <span className="badge-dot" aria-hidden="true" />
                  {t(`pods.status.${pod.status}`, { defaultValue: pod.status })}
                </span>
              </td>
              <td>
                <ul className="pod-containers">
                  {pod.containers.map((c) => (
                    <li key={c.id} data-testid="pod-container">
                      <a className="mono" href={hrefTo('containers', c.id)}>
                        {c.name}
                      </a>{' '}
                      {CONTAINER_STATES.has(c.state) ? (
                        <StateBadge state={c.state as ContainerState} />
                      ) : (
                        <span className="muted small">{c.state}</span>
                      )}
                      {c.infra && <span className="tag">{t('pods.table.infra')}</span>}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {Number.isNaN(created.getTime()) ? (
                  <span className="muted">—</span>
                ) : (
                  <time dateTime={created.toISOString()} title={formatExact(created, language)}>
                    {formatRelative(created, language, new Date(now))}
                  </time>
                )}
              </td>
              <td>
                <div className="row-actions">
                  {(running ? (['stop', 'remove'] as const) : (['start', 'remove'] as const)).map((action) => (
                    <button
                      key={action}
                      type="button"
                      className={`button button-small${action === 'remove' ? ' button-danger-quiet' : ''}`}
                      disabled={stale || busy}
                      aria-label={t(`pods.action.${action}Label`, { name: pod.name })}
                      title={podActionCommand(action, pod.name)}
                      onClick={() => act(action, pod.name)}
                    >
                      {t(`pods.action.${action}`)}
                    </button>
                  ))}
                </div>
                <code className="muted small pod-command">
                  {podActionCommand(running ? 'stop' : 'start', pod.name)}
                </code>
              </td>
            </tr>
          );
        })}
      </TableFrame>
    </>
  );
}
