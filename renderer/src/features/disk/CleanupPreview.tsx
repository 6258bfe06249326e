// The preview of a clean-up: per kind, exactly what goes and the space it
// gives back, the prune command that does the same kind of thing, and the
// removal by id Wharf runs.
import { useTranslation } from 'react-i18next';
import type { DiskPruneKind, DiskPrunePreview } from '../../../../runtime/domains/disk/types';
import { formatBytes } from '../../lib/format';
import type { PruneSelection } from './queries';
import { TargetList } from '../../components/TargetList';

/** The rule each kind is chosen by, as a locale key. */
function ruleKey(kind: DiskPruneKind, selection: PruneSelection): string {
  if (kind === 'images') return selection.images === 'all' ? 'disk.rule.all' : 'disk.rule.dangling';
  if (kind === 'volumes') return selection.volumes === 'all' ? 'disk.rule.allVolumes' : 'disk.rule.anonymous';
  return `disk.rule.${kind}`;
}

export function CleanupPreview({
  preview,
  selection,
  updating,
}: {
  preview: DiskPrunePreview;
  selection: PruneSelection;
  updating: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className={`disk-preview${updating ? ' stale' : ''}`} data-testid="disk-preview" aria-busy={updating}>
      <p>
        <strong data-testid="disk-preview-total" data-bytes={preview.bytes}>
          {t('disk.previewTotal', { size: formatBytes(preview.bytes) })}
        </strong>
      </p>
      {preview.parts.map((part) => (
        <section
          key={part.kind}
          className="disk-preview-part"
          aria-label={t(`disk.pruneKind.${part.kind}`)}
          data-testid="disk-preview-part"
          data-kind={part.kind}
        >
          <h3 className="disk-preview-title">
            {t(`disk.pruneKind.${part.kind}`)}: {t('disk.itemsCount', { count: part.items.length })}
            {part.bytes > 0 && <span className="muted"> · {formatBytes(part.bytes)}</span>}
          </h3>
          <p className="muted small">{t(ruleKey(part.kind, selection))}</p>
          {part.items.length > 0 && (
            <TargetList label={t('disk.previewListOf', { kind: t(`disk.pruneKind.${part.kind}`) })}>
              {part.items.map((i) => (
                <li key={i.id} className="mono" data-testid="disk-preview-item" data-kind={part.kind} data-id={i.id}>
                  {i.label} {i.bytes !== null && i.bytes > 0 && <span className="muted">· {formatBytes(i.bytes)}</span>}
                </li>
              ))}
            </TargetList>
          )}
          <div className="command-preview">
            <span className="command-preview-label">{t('disk.likeCommand')}</span>
            <code>{part.equivalent ?? t('disk.noSingleCommand')}</code>
            {part.commands.length > 0 && (
              <>
                <span className="command-preview-label">{t('disk.exactCommand')}</span>
                {part.commands.map((c) => (
                  <code key={c}>{c}</code>
                ))}
              </>
            )}
          </div>
        </section>
      ))}
      {preview.unsupported.includes('buildCache') && <p className="muted small">{t('disk.noBuildCache')}</p>}
      <div className="command-preview">
        <span className="command-preview-label">{t('disk.systemCommand')}</span>
        <code data-testid="disk-system-command">{preview.systemCommand ?? t('disk.noSystemCommand')}</code>
      </div>
    </div>
  );
}
