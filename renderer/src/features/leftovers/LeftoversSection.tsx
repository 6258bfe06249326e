// Settings › What Wharf left on this engine: its helper image (loaded when a
// volume is first opened), helper containers, snapshot images of stopped
// containers; one Remove button (asked first). The helper image is loaded
// again the next time a volume is opened.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { leftoverKeys } from './queries';
import { isConnected, useEngineState } from '../engine/queries';
import { formatBytes } from '../../lib/format';
import { pushCommands, toErrorLike } from '../files/useFileActions';

export function LeftoversSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const id = useId();
  const connected = isConnected(useEngineState().data);
  const [asking, setAsking] = useState(false);
  const list = useQuery({
    queryKey: leftoverKeys.list(),
    queryFn: () => client.request('volumes.leftovers', {}),
    enabled: connected,
  });
  const remove = useMutation({
    mutationFn: () => client.request('volumes.removeLeftovers', {}),
    onSuccess: (result) => pushCommands(result.commands),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: leftoverKeys.list() }),
  });
  const items = list.data ?? [];
  const failed = remove.data?.failed ?? [];

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="leftovers">
      <h2 id={`${id}-h`}>{t('leftovers.title')}</h2>
      <p className="muted small">{t('leftovers.explain')}</p>
      {!connected ? (
        <p className="muted">{t('leftovers.notConnected')}</p>
      ) : list.isPending ? (
        <p className="muted" role="status">
          <Spinner size={14} /> {t('leftovers.loading')}
        </p>
      ) : items.length === 0 ? (
        <p className="muted" role="status">
          {t('leftovers.none')}
        </p>
      ) : (
        <ul className="leftover-list" aria-label={t('leftovers.title')}>
          {items.map((item) => (
            <li key={item.id}>
              <span className="field-label">{t(`leftovers.kind.${item.kind}`)}</span> <code>{item.name}</code>
              {item.size !== undefined && <span className="muted small"> {formatBytes(item.size)}</span>}
            </li>
          ))}
        </ul>
      )}
      {list.error && <ErrorAlert title={t('leftovers.listFailed')} messages={[toErrorLike(list.error)]} />}
      {remove.error && <ErrorAlert title={t('leftovers.removeFailed')} messages={[toErrorLike(remove.error)]} />}
      {failed.length > 0 && (
        <ErrorAlert title={t('leftovers.removeFailed')} messages={failed.map((f) => ({ ...f.error, name: f.name }))} />
      )}
      {remove.isSuccess && failed.length === 0 && (
        <p className="muted small" role="status">
          {t('leftovers.removed', { count: remove.data.removed.length })}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-danger"
          disabled={items.length === 0 || remove.isPending}
          onClick={() => setAsking(true)}
        >
          {remove.isPending && <Spinner size={14} />}
          {t('leftovers.remove')}
        </button>
      </div>
      {asking && (
        <ActionDialog
          title={t('leftovers.confirmTitle')}
          action={t('leftovers.remove')}
          tone="danger"
          onCancel={() => setAsking(false)}
          onAction={() => {
            setAsking(false);
            remove.mutate();
          }}
        >
          <p>{t('leftovers.confirm', { count: items.length })}</p>
        </ActionDialog>
      )}
    </section>
  );
}
