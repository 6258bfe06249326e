// Prune: first the preview of exactly what would go (by the engine's own
// rule) and the space it gives back; only those names are sent to prune.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumePruneResult } from '../../../../runtime/domains/volumes/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { volumeKeys } from './queries';
import { formatBytes } from '../../lib/format';
import { toErrorLike } from '../files/useFileActions';
import { useRunner } from '../../lib/useRunner';
import { TargetList } from '../../components/TargetList';

export function PruneDialog({ onDone }: { onDone: (result?: VolumePruneResult) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [all, setAll] = useState(false);
  const preview = useQuery({
    queryKey: volumeKeys.prunePreview(all),
    queryFn: () => client.request('volumes.prunePreview', all ? { all } : {}),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const { busy, error, run } = useRunner();
  const names = preview.data?.volumes.map((v) => v.name) ?? [];
  const anonymousOnly = preview.data?.rule.includes('only anonymous') ?? false;

  const confirm = async () => {
    const result = await run(() => client.request('volumes.prune', { names }));
    if (result) onDone(result);
  };

  return (
    <ActionDialog
      title={t('volumeActions.pruneTitle')}
      onCancel={() => onDone()}
      action={busy ? t('volumeActions.pruning') : t('volumeActions.pruneConfirm', { count: names.length })}
      onAction={() => void confirm()}
      disabled={busy || names.length === 0}
      tone="danger"
      focusAction={false}
    >
      {preview.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('volumeActions.pruneLooking')}
        </p>
      ) : preview.error ? (
        <ErrorAlert title={t('volumeActions.failed')} messages={[toErrorLike(preview.error)]} />
      ) : preview.data ? (
        <>
          <p className="muted small">{preview.data.rule}</p>
          {(anonymousOnly || all) && (
            <label className="check">
              <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
              <span>
                {t('volumeActions.pruneAll')}
                <span className="check-help">{t('volumeActions.pruneAllHelp')}</span>
              </span>
            </label>
          )}
          {names.length === 0 ? (
            <p>{t('volumeActions.pruneNothing')}</p>
          ) : (
            <>
              <p>
                {t('volumeActions.pruneWill', { count: names.length })}{' '}
                <strong>
                  {preview.data.sizesKnown
                    ? formatBytes(preview.data.bytes)
                    : t('volumeActions.atLeast', { size: formatBytes(preview.data.bytes) })}
                </strong>
              </p>
              <TargetList label={t('volumeActions.pruneList')}>
                {preview.data.volumes.map((v) => (
                  <li key={v.name} className="mono" data-testid="prune-item" data-name={v.name}>
                    {v.name} <span className="muted">{v.size === null ? '' : `· ${formatBytes(v.size)}`}</span>
                  </li>
                ))}
              </TargetList>
            </>
          )}
          <div className="command-preview">
            <span className="command-preview-label">{t('common.commandLabel')}</span>
            <code>{preview.data.command}</code>
          </div>
        </>
      ) : null}
      {error && <ErrorAlert title={t('volumeActions.failed')} messages={[error]} />}
    </ActionDialog>
  );
}
