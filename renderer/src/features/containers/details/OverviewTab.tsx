// What a person asks first about a container: what runs, from which image,
// on which ports, with what settings, and how it last ended.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shellJoin } from '../../../../../runtime/api/shell-words';
import type { ContainerDetails, EnvVar } from '../../../../../runtime/domains/containers/types';
import { Spinner } from '../../../components/Icons';
import { ExitMeaning } from '../../activity/ExitMeaning';
import { HealthSection } from '../../activity/HealthSection';
import { formatExact } from '../../../lib/format';
import { useUi } from '../../../state/ui-store';
import { formatPorts } from '../container-logic';
import { MASK, isSecretKey } from './secrets';
import type { DetailsTabProps } from './tabs';

export function OverviewTab({ details: d }: DetailsTabProps) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  if (!d) {
    return (
      <p className="muted">
        <Spinner size={14} /> {t('details.loading')}
      </p>
    );
  }
  const time = (iso: string | undefined) => (iso ? formatExact(new Date(iso), language) : '—');
  const ports = formatPorts(d.ports);
  const labels = Object.entries(d.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="overview">
      <dl className="facts">
        <Fact label={t('details.command')}>
          <code className="wrap">{shellJoin([...d.entrypoint, ...d.command]) || '—'}</code>
        </Fact>
        <Fact label={t('details.entrypoint')}>
          <code className="wrap">{d.entrypoint.length > 0 ? shellJoin(d.entrypoint) : t('details.none')}</code>
        </Fact>
        <Fact label={t('details.cmd')}>
          <code className="wrap">{d.command.length > 0 ? shellJoin(d.command) : t('details.none')}</code>
        </Fact>
        <Fact label={t('details.image')}>
          <span className="mono">{d.image}</span>
        </Fact>
        <Fact label={t('details.ports')}>
          {ports.length === 0 ? t('details.none') : <span className="mono">{ports.join(', ')}</span>}
        </Fact>
        <Fact label={t('details.restartPolicy')}>
          <span className="mono">
            {d.restartPolicy.name}
            {d.restartPolicy.name === 'on-failure' && d.restartPolicy.maximumRetryCount > 0
              ? `:${d.restartPolicy.maximumRetryCount}`
              : ''}
          </span>
          {d.restartCount > 0 && <span className="muted"> · {t('details.restartCount', { n: d.restartCount })}</span>}
        </Fact>
        <Fact label={t('details.exitCode')}>
          {d.running ? (
            <span className="muted">{t('details.stillRunning')}</span>
          ) : d.startedAt === undefined ? (
            <span className="muted">{t('details.neverStarted')}</span>
          ) : (
            <span className={d.exitCode === 0 ? 'mono' : 'mono text-red'}>
              {d.exitCode}
              {d.oomKilled && ` · ${t('details.oomKilled')}`}
            </span>
          )}
          {!d.running && d.startedAt !== undefined && (
            <>
              {' · '}
              <ExitMeaning code={d.exitCode} oomKilled={d.oomKilled} />
            </>
          )}
          {d.error && <span className="text-red"> · {d.error}</span>}
        </Fact>
        <Fact label={t('details.created')}>{time(d.created)}</Fact>
        <Fact label={t('details.started')}>{time(d.startedAt)}</Fact>
        <Fact label={t('details.finished')}>{time(d.finishedAt)}</Fact>
        {d.workingDir && (
          <Fact label={t('details.workingDir')}>
            <span className="mono">{d.workingDir}</span>
          </Fact>
        )}
        {d.user && (
          <Fact label={t('details.user')}>
            <span className="mono">{d.user}</span>
          </Fact>
        )}
        <Fact label={t('details.tty')}>{d.tty ? t('details.yes') : t('details.no')}</Fact>
      </dl>

      {d.health && <HealthSection name={d.name} health={d.health} />}
      <section className="overview-section" aria-labelledby="env-title">
        <h2 id="env-title">{t('details.env')}</h2>
        <p className="muted small">{t('details.envHelp')}</p>
        {d.env.length === 0 ? <p className="muted">{t('details.none')}</p> : <EnvTable env={d.env} />}
      </section>

      <section className="overview-section" aria-labelledby="mounts-title">
        <h2 id="mounts-title">{t('details.mounts')}</h2>
        <Mounts details={d} />
      </section>

      <section className="overview-section" aria-labelledby="labels-title">
        <h2 id="labels-title">{t('details.labels')}</h2>
        {labels.length === 0 ? (
          <p className="muted">{t('details.none')}</p>
        ) : (
          <table className="kv-table" aria-labelledby="labels-title">
            <tbody>
              {labels.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EnvTable({ env }: { env: readonly EnvVar[] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  return (
    <table className="kv-table" aria-labelledby="env-title" data-testid="env-table">
      <tbody>
        {env.map(({ key, value }) => {
          const secret = value !== undefined && value !== '' && isSecretKey(key);
          const visible = !secret || shown.has(key);
          return (
            <tr key={key} data-key={key}>
              <th scope="row" className="mono">
                {key}
              </th>
              <td className="mono">
                {value === undefined ? (
                  <span className="muted">{t('details.envPassedThrough')}</span>
                ) : visible ? (
                  <span className="env-value">{value}</span>
                ) : (
                  <button
                    type="button"
                    className="secret-button"
                    aria-label={t('details.revealSecret', { key })}
                    onClick={() => setShown((s) => new Set(s).add(key))}
                  >
                    <span aria-hidden="true">{MASK}</span>
                    <span className="secret-hint">{t('details.reveal')}</span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Mounts({ details: d }: { details: ContainerDetails }) {
  const { t } = useTranslation();
  if (d.mounts.length === 0) return <p className="muted">{t('details.noMounts')}</p>;
  return (
    <table className="kv-table">
      <tbody>
        {d.mounts.map((m) => (
          <tr key={m.destination}>
            <th scope="row" className="mono">
              {m.destination}
            </th>
            <td>
              <span className="badge badge-grey">{t(`details.mountType.${m.type}`)}</span>{' '}
              <span className="mono">{m.type === 'volume' && m.name ? m.name : m.source}</span>
              {m.readOnly && <span className="muted"> · {t('details.readOnly')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
