// Above the volumes table: create, prune, and the storage explainer.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumePruneResult } from '../../../../runtime/domains/volumes/types';
import { formatBytes } from '../../lib/format';
import { StorageExplainer } from '../mounts/StorageExplainer';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { PruneDialog } from './PruneDialog';
import './volume-actions.css';

export function VolumesToolbar() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'create' | 'prune' | null>(null);
  const [pruned, setPruned] = useState<VolumePruneResult | null>(null);
  return (
    <>
      <div className="toolbar-row volume-toolbar">
        <button
          type="button"
          className="button button-primary"
          data-learn="volumes.create"
          onClick={() => setOpen('create')}
        >
          {t('volumeActions.createButton')}
        </button>
        <button type="button" className="button" onClick={() => setOpen('prune')}>
          {t('volumeActions.pruneButton')}
        </button>
        <StorageExplainer />
      </div>
      {pruned && (
        <p className="notice" role="status">
          {t('volumeActions.pruned', { count: pruned.removed.length, size: formatBytes(pruned.bytes) })}
          {pruned.failed.length > 0 &&
            ` ${t('volumeActions.pruneKept', { names: pruned.failed.map((f) => f.name).join(', ') })}`}
        </p>
      )}
      {open === 'create' && <CreateVolumeDialog onDone={() => setOpen(null)} />}
      {open === 'prune' && (
        <PruneDialog
          onDone={(result) => {
            setOpen(null);
            if (result) setPruned(result);
          }}
        />
      )}
    </>
  );
}
