// One network: what it is (driver, addresses, flags, labels), the containers
// on it with Disconnect and a form to connect one, and the engine's inspect
// JSON. The engine's own networks say why they cannot be removed.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import { ApiError } from '../../../../runtime/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner, TrashIcon } from '../../components/Icons';
import { TabPanel, Tabs } from '../../components/Tabs';
import { useContainers } from '../containers/queries';
import { formatExact } from '../../lib/format';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { useUi } from '../../state/ui-store';
import { InspectView } from '../containers/details/InspectTab';
import { toErrorLike } from '../files/useFileActions';
import { AttachmentTable } from './AttachmentTable';
import { ConnectForm } from './ConnectForm';
import { RemoveNetworkDialog } from './NetworkDialogs';
import { resolvesNames } from './network-map';
import { useNetworkInspect } from './queries';
import '../containers/details/details.css';
import './networks.css';

const TABS = ['overview', 'inspect'] as const;

export function NetworkDetailsPage({ name, tab }: { name: string; tab: string | undefined }) {
  const { t } = useTranslation();
  const inspect = useNetworkInspect(name);
  const [removing, setRemoving] = useState(false);
  const selected = tab === 'inspect' ? 'inspect' : 'overview';

  if (inspect.error instanceof ApiError && inspect.error.code === 'not-found') {
    return (
      <section className="page details-page" aria-labelledby="network-gone">
        <div className="empty">
          <h1 id="network-gone" className="empty-title">
            {t('networks.details.goneTitle')}
          </h1>
          <p className="muted">{t('networks.details.goneText', { name })}</p>
          <a className="button" href={hrefTo('networks')}>
            {t('networks.details.back')}
          </a>
        </div>
      </section>
    );
  }
  const network = inspect.data?.network;
  return (
    <section className="page details-page networks-page" aria-labelledby="network-title">
      <header className="details-header">
        <a className="back-link" href={hrefTo('networks')}>
          ← {t('networks.title')}
        </a>
        <div className="details-title-row">
          <h1 id="network-title" className="mono">
            {name}
          </h1>
          {network && <span className="badge badge-grey">{network.driver}</span>}
          {network?.builtIn && <span className="badge badge-grey">{t('networks.builtIn')}</span>}
          <div className="details-actions">
            {network && !network.builtIn && (
              <button
                type="button"
                className="button button-small button-danger-quiet"
                onClick={() => setRemoving(true)}
              >
                <TrashIcon size={13} />
                {t('networks.remove.action')}
              </button>
            )}
          </div>
        </div>
        {network?.builtIn && (
          <p className="muted small" data-testid="built-in-why">
            {t('networks.builtInWhy')}
          </p>
        )}
      </header>
      {inspect.error && <ErrorAlert title={t('networks.details.failed')} messages={[toErrorLike(inspect.error)]} />}
      <Tabs
        label={t('networks.details.tabs')}
        idPrefix="network-"
        className="details-tabs"
        tabClassName="details-tab"
        tabs={TABS.map((id) => ({ id, label: t(`networks.details.tab.${id}`), href: hrefTo('networks', name, id) }))}
        selected={selected}
        onSelect={(to) => navigate(hrefTo('networks', name, to), { replace: true })}
      />
      <TabPanel idPrefix="network-" id={selected} className="details-panel">
        {!inspect.data ? (
          <p className="muted">
            <Spinner size={14} /> {t('common.loading')}
          </p>
        ) : selected === 'inspect' ? (
          <InspectView raw={inspect.data.raw} command={inspect.data.command} />
        ) : (
          <Overview network={inspect.data.network} />
        )}
      </TabPanel>
      {removing && network && (
        <RemoveNetworkDialog
          network={network}
          onDone={(removed) => {
            setRemoving(false);
            if (removed) navigate(hrefTo('networks'));
          }}
        />
      )}
    </section>
  );
}

function Overview({ network: n }: { network: NetworkInfo }) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const containers = useContainers().data ?? [];
  const attachedIds = new Set(n.containers.map((c) => c.containerId));
  const choices = containers
    .filter((c) => !attachedIds.has(c.id))
    .map((c) => ({ value: c.name, label: `${c.name} (${t(`state.${c.state}`)})` }));
  const yesNo = (v: boolean) => (v ? t('networks.yes') : t('networks.no'));
  const rows: Array<[string, ReactNode]> = [
    [
      t('networks.details.id'),
      <span className="mono" key="id">
        {n.id}
      </span>,
    ],
    [t('networks.col.driver'), `${n.driver} · ${n.scope}`],
    [
      t('networks.col.subnet'),
      n.subnets.length === 0
        ? '—'
        : n.subnets
            .map((s) => `${s.subnet}${s.gateway ? ` · ${t('networks.gw', { gateway: s.gateway })}` : ''}`)
            .join(', '),
    ],
    [t('networks.internal'), yesNo(n.internal)],
    [t('networks.attachable'), yesNo(n.attachable)],
    [t('networks.details.ipv6'), yesNo(n.ipv6)],
    [t('networks.col.created'), n.created ? formatExact(new Date(n.created), language) : '—'],
    [
      t('networks.details.labels'),
      Object.keys(n.labels).length === 0
        ? '—'
        : Object.entries(n.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
    ],
    [
      t('networks.details.options'),
      Object.keys(n.options).length === 0
        ? '—'
        : Object.entries(n.options)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
    ],
  ];
  return (
    <div className="network-overview">
      <p
        className={resolvesNames(n) ? 'network-note network-note-ok' : 'network-note'}
        role="note"
        data-testid="network-dns-note"
      >
        {n.composeProject !== undefined
          ? t('networks.details.composeNote', { project: n.composeProject })
          : resolvesNames(n)
            ? t('networks.details.dnsYes')
            : n.name === 'bridge'
              ? t('networks.details.dnsBridge')
              : n.name === 'host'
                ? t('networks.details.dnsHost')
                : t('networks.details.dnsNone')}
      </p>
      <dl className="network-facts">
        {rows.map(([k, v]) => (
          <div key={k} className="network-fact">
            <dt>{k}</dt>
            <dd className="mono">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="network-section-title">{t('networks.details.attached', { count: n.containers.length })}</h2>
      {n.containers.length === 0 ? (
        <p className="muted">{t('networks.details.noneAttached')}</p>
      ) : (
        <AttachmentTable
          show="container"
          label={t('networks.details.attachedTable', { name: n.name })}
          rows={n.containers.map((c) => ({
            network: n.name,
            container: c.containerName,
            containerId: c.containerId,
            state: c.state,
            ipv4: c.ipv4,
            aliases: c.aliases,
          }))}
        />
      )}
      {n.name !== 'host' && n.name !== 'none' && <ConnectForm network={n} containers={choices} />}
    </div>
  );
}
