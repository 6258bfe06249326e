// Containers on a network (on its page), or a container's networks (on the
// container's page): address, aliases, and Disconnect.
import { useTranslation } from 'react-i18next';
import { networkDisconnectCommand } from '../../../../runtime/domains/networks/cli';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableFrame } from '../../components/TableFrame';
import { hrefTo } from '../../lib/useHashRoute';
import { useNetworkAction } from './queries';

export interface AttachmentRow {
  network: string;
  container: string;
  /** The container's id, for its page's address. */
  containerId: string;
  state: string;
  ipv4: string;
  aliases: readonly string[];
}

export function AttachmentTable({
  rows,
  show,
  label,
}: {
  rows: readonly AttachmentRow[];
  show: 'container' | 'network';
  label: string;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const { busy, error, run, setError } = useNetworkAction();
  const disconnect = (row: AttachmentRow) =>
    void run(() => client.request('networks.disconnect', { network: row.network, container: row.container }));

  return (
    <>
      <TableFrame
        label={label}
        className="network-attachments"
        columns={[
          { head: show === 'container' ? t('networks.col.container') : t('networks.col.network') },
          { head: t('networks.col.ipv4') },
          { head: t('networks.col.aliases') },
          { head: t('networks.col.actions'), hidden: true },
        ]}
      >
        {rows.map((row) => (
          <tr
            key={`${row.network}:${row.containerId}`}
            className="row"
            data-testid="attachment-row"
            data-network={row.network}
            data-container={row.container}
          >
            <td>
              {show === 'container' ? (
                <a className="mono" href={hrefTo('containers', row.containerId, 'networks')}>
                  {row.container}
                </a>
              ) : (
                <a className="mono" href={hrefTo('networks', row.network)}>
                  {row.network}
                </a>
              )}
              {row.state !== 'running' && row.state !== '' && (
                <span className="muted small"> · {t(`state.${row.state}`, { defaultValue: row.state })}</span>
              )}
            </td>
            <td className="mono" data-testid="attachment-ip">
              {row.ipv4 !== '' ? row.ipv4 : <span className="muted">{t('networks.noAddress')}</span>}
            </td>
            <td data-testid="attachment-aliases">
              {row.aliases.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <span className="tags">
                  {row.aliases.map((a) => (
                    <span key={a} className="tag mono">
                      {a}
                    </span>
                  ))}
                </span>
              )}
            </td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  title={networkDisconnectCommand({ network: row.network, container: row.container })}
                  aria-label={t('networks.disconnect.label', { container: row.container, network: row.network })}
                  onClick={() => disconnect(row)}
                >
                  {t('networks.disconnect.action')}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </TableFrame>
      {error && (
        <ErrorAlert title={t('networks.disconnect.failed')} messages={[error]} onDismiss={() => setError(null)} />
      )}
    </>
  );
}
