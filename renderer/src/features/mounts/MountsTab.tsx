// The Mounts tab of a container: its mounts drawn side by side, warnings in
// plain words, and Edit mounts.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { mountKeys } from './queries';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { toErrorLike } from '../files/useFileActions';
import { EditMountsDialog } from './EditMountsDialog';
import { MountDiagram } from './MountDiagram';
import { StorageExplainer } from './StorageExplainer';
import './mounts.css';

export function MountsTab({ container }: { container: ContainerSummary }) {
  const { t } = useTranslation();
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const groups = useQuery({
    // The container's mounts in the key: the change feed's update refreshes the drawing.
    queryKey: mountKeys.ofContainer(container.id, container.mounts),
    queryFn: () => client.request('mounts.ofContainer', { id: container.id }),
    staleTime: 0,
    retry: false,
  });
  const items = (groups.data ?? []).flatMap((g) => g.users.map((u) => ({ g, u })));

  return (
    <div className="mounts-tab">
      <div className="toolbar-row">
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {t('mounts.edit.button')}
        </button>
        <a className="button" href={hrefTo('mounts')}>
          {t('mounts.allMounts')}
        </a>
        <StorageExplainer />
      </div>
      {groups.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : groups.error ? (
        <ErrorAlert title={t('mounts.loadFailed')} messages={[toErrorLike(groups.error)]} />
      ) : items.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('mounts.noneTitle')}</p>
          <p className="muted">{t('mounts.noneText')}</p>
        </div>
      ) : (
        <ul className="mount-list" aria-label={t('mounts.listName')}>
          {items.map(({ g, u }) => (
            <MountDiagram key={`${g.key}:${u.destination}`} group={g} user={u} />
          ))}
        </ul>
      )}
      {editing && (
        <EditMountsDialog
          container={container}
          onDone={(result) => {
            setEditing(false);
            // Recreated: the same name, a new id; follow it.
            if (result && result.id !== container.id)
              navigate(hrefTo('containers', result.id, 'mounts'), { replace: true });
          }}
        />
      )}
    </div>
  );
}
