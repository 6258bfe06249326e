// Prune: first the preview of exactly what would go and the space it gives
// back; only those ids are sent to prune, each removed only if still unused.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImagePruneResult } from '../../../../runtime/domains/images/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { imageKeys } from './queries';
import { formatBytes, shortId } from '../../lib/format';
import { toErrorLike } from '../files/useFileActions';
import { CommandPreview } from '../../components/CommandPreview';
import { useImageRunner } from './useImageAction';
import { TargetList } from '../../components/TargetList';

export function PruneImagesDialog({ onDone }: { onDone: (result?: ImagePruneResult) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [all, setAll] = useState(false);
  const preview = useQuery({
    queryKey: imageKeys.prunePreview(all),
    queryFn: () => client.request('images.prunePreview', all ? { all } : {}),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const { busy, errors, run } = useImageRunner();
  const ids = preview.data?.images.map((i) => i.id) ?? [];

  const confirm = async () => {
    const result = await run(() => client.request('images.prune', { ids }));
    if (result) onDone(result);
  };

  return (
    <ActionDialog
      title={t('imageActions.pruneTitle')}
      onCancel={() => onDone()}
      action={busy ? t('imageActions.pruning') : t('imageActions.pruneConfirm', { count: ids.length })}
      onAction={() => void confirm()}
      disabled={busy || ids.length === 0 || preview.isFetching}
      tone="danger"
      focusAction={false}
    >
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <span>
          {t('imageActions.pruneAll')}
          <span className="check-help">{t('imageActions.pruneAllHelp')}</span>
        </span>
      </label>
      {preview.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('imageActions.pruneLooking')}
        </p>
      ) : preview.error ? (
        <ErrorAlert title={t('imageActions.failed')} messages={[toErrorLike(preview.error)]} />
      ) : preview.data ? (
        <>
          <p className="muted small">{all ? t('imageActions.pruneRuleAll') : t('imageActions.pruneRuleDangling')}</p>
          {ids.length === 0 ? (
            <p>{t('imageActions.pruneNothing')}</p>
          ) : (
            <>
              <p>
                {t('imageActions.pruneWill', { count: ids.length })}{' '}
                <strong>{t('imageActions.pruneAtMost', { size: formatBytes(preview.data.bytes) })}</strong>
              </p>
              <TargetList label={t('imageActions.pruneList')}>
                {preview.data.images.map((i) => (
                  <li key={i.id} className="mono" data-testid="image-prune-item" data-id={i.id}>
                    {i.repoTags.length > 0
                      ? i.repoTags.join(', ')
                      : t('imageActions.untaggedId', { id: shortId(i.id) })}{' '}
                    <span className="muted">· {formatBytes(i.size)}</span>
                  </li>
                ))}
              </TargetList>
            </>
          )}
          <CommandPreview command={preview.data.command} />
        </>
      ) : null}
      {errors.length > 0 && <ErrorAlert title={t('imageActions.failed')} messages={errors} />}
    </ActionDialog>
  );
}
