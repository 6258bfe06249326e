// Networks: the list (name, driver, scope, subnet and gateway, flags,
// created, the containers attached with their addresses and aliases) and the
// map of who reaches whom, on two tabs; create and prune on the toolbar.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networkListCommand } from '../../../../runtime/domains/networks/cli';
import type { NetworkInfo } from '../../../../runtime/domains/networks/types';
import { CommandLine } from '../../components/CommandLine';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { TabPanel, Tabs } from '../../components/Tabs';
import { TableFrame } from '../../components/TableFrame';
import { useContainers } from '../containers/queries';
import { formatExact, formatRelative } from '../../lib/format';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { useNow } from '../../lib/useNow';
import { useUi } from '../../state/ui-store';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { NetworkExplainers } from './NetworkExplainers';
import { NetworkMap } from './NetworkMap';
import { PruneNetworksDialog, RemoveNetworkDialog } from './NetworkDialogs';
import { useNetworks } from './queries';
import { useContextMenu, type MenuItem, type RowMenuEvent } from '../../components/ContextMenu';
import { networkInspectCommand, networkRemoveCommand } from '../../../../runtime/domains/networks/cli';
import { copyItems } from '../palette/row-menu';
import '../containers/details/details.css';
import './networks.css';

const VIEWS = ['list', 'map'] as const;

