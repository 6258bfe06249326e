// Remove one network, and prune the unused ones (a preview of exactly what
// goes, then a confirmation). A network with containers attached is not
// removed: the dialog says by whom, and the runtime refuses all the same.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { networkPruneCommand, networkRemoveCommand } from '../../../../runtime/domains/networks/cli';
import type { NetworkInfo, NetworkPruneResult } from '../../../../runtime/domains/networks/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { toErrorLike } from '../files/useFileActions';
import { networkKeys, useNetworkAction } from './queries';
import { TargetList } from '../../components/TargetList';

export function RemoveNetworkDialog({ network, onDone }: { network: NetworkInfo; onDone: (removed: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { busy, error, run } = useNetworkAction();
  const users = network.containers.map((c) => c.containerName);

  const confirm = async () => {
    const result = await run(() => client.request('networks.remove', { name: network.name }));
    if (result) onDone(true);
  };

  return (
    <ActionDialog
      title={t('networks.remove.title', { name: network.name })}
      onCancel={() => onDone(false)}
      action={busy ? t('networks.remove.removing') : t('networks.remove.action')}
      onAction={() => void confirm()}
      disabled={busy}
      busy={busy}
      tone="danger"
      focusAction={users.length === 0}
    >
      {users.length > 0 ? (
        <p className="network-warning" role="note" data-testid="remove-in-use">
          {t('networks.remove.inUse', { count: users.length, containers: users.join(', ') })}
        </p>
      ) : (
        <p>{t('networks.remove.text')}</p>
      )}
      {network.composeProject !== undefined && (
        <p className="muted small">{t('networks.remove.compose', { project: network.composeProject })}</p>
      )}
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code>{networkRemoveCommand([network.name])}</code>
      </div>
      {error && <ErrorAlert title={t('networks.remove.failed')} messages={[error]} />}
    </ActionDialog>
  );
}

export function PruneNetworksDialog({ onDone }: { onDone: (result?: NetworkPruneResult) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const preview = useQuery({
    queryKey: networkKeys.prunePreview(),
    queryFn: () => client.request('networks.prunePreview', {}),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const { busy, error, run } = useNetworkAction();
  const names = preview.data?.networks.map((n) => n.name) ?? [];

  const confirm = async () => {
    const result = await run(() => client.request('networks.prune', { names }));
    if (result) onDone(result);
  };

  return (
    <ActionDialog
      title={t('networks.prune.title')}
      onCancel={() => onDone()}
      action={busy ? t('networks.prune.pruning') : t('networks.prune.action', { count: names.length })}
      onAction={() => void confirm()}
      disabled={busy || names.length === 0}
      busy={busy}
      tone="danger"
      focusAction={false}
    >
      <p className="muted small">{t('networks.prune.rule')}</p>
      {preview.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('networks.prune.looking')}
        </p>
      ) : preview.error ? (
        <ErrorAlert title={t('networks.prune.failed')} messages={[toErrorLike(preview.error)]} />
      ) : names.length === 0 ? (
        <p data-testid="prune-nothing">{t('networks.prune.nothing')}</p>
      ) : (
        <>
          <p>{t('networks.prune.will', { count: names.length })}</p>
          <TargetList label={t('networks.prune.list')}>
            {names.map((n) => (
              <li key={n} className="mono" data-testid="prune-item" data-name={n}>
                {n}
              </li>
            ))}
          </TargetList>
        </>
      )}
      <div className="command-preview">
        <span className="command-preview-label">{t('common.commandLabel')}</span>
        <code>{names.length > 0 ? networkRemoveCommand(names) : networkPruneCommand()}</code>
      </div>
      <p className="muted small">{t('networks.prune.cliNote', { command: networkPruneCommand() })}</p>
      {error && <ErrorAlert title={t('networks.prune.failed')} messages={[error]} />}
    </ActionDialog>
  );
}
