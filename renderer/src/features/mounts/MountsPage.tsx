// #/mounts: "who uses this folder or volume?" Every mount of every
// container, grouped by host path or volume, filterable.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { PageHeader } from '../../components/PageHeader';
import { mountKeys } from './queries';
import { useContainers } from '../containers/queries';
import { isConnected, useEngineState } from '../engine/queries';
import { hrefTo } from '../../lib/useHashRoute';
import { toErrorLike } from '../files/useFileActions';
import { StorageExplainer } from './StorageExplainer';
import './mounts.css';

export function MountsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const connected = isConnected(useEngineState().data);
  const containers = useContainers().data;
  const [filter, setFilter] = useState('');
  const [type, setType] = useState<'all' | 'bind' | 'volume' | 'tmpfs'>('all');
  const overview = useQuery({
    // Containers' mounts change through the change feed; follow them.
    queryKey: mountKeys.list(containers?.map((c) => [c.id, c.state, c.mounts]) ?? null),
    queryFn: () => client.request('mounts.list', {}),
    enabled: connected,
    staleTime: 0,
    placeholderData: (previous) => previous,
  });
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (overview.data?.groups ?? []).filter(
      (g) =>
        (type === 'all' || g.type === type) &&
        (q === '' ||
          g.source.toLowerCase().includes(q) ||
          g.users.some((u) => u.containerName.toLowerCase().includes(q) || u.destination.toLowerCase().includes(q))),
    );
  }, [overview.data, filter, type]);

  return (
    <section className="page" aria-labelledby="mounts-title">
      <PageHeader
        id="mounts-title"
        title={t('mounts.nav')}
        count={overview.data ? t('mounts.summary', { count: overview.data.groups.length }) : undefined}
      >
        <p className="muted small">{t('mounts.pageExplain')}</p>
        <StorageExplainer />
      </PageHeader>
      <div className="toolbar-row">
        <input
          type="search"
          aria-label={t('mounts.filter')}
          placeholder={t('mounts.filterPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          aria-label={t('mounts.typeFilter')}
          value={type}
          onChange={(e) => setType(e.target.value as typeof type)}
        >
          <option value="all">{t('mounts.typeAll')}</option>
          <option value="bind">bind</option>
          <option value="volume">volume</option>
          <option value="tmpfs">tmpfs</option>
        </select>
        {overview.data?.hostPathCheck === 'not-checked' && (
          <span className="muted small">{t('mounts.notCheckedAll')}</span>
        )}
      </div>
      {overview.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : overview.error ? (
        <ErrorAlert title={t('mounts.loadFailed')} messages={[toErrorLike(overview.error)]} />
      ) : groups.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{filter || type !== 'all' ? t('mounts.noMatch') : t('mounts.emptyTitle')}</p>
        </div>
      ) : (
        <ul className="mount-groups" aria-label={t('mounts.groupsName')}>
          {groups.map((g) => (
            <li key={g.key} className="mount-group" data-testid="mount-group" data-key={g.key}>
              <div className="mount-group-head">
                <span
                  className={`badge ${g.type === 'bind' ? 'badge-amber' : g.type === 'volume' ? 'badge-blue' : 'badge-grey'}`}
                >
                  {g.type}
                </span>
                {g.type === 'volume' ? (
                  <a className="mono mount-group-source" href={hrefTo('volumes', g.source)}>
                    {g.source}
                  </a>
                ) : (
                  <span className="mono mount-group-source">{g.source || t('mounts.memory')}</span>
                )}
                <span className="muted small">{t('mounts.users', { count: g.users.length })}</span>
              </div>
              {g.warnings.length > 0 && (
                <ul className="mount-warnings">
                  {g.warnings.map((w) => (
                    <li key={w.kind} className="mount-warning" role="note" data-kind={w.kind}>
                      {t(`mounts.warning.${w.kind}`, { path: g.source })}
                    </li>
                  ))}
                </ul>
              )}
              <table className="table mount-users">
                <tbody>
                  {g.users.map((u) => (
                    <tr key={`${u.containerId}:${u.destination}`} className="row">
                      <td>
                        <a className="mono" href={hrefTo('containers', u.containerId, 'mounts')}>
                          {u.containerName}
                        </a>
                      </td>
                      <td className="muted small">{t(`state.${u.state}`)}</td>
                      <td className="mono">{u.destination}</td>
                      <td>
                        <span className={u.readOnly ? 'badge badge-grey' : 'badge badge-green'}>
                          {u.readOnly ? t('mounts.ro') : t('mounts.rw')}
                        </span>
                      </td>
                      <td className="muted small">{u.propagation ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
