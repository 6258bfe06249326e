// The Networks tab of a container: the networks it is on (address, aliases,
// Disconnect) and a form to connect it to another.
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { hrefTo } from '../../lib/useHashRoute';
import { toErrorLike } from '../files/useFileActions';
import { AttachmentTable } from './AttachmentTable';
import { ConnectForm } from './ConnectForm';
import { DnsExplainer } from './NetworkExplainers';
import { useNetworks } from './queries';
import './networks.css';

export function ContainerNetworksTab({ container }: { container: ContainerSummary }) {
  const { t } = useTranslation();
  const networks = useNetworks();
  if (networks.isPending) {
    return (
      <p className="muted">
        <Spinner size={14} /> {t('common.loading')}
      </p>
    );
  }
  if (networks.error) return <ErrorAlert title={t('networks.loadFailed')} messages={[toErrorLike(networks.error)]} />;
  const all = networks.data ?? [];
  const mine = all.flatMap((n) => n.containers.filter((c) => c.containerId === container.id).map((c) => ({ n, c })));
  const others = all.filter((n) => !mine.some((m) => m.n.id === n.id) && n.name !== 'host' && n.name !== 'none');
  const onBridgeOnly = mine.length > 0 && mine.every((m) => m.n.name === 'bridge');
  return (
    <div className="container-networks">
      <div className="toolbar-row">
        <a className="button" href={hrefTo('networks')}>
          {t('networks.allNetworks')}
        </a>
        <a className="button" href={`${hrefTo('networks')}?view=map`}>
          {t('networks.view.map')}
        </a>
        <DnsExplainer />
      </div>
      {mine.length === 0 ? (
        <p className="muted">{t('networks.tabNone')}</p>
      ) : (
        <AttachmentTable
          show="network"
          label={t('networks.tabTable', { name: container.name })}
          rows={mine.map(({ n, c }) => ({
            network: n.name,
            container: container.name,
            containerId: container.id,
            state: c.state,
            ipv4: c.ipv4,
            aliases: c.aliases,
          }))}
        />
      )}
      {onBridgeOnly && (
        <p className="network-note" role="note">
          {t('networks.tabBridgeOnly')}
        </p>
      )}
      <ConnectForm container={container.name} networks={others} />
    </div>
  );
}
