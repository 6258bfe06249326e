// The biggest items of each kind, biggest first, each linking to its own page.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskUsage } from '../../../../runtime/domains/disk/types';
import { TableFrame } from '../../components/TableFrame';
import { hrefTo } from '../../lib/useHashRoute';
import { formatBytes, shortId } from '../../lib/format';

/** How many of each kind are listed. */
const SHOWN = 10;

function Part({
  kind,
  title,
  more,
  children,
  empty,
}: {
  kind: string;
  title: string;
  more: number;
  children: ReactNode;
  empty: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="disk-biggest"
      aria-labelledby={`disk-biggest-${kind}`}
      data-testid="disk-biggest"
      data-kind={kind}
    >
      <h3 id={`disk-biggest-${kind}`} className="disk-biggest-title">
        {title}
      </h3>
      {empty !== null ? <p className="muted small">{empty}</p> : children}
      {more > 0 && <p className="muted small">{t('disk.more', { count: more })}</p>}
    </section>
  );
}

export function BiggestItems({ usage }: { usage: DiskUsage }) {
  const { t } = useTranslation();
  const { images, containers, volumes, buildCache } = usage;
  const sizeCol = { head: t('disk.size'), className: 'num', col: 'col-disk-size' };
  const none = (n: number, key: string) => (n === 0 ? t(key) : null);

  return (
    <section className="disk-biggest-all" aria-labelledby="disk-biggest-title">
      <h2 id="disk-biggest-title" className="disk-section-title">
        {t('disk.biggestTitle')}
      </h2>
      <Part
        kind="images"
        title={t('disk.kind.images')}
        more={images.items.length - SHOWN}
        empty={none(images.items.length, 'disk.noImages')}
      >
        <TableFrame
          label={t('disk.biggestOf', { kind: t('disk.kind.images') })}
          columns={[
            { head: t('disk.colName') },
            { ...sizeCol, head: t('disk.colUnique') },
            { head: t('disk.colShared'), className: 'num', col: 'col-disk-size' },
            { head: t('disk.colUsedBy'), col: 'col-disk-used' },
          ]}
        >
          {images.items.slice(0, SHOWN).map((i) => (
            <tr key={i.id} className="row" data-testid="disk-image" data-id={i.id}>
              <td>
                <a className="primary mono" href={hrefTo('images', i.id)}>
                  {i.repoTags[0] ?? shortId(i.id)}
                </a>
                {i.dangling && <span className="badge badge-amber disk-badge">{t('disk.dangling')}</span>}
              </td>
              <td className="num mono">{formatBytes(i.uniqueSize ?? i.size)}</td>
              <td className="num mono">{i.sharedSize === null ? '—' : formatBytes(i.sharedSize)}</td>
              <td>{t('disk.containersCount', { count: i.containers })}</td>
            </tr>
          ))}
        </TableFrame>
      </Part>
      <Part
        kind="containers"
        title={t('disk.kind.containers')}
        more={containers.items.length - SHOWN}
        empty={none(containers.items.length, 'disk.noContainers')}
      >
        <TableFrame
          label={t('disk.biggestOf', { kind: t('disk.kind.containers') })}
          columns={[
            { head: t('disk.colName') },
            { ...sizeCol, head: t('disk.colLayer') },
            { head: t('disk.colImage') },
            { head: t('disk.colState'), col: 'col-disk-used' },
          ]}
        >
          {containers.items.slice(0, SHOWN).map((c) => (
            <tr key={c.id} className="row" data-testid="disk-container" data-id={c.id}>
              <td>
                <a className="primary" href={hrefTo('containers', c.id)}>
                  {c.name}
                </a>
              </td>
              <td className="num mono">{formatBytes(c.sizeRw)}</td>
              <td className="mono truncate">{c.image}</td>
              <td>
                <span className={`badge ${c.active ? 'badge-green' : 'badge-grey'}`}>
                  {c.active ? t('disk.inUse') : t('disk.stopped')}
                </span>
              </td>
            </tr>
          ))}
        </TableFrame>
      </Part>
      <Part
        kind="volumes"
        title={t('disk.kind.volumes')}
        more={volumes.items.length - SHOWN}
        empty={none(volumes.items.length, 'disk.noVolumes')}
      >
        <TableFrame
          label={t('disk.biggestOf', { kind: t('disk.kind.volumes') })}
          columns={[{ head: t('disk.colName') }, sizeCol, { head: t('disk.colUsedBy'), col: 'col-disk-used' }]}
        >
          {volumes.items.slice(0, SHOWN).map((v) => (
            <tr key={v.name} className="row" data-testid="disk-volume" data-name={v.name}>
              <td>
                <a className="primary mono truncate" href={hrefTo('volumes', v.name)} title={v.name}>
                  {v.name.length > 40 ? `${v.name.slice(0, 12)}…` : v.name}
                </a>
              </td>
              <td className="num mono" data-testid="disk-volume-size" data-bytes={v.size ?? ''}>
                {v.size === null ? t('disk.unknown') : formatBytes(v.size)}
              </td>
              <td>
                {v.refCount === 0 ? (
                  <span className="badge badge-amber">{t('disk.unused')}</span>
                ) : v.refCount === null ? (
                  '—'
                ) : (
                  t('disk.containersCount', { count: v.refCount })
                )}
              </td>
            </tr>
          ))}
        </TableFrame>
      </Part>
      {buildCache.supported && (
        <Part
          kind="buildCache"
          title={t('disk.kind.buildCache')}
          more={buildCache.items.length - SHOWN}
          empty={none(buildCache.items.length, 'disk.noBuildCacheItems')}
        >
          <TableFrame
            label={t('disk.biggestOf', { kind: t('disk.kind.buildCache') })}
            columns={[{ head: t('disk.colDescription') }, sizeCol, { head: t('disk.colState'), col: 'col-disk-used' }]}
          >
            {buildCache.items.slice(0, SHOWN).map((r) => (
              <tr key={r.id} className="row">
                <td className="mono truncate" title={r.description}>
                  {r.description || r.type}
                </td>
                <td className="num mono">{formatBytes(r.size)}</td>
                <td>{r.inUse ? t('disk.inUse') : r.shared ? t('disk.shared') : t('disk.unused')}</td>
              </tr>
            ))}
          </TableFrame>
        </Part>
      )}
    </section>
  );
}
