// The actions of one volume row: browse its files, clone, export (a tar
// download), import (a tar on the runtime's machine), remove.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeUser } from '../../../../runtime/domains/volumes/types';
import { useClient } from '../../api/ClientProvider';
import { hrefTo } from '../../lib/useHashRoute';
import type { StartDownload } from '../downloads/useDownloads';
import { toErrorLike } from '../files/useFileActions';
import type { ErrorLike } from '../../lib/localize-error';
import { CloneVolumeDialog, ImportVolumeDialog, RemoveVolumeDialog } from './VolumeDialogs';

interface Props {
  name: string;
  users: readonly VolumeUser[];
  onError: (e: ErrorLike | null) => void;
  /** Starts the export with Wharf's progress (the page's list of downloads). */
  download: StartDownload;
}

/** Exports a volume as a tar download, with Wharf's progress (the page's list of downloads). */
export function useVolumeExport(download: StartDownload, onError: (e: ErrorLike | null) => void) {
  const client = useClient();
  const [exporting, setExporting] = useState(false);
  const exportTar = async (name: string) => {
    setExporting(true);
    onError(null);
    try {
      const described = await client.request('volumes.describe', { action: 'export', name, file: `${name}.tar` });
      const descriptor = { kind: 'volume-export' as const, name };
      await download(descriptor, `${name}.tar`, described.commands);
    } catch (e) {
      onError(toErrorLike(e));
    } finally {
      setExporting(false);
    }
  };
  return { exporting, exportTar };
}

export function VolumeRowActions({ name, users, onError, download }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'remove' | 'clone' | 'import' | null>(null);
  const { exporting, exportTar: exportVolume } = useVolumeExport(download, onError);
  const exportTar = () => exportVolume(name);

  return (
    <div className="row-actions">
      <a
        className="button button-small"
        href={hrefTo('volumes', name)}
        aria-label={t('volumeActions.browseName', { name })}
      >
        {t('volumeActions.browse')}
      </a>
      <button
        type="button"
        className="button button-small"
        aria-label={t('volumeActions.cloneName', { name })}
        onClick={() => setOpen('clone')}
      >
        {t('volumeActions.clone')}
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={exporting}
        aria-label={t('volumeActions.exportName', { name })}
        onClick={() => void exportTar()}
      >
        {exporting ? t('volumeActions.exporting') : t('volumeActions.export')}
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={t('volumeActions.importName', { name })}
        onClick={() => setOpen('import')}
      >
        {t('volumeActions.import')}
      </button>
      <button
        type="button"
        className="button button-small button-danger-quiet"
        aria-label={t('volumeActions.removeName', { name })}
        onClick={() => setOpen('remove')}
      >
        {t('actions.remove')}
      </button>
      {open === 'remove' && <RemoveVolumeDialog name={name} users={users} onDone={() => setOpen(null)} />}
      {open === 'clone' && <CloneVolumeDialog from={name} onDone={() => setOpen(null)} />}
      {open === 'import' && <ImportVolumeDialog name={name} onDone={() => setOpen(null)} />}
    </div>
  );
}
