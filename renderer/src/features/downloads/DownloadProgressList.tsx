// Wharf's own progress for downloads (the browser shows its own too): bytes
// sent, the total when known (exact for a file, estimated for a folder or an image),
// speed, how it ended, and Cancel, which stops the stream in the runtime.
import { useTranslation } from 'react-i18next';
import { ProgressRow } from '../../components/ProgressRow';
import { formatBytes } from '../../lib/format';
import { useLocalizeError } from '../../lib/useLocalizeError';
import type { DownloadItem } from './useDownloads';
import './downloads.css';

export function DownloadProgressList({
  items,
  onCancel,
  onDismiss,
}: {
  items: DownloadItem[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="download-list" aria-label={t('downloads.listName')}>
      {items.map((item) => (
        <li key={item.id}>
          <DownloadRow item={item} onCancel={() => onCancel(item.id)} onDismiss={() => onDismiss(item.id)} t={t} />
        </li>
      ))}
    </ul>
  );
}

function DownloadRow({
  item,
  onCancel,
  onDismiss,
  t,
}: {
  item: DownloadItem;
  onCancel: () => void;
  onDismiss: () => void;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const localize = useLocalizeError();
  const p = item.progress;
  const name = p.name;
  const active = p.phase === 'waiting' || p.phase === 'running';
  const sent = formatBytes(p.sent);
  const speed = formatBytes(p.bytesPerSecond);
  // The bar: exact bytes of the total, or how much of the estimated folder was read; none known, it just moves.
  const bar =
    p.total !== undefined
      ? { value: p.sent, max: Math.max(p.total, 1) }
      : p.estimate !== undefined
        ? { value: p.estimate.read, max: Math.max(p.estimate.total, 1) }
        : p.phase === 'done'
          ? { value: 1, max: 1 }
          : undefined;
  const percent = p.estimate ? Math.min(100, Math.floor((p.estimate.read / Math.max(p.estimate.total, 1)) * 100)) : 0;
  const amount =
    p.total !== undefined
      ? t('downloads.of', { sent, total: formatBytes(p.total) })
      : p.estimate !== undefined
        ? // Once done, the bytes sent are the exact size; the estimate stays beside them, as what was expected.
          t(p.phase === 'done' ? 'downloads.estimatedDone' : 'downloads.estimated', {
            sent,
            percent,
            total: formatBytes(p.estimate.total),
          })
        : sent;
  const rate =
    p.phase === 'running'
      ? t('downloads.speed', { speed })
      : p.phase === 'done'
        ? t('downloads.average', { speed })
        : '';
  const title =
    p.phase === 'cancelled' && p.cancelledBy === 'client'
      ? t('downloads.cancelledByClient', { name })
      : t(`downloads.${p.phase}`, { name });
  const error = item.error ?? p.error;
  const shown = error ? localize(error) : undefined;
  return (
    <ProgressRow
      testId="download-progress"
      data={{ 'data-id': item.id, 'data-name': name, 'data-phase': p.phase }}
      label={title}
      barLabel={t('downloads.progress')}
      {...(bar ?? {})}
      detail={[amount, rate].filter((s) => s !== '').join(' · ')}
      {...(p.estimate !== undefined && p.total === undefined ? { detailTitle: t('downloads.estimateNote') } : {})}
      action={
        active ? (
          <button
            type="button"
            className="button button-small"
            aria-label={t('downloads.cancelName', { name })}
            onClick={onCancel}
          >
            {t('downloads.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-small"
            aria-label={t('downloads.dismissName', { name })}
            onClick={onDismiss}
          >
            {t('downloads.dismiss')}
          </button>
        )
      }
    >
      {shown && p.phase === 'failed' && (
        <span className="small download-error" role="alert">
          {shown.message}
        </span>
      )}
    </ProgressRow>
  );
}