export function NetworksPage({ stale, view }: { stale: boolean; view: string | null }) {
  const { t } = useTranslation();
  const query = useNetworks();
  const containers = useContainers().data;
  const [dialog, setDialog] = useState<'create' | 'prune' | null>(null);
  const [removing, setRemoving] = useState<NetworkInfo | null>(null);
  const selected = view === 'map' ? 'map' : 'list';
  const networks = useMemo(() => query.data ?? [], [query.data]);

  return (
    <section className="page networks-page" aria-labelledby="networks-title">
      <PageHeader
        id="networks-title"
        title={t('networks.title')}
        count={query.data ? t('networks.summary', { count: networks.length }) : undefined}
      >
        <p className="muted">{t('networks.intro')}</p>
        <NetworkExplainers />
      </PageHeader>
      <ListStatus query={query} stale={stale} />
      <div className="toolbar-row">
        <button
          type="button"
          className="button button-primary"
          data-learn="networks.create"
          disabled={stale}
          onClick={() => setDialog('create')}
        >
          {t('networks.create.open')}
        </button>
        <button type="button" className="button" disabled={stale} onClick={() => setDialog('prune')}>
          {t('networks.prune.open')}
        </button>
      </div>
      <Tabs
        label={t('networks.views')}
        idPrefix="networks-"
        className="details-tabs"
        tabClassName="details-tab"
        tabs={VIEWS.map((v) => ({
          id: v,
          label: t(`networks.view.${v}`),
          href: v === 'list' ? hrefTo('networks') : `${hrefTo('networks')}?view=map`,
        }))}
        selected={selected}
        onSelect={(to) =>
          navigate(to === 'list' ? hrefTo('networks') : `${hrefTo('networks')}?view=map`, { replace: true })
        }
      />
      <TabPanel idPrefix="networks-" id={selected} className="networks-panel">
        {selected === 'map' ? (
          query.data && <NetworkMap networks={networks} containers={containers ?? []} />
        ) : query.data ? (
          <NetworkTable networks={networks} stale={stale} onRemove={setRemoving} />
        ) : null}
      </TabPanel>
      <CommandLine command={networkListCommand()} />
      {dialog === 'create' && (
        <CreateNetworkDialog
          onDone={(name) => {
            setDialog(null);
            if (name) navigate(hrefTo('networks', name));
          }}
        />
      )}
      {dialog === 'prune' && <PruneNetworksDialog onDone={() => setDialog(null)} />}
      {removing && <RemoveNetworkDialog network={removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}

function NetworkTable({
  networks,
  stale,
  onRemove,
}: {
  networks: readonly NetworkInfo[];
  stale: boolean;
  onRemove: (n: NetworkInfo) => void;
}) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const now = useNow(60_000);
  const menu = useContextMenu();
  const menuItems = (n: NetworkInfo): MenuItem[] => [
    {
      id: 'open',
      label: t('rowMenu.open'),
      command: networkInspectCommand(n.name),
      onSelect: () => navigate(hrefTo('networks', n.name)),
    },
    {
      id: 'remove',
      label: t('networks.remove.action'),
      command: networkRemoveCommand([n.name]),
      // The engine's own networks cannot be removed.
      disabled: stale || n.builtIn,
      danger: true,
      onSelect: () => onRemove(n),
    },
    ...copyItems(t, { id: n.id, name: n.name, command: networkInspectCommand(n.name) }),
  ];
  const openMenu = (e: RowMenuEvent, n: NetworkInfo) =>
    menu.openFrom(e, t('rowMenu.label', { name: n.name }), () => menuItems(n));
  return (
    <TableFrame
      label={t('networks.tableName')}
      stale={stale}
      className="networks-table"
      columns={[
        { col: 'col-nname', head: t('networks.col.name') },
        { col: 'col-ndriver', head: t('networks.col.driver') },
        { col: 'col-nsubnet', head: t('networks.col.subnet') },
        { col: 'col-nflags', head: t('networks.col.flags') },
        { col: 'col-ncreated', head: t('networks.col.created') },
        { head: t('networks.col.containers') },
        { col: 'col-nactions', head: t('networks.col.actions'), hidden: true },
      ]}
    >
      {networks.map((n) => {
        const created = n.created !== null ? new Date(n.created) : null;
        return (
          <tr
            key={n.id}
            className="row"
            data-testid="network-row"
            data-name={n.name}
            data-learn-item={n.name}
            onContextMenu={(e) => openMenu(e, n)}
            onKeyDown={(e) => openMenu(e, n)}
          >
            <td>
              <a className="mono network-name" href={hrefTo('networks', n.name)}>
                {n.name}
              </a>
              <div className="tags">
                {n.builtIn && <span className="badge badge-grey">{t('networks.builtIn')}</span>}
                {n.composeProject !== undefined && (
                  <span className="badge badge-blue">{t('networks.compose', { project: n.composeProject })}</span>
                )}
              </div>
            </td>
            <td>
              {n.driver}
              <div className="muted small">{n.scope}</div>
            </td>
            <td className="mono small">
              {n.subnets.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                n.subnets.map((s) => (
                  <div key={s.subnet}>
                    {s.subnet}
                    {s.gateway !== '' && <span className="muted"> · {t('networks.gw', { gateway: s.gateway })}</span>}
                  </div>
                ))
              )}
            </td>
            <td>
              <div className="tags">
                {n.internal && <span className="badge badge-amber">{t('networks.internal')}</span>}
                {n.attachable && <span className="badge badge-grey">{t('networks.attachable')}</span>}
                {!n.internal && !n.attachable && <span className="muted">—</span>}
              </div>
            </td>
            <td>
              {created && !Number.isNaN(created.getTime()) ? (
                <time dateTime={created.toISOString()} title={formatExact(created, language)}>
                  {formatRelative(created, language, new Date(now))}
                </time>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td data-testid="network-containers">
              {n.containers.length === 0 ? (
                <span className="muted">{t('networks.unused')}</span>
              ) : (
                <ul className="network-members">
                  {n.containers.map((c) => (
                    <li key={c.containerId}>
                      <a className="mono" href={hrefTo('containers', c.containerId, 'networks')}>
                        {c.containerName}
                      </a>{' '}
                      <span className="mono muted small">{c.ipv4 !== '' ? c.ipv4 : t('networks.noAddress')}</span>
                      {c.aliases.map((a) => (
                        <span key={a} className="tag mono">
                          {a}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <div className="row-actions">
                {n.builtIn ? (
                  <span className="muted small" title={t('networks.builtInWhy')}>
                    {t('networks.cannotRemove')}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    disabled={stale}
                    aria-label={t('networks.remove.label', { name: n.name })}
                    onClick={() => onRemove(n)}
                  >
                    {t('networks.remove.action')}
                  </button>
                )}
              </div>
            </td>
          </tr>
        );
      })}
      {menu.element}
    </TableFrame>
  );
}
