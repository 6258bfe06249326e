// One mount drawn as "what is mounted → where in the container", with its
// type, read-only or read-write, propagation and the runtime's warnings.
import { useTranslation } from 'react-i18next';
import type { MountGroup, MountUser } from '../../../../runtime/domains/mounts/types';
import { hrefTo } from '../../lib/useHashRoute';

export function MountDiagram({ group, user }: { group: MountGroup; user: MountUser }) {
  const { t } = useTranslation();
  const source =
    group.type === 'volume' ? (
      <a className="mono" href={hrefTo('volumes', group.source)}>
        {group.source}
      </a>
    ) : group.type === 'tmpfs' ? (
      <span className="muted">{t('mounts.memory')}</span>
    ) : (
      <span className="mono">{group.source}</span>
    );
  return (
    <li
      className={`mount mount-${group.type}`}
      data-testid="mount"
      data-type={group.type}
      data-source={group.source}
      data-destination={user.destination}
    >
      <div className="mount-side mount-source">
        <span className="mount-side-label">
          {group.type === 'bind'
            ? t('mounts.hostFolder')
            : group.type === 'volume'
              ? t('mounts.volume')
              : t('mounts.memoryLabel')}
        </span>
        {source}
      </div>
      <div className="mount-arrow" aria-hidden="true">
        <span
          className={`badge ${group.type === 'bind' ? 'badge-amber' : group.type === 'volume' ? 'badge-blue' : 'badge-grey'}`}
        >
          {group.type}
        </span>
        <span className="mount-line" />
      </div>
      <div className="mount-side mount-target">
        <span className="mount-side-label">{t('mounts.inContainer')}</span>
        <span className="mono">{user.destination}</span>
      </div>
      <div className="mount-flags">
        <span
          className={user.readOnly ? 'badge badge-grey' : 'badge badge-green'}
          title={user.readOnly ? t('mounts.roHelp') : t('mounts.rwHelp')}
        >
          {user.readOnly ? t('mounts.ro') : t('mounts.rw')}
        </span>
        {user.propagation && (
          <span className="badge badge-grey" title={t('mounts.propagationHelp')}>
            {t('mounts.propagation', { value: user.propagation })}
          </span>
        )}
        {group.type === 'bind' && group.hostPathExists === null && (
          <span className="muted small">{t('mounts.notChecked')}</span>
        )}
      </div>
      {group.warnings.length > 0 && (
        <ul className="mount-warnings">
          {group.warnings.map((w) => (
            <li key={w.kind} className="mount-warning" role="note" data-kind={w.kind}>
              {t(`mounts.warning.${w.kind}`, { path: group.source })}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
