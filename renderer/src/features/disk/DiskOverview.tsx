// The four kinds side by side: one bar shared out by size (the numbers are
// also written out, so the bar is only a picture), then a card per kind with
// its size, what a clean-up could give back, and how many are in use.
import { useTranslation } from 'react-i18next';
import type { DiskUsage } from '../../../../runtime/domains/disk/types';
import { formatBytes } from '../../lib/format';

export const KINDS = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type DiskKind = (typeof KINDS)[number];

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

export function DiskOverview({ usage }: { usage: DiskUsage }) {
  const { t } = useTranslation();
  const total = KINDS.reduce((n, k) => n + usage[k].size, 0);
  const reclaimable = KINDS.reduce((n, k) => n + usage[k].reclaimable, 0);
  const sizeText = (k: DiskKind) =>
    k === 'images' && !usage.images.sizeExact
      ? t('disk.about', { size: formatBytes(usage.images.size) })
      : formatBytes(usage[k].size);
  const summary = KINDS.map((k) => `${t(`disk.kind.${k}`)} ${sizeText(k)}`).join(', ');

  return (
    <section className="disk-overview" aria-labelledby="disk-overview-title">
      <h2 id="disk-overview-title" className="disk-section-title">
        {t('disk.overviewTitle', { total: formatBytes(total), reclaimable: formatBytes(reclaimable) })}
      </h2>
      <div className="disk-bar" role="img" aria-label={summary} data-testid="disk-bar">
        {KINDS.filter((k) => usage[k].size > 0).map((k) => (
          <span key={k} className={`disk-bar-part disk-${k}`} style={{ flexGrow: usage[k].size }} />
        ))}
      </div>
      <ul className="disk-cards">
        {KINDS.map((k) => {
          const c = usage[k];
          const unsupported = k === 'buildCache' && !usage.buildCache.supported;
          return (
            <li key={k} className="disk-card" data-testid="disk-category" data-kind={k}>
              <h3 className="disk-card-title">
                <span className={`disk-swatch disk-${k}`} aria-hidden="true" />
                {t(`disk.kind.${k}`)}
              </h3>
              {unsupported ? (
                <p className="muted small">{t('disk.noBuildCache')}</p>
              ) : (
                <dl className="disk-card-facts">
                  <dt>{t('disk.size')}</dt>
                  <dd data-testid="disk-size" data-bytes={c.size}>
                    {sizeText(k)}
                  </dd>
                  <dt>{t('disk.reclaimable')}</dt>
                  <dd data-testid="disk-reclaimable" data-bytes={c.reclaimable}>
                    {formatBytes(c.reclaimable)} <span className="muted">({percent(c.reclaimable, c.size)}%)</span>
                  </dd>
                </dl>
              )}
              {!unsupported && (
                <p className="muted small" data-testid="disk-count">
                  {t(`disk.countOf.${k}`, { count: c.count, active: c.active })}
                </p>
              )}
              {k === 'images' && !usage.images.sizeExact && (
                <p className="muted small">{t('disk.podmanImagesEstimate')}</p>
              )}
              {k === 'volumes' && usage.volumes.unknownSizes > 0 && (
                <p className="muted small">{t('disk.unknownVolumeSizes', { count: usage.volumes.unknownSizes })}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
