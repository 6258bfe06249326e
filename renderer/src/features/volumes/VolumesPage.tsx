import { useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Explainer } from '../../components/Explainer';
import { DownloadProgressList } from '../downloads/DownloadProgressList';
import { useDownloads } from '../downloads/useDownloads';
import { useVolumeExport, VolumeRowActions } from './VolumeRowActions';
import { CloneVolumeDialog, ImportVolumeDialog, RemoveVolumeDialog } from './VolumeDialogs';
import { useContextMenu, type MenuItem, type RowMenuEvent } from '../../components/ContextMenu';
import { dockerCommand } from '../../../../runtime/api/docker-cli';
import type { VolumeUser } from '../../../../runtime/domains/volumes/types';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { copyItems } from '../palette/row-menu';
import { VolumesToolbar } from './VolumesToolbar';
import { useVolumeSizes } from './useVolumeAction';
import type { ErrorLike } from '../../lib/localize-error';
import { CheckIcon, CopyIcon } from '../../components/Icons';
import { ListStatus } from '../../components/ListStatus';
import { PageHeader } from '../../components/PageHeader';
import { TableFrame } from '../../components/TableFrame';
import { useContainers } from '../containers/queries';
import { useVolumes } from './queries';
import { volumeUsers } from './volume-users';
import { copyText } from '../../lib/clipboard';
import { formatBytes, formatExact, formatRelative } from '../../lib/format';
import { displayVolumeName, isAnonymousVolume } from '../../lib/volume-name';
import { useNow } from '../../lib/useNow';
import { tooltipProps } from '../../state/tooltip-store';
import { useUi } from '../../state/ui-store';
import './volumes.css';

export function VolumesPage({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const query = useVolumes();
  const containers = useContainers().data;
  const language = useUi((s) => s.language);
  const now = useNow(60_000);
  const [copied, setCopied] = useState<string | null>(null);
  const anonHelpId = useId();
  // Sizes come from the engine's slow disk-usage call, after the list.
  const sizes = useVolumeSizes().data?.sizes;
  const [rowError, setRowError] = useState<ErrorLike | null>(null);
  const downloads = useDownloads();

  const copyName = (name: string) =>
    void copyText(name).then(() => {
      setCopied(name);
      window.setTimeout(() => setCopied((c) => (c === name ? null : c)), 1500);
    });

  const usedBy = useMemo(() => volumeUsers(containers), [containers]);

  // The row's menu: the row's buttons (what asks first opens the same dialogs), then copy.
  const menu = useContextMenu();
  const [asked, setAsked] = useState<{ kind: 'remove' | 'clone' | 'import'; name: string; users: VolumeUser[] } | null>(
    null,
  );
  const { exportTar } = useVolumeExport(downloads.start, setRowError);
  const openMenu = (e: RowMenuEvent, name: string, users: VolumeUser[]) =>
    menu.openFrom(e, t('rowMenu.label', { name }), (): MenuItem[] => [
      {
        id: 'browse',
        label: t('volumeActions.browse'),
        onSelect: () => navigate(hrefTo('volumes', name)),
      },
      { id: 'clone', label: t('volumeActions.clone'), onSelect: () => setAsked({ kind: 'clone', name, users }) },
      { id: 'export', label: t('volumeActions.export'), onSelect: () => void exportTar(name) },
      { id: 'import', label: t('volumeActions.import'), onSelect: () => setAsked({ kind: 'import', name, users }) },
      {
        id: 'remove',
        label: t('actions.remove'),
        command: dockerCommand('volume.rm', { volumes: [name] }),
        danger: true,
        onSelect: () => setAsked({ kind: 'remove', name, users }),
      },
      ...copyItems(t, { name, command: dockerCommand('volume.inspect', { volumes: [name] }) }),
    ]);

  const volumes = useMemo(
    () =>
      [...(query.data ?? [])].sort(
        (a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name),
      ),
    [query.data],
  );

  const showContainer = (name: string) => {
    useUi.getState().setContainerFilter(name);
    window.location.hash = '#/containers';
  };

  return (
    <section className="page" aria-labelledby="volumes-title">
      <PageHeader
        id="volumes-title"
        title={t('nav.volumes')}
        count={query.data ? t('volumes.summary', { count: volumes.length }) : undefined}
      >
        <Explainer title={t('volumes.whatIs')}>
          <p>{t('volumes.explain1')}</p>
          <p>
            <Trans i18nKey="volumes.explain2" components={{ code: <code /> }} />
          </p>
        </Explainer>
      </PageHeader>
      <span id={anonHelpId} hidden>
        {t('volumes.anonymousHelp')}
      </span>
      <ListStatus query={query} stale={stale} />
      <VolumesToolbar />
      {rowError && (
        <ErrorAlert title={t('volumeActions.failed')} messages={[rowError]} onDismiss={() => setRowError(null)} />
      )}
      <DownloadProgressList items={downloads.items} onCancel={downloads.cancel} onDismiss={downloads.dismiss} />
      {query.data && volumes.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('volumes.emptyTitle')}</p>
          <p className="muted">{t('volumes.emptyText')}</p>
          <code className="empty-command">docker volume create data</code>
        </div>
      ) : query.data ? (
        <TableFrame
          label={t('volumes.tableName')}
          learn="volumes.list"
          stale={stale}
          columns={[
            { col: 'col-vname', head: t('volumes.colName') },
            { col: 'col-driver', head: t('volumes.colDriver') },
            { col: 'col-mountpoint', head: t('volumes.colMountpoint') },
            { col: 'col-vcreated', head: t('volumes.colCreated') },
            { col: 'col-vsize', head: t('volumeActions.colSize'), className: 'num' },
            { head: t('volumes.colUsedBy') },
            { col: 'col-vactions', head: t('volumeActions.colActions'), hidden: true },
          ]}
        >
          {volumes.map((v) => {
            const created = v.createdAt ? new Date(v.createdAt) : null;
            const users = usedBy.get(v.name) ?? [];
            return (
              <tr
                key={v.name}
                data-testid="volume-row"
                data-name={v.name}
                data-learn-item={v.name}
                className="row"
                onContextMenu={(e) => openMenu(e, v.name, users)}
                onKeyDown={(e) => openMenu(e, v.name, users)}
              >
                <td>
                  {isAnonymousVolume(v.name) ? (
                    <div className="volume-anon">
                      <span className="mono volume-name" title={v.name}>
                        {displayVolumeName(v.name)}
                      </span>
                      <button
                        type="button"
                        className="icon-button icon-button-small"
                        aria-label={t('volumes.copyName')}
                        {...tooltipProps(copied === v.name ? t('volumes.copied') : t('volumes.copyName'))}
                        onClick={() => copyName(v.name)}
                      >
                        {copied === v.name ? <CheckIcon size={13} /> : <CopyIcon size={13} />}
                      </button>
                      <span
                        className="badge badge-grey badge-help"
                        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focusable so the keyboard reaches its tooltip
                        tabIndex={0}
                        aria-describedby={anonHelpId}
                        {...tooltipProps(t('volumes.anonymousHelp'), undefined, { prose: true })}
                      >
                        {t('volumes.anonymous')}
                      </span>
                    </div>
                  ) : (
                    <span className="mono truncate volume-name" title={v.name}>
                      {v.name}
                    </span>
                  )}
                  {Object.keys(v.labels).length > 0 && (
                    <div className="volume-labels">
                      {Object.entries(v.labels).map(([k, value]) => (
                        <span key={k} className="tag mono" title={`${k}=${value}`}>
                          {k}={value}
                        </span>
                      ))}
                    </div>
                  )}
                </td>
                <td>{v.driver}</td>
                <td>
                  <span className="mono truncate secondary-strong" title={v.mountpoint}>
                    {v.mountpoint}
                  </span>
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
                <td className="num mono" data-testid="volume-size">
                  {sizes === undefined ? (
                    <span className="muted">…</span>
                  ) : sizes[v.name] == null ? (
                    <span className="muted">—</span>
                  ) : (
                    formatBytes(sizes[v.name]!)
                  )}
                </td>
                <td>
                  {users.length === 0 ? (
                    <span className="muted">{t('volumes.unused')}</span>
                  ) : (
                    <div className="tags">
                      {users.map((u) => (
                        <span key={`${u.id}:${u.destination}`} className="volume-user">
                          <button
                            type="button"
                            className="link-chip mono"
                            title={t('volumes.showContainer', { name: u.name })}
                            onClick={() => showContainer(u.name)}
                          >
                            {u.name}
                          </button>
                          <span className="muted small mono">
                            {u.destination}
                            {u.readOnly ? ` (${t('mounts.ro')})` : ''}
                          </span>
                        </span>
                      ))}
                    </div>
                  )}
                </td>
                <td>
                  <VolumeRowActions name={v.name} users={users} onError={setRowError} download={downloads.start} />
                </td>
              </tr>
            );
          })}
          {menu.element}
        </TableFrame>
      ) : null}
      {asked?.kind === 'remove' && (
        <RemoveVolumeDialog name={asked.name} users={asked.users} onDone={() => setAsked(null)} />
      )}
      {asked?.kind === 'clone' && <CloneVolumeDialog from={asked.name} onDone={() => setAsked(null)} />}
      {asked?.kind === 'import' && <ImportVolumeDialog name={asked.name} onDone={() => setAsked(null)} />}
    </section>
  );
}
