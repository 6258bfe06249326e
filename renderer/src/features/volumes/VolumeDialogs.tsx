// Per-volume dialogs: remove, clone, import. Each shows the commands it
// stands for before it runs (clone and import have no single docker command).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeUser } from '../../../../runtime/domains/volumes/types';
import { useClient } from '../../api/ClientProvider';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../lib/format';
import { uploadChunked, type UploadProgress } from '../files/transfer';
import { useRunner } from '../../lib/useRunner';
import { useDescribe } from './useVolumeAction';

function Commands({ commands, failed }: { commands: string[] | undefined; failed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="command-preview">
      <span className="command-preview-label">
        {commands && commands.length > 1 ? t('volumeActions.commandsLabel') : t('common.commandLabel')}
      </span>
      <code className="command-lines">{commands?.join('\n') ?? (failed ? t('common.commandUnavailable') : '…')}</code>
    </div>
  );
}

export function RemoveVolumeDialog({
  name,
  users,
  onDone,
}: {
  name: string;
  users: readonly VolumeUser[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const described = useDescribe({ action: 'remove', name });
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (await run(() => client.request('volumes.remove', { name }))) onDone();
  };
  return (
    <ActionDialog
      title={t('volumeActions.removeTitle')}
      onCancel={onDone}
      action={t('actions.remove')}
      onAction={() => void confirm()}
      disabled={busy}
      tone="danger"
    >
      <p>{t('volumeActions.removeQuestion', { name })}</p>
      <p className="muted small">{t('volumeActions.removeExplain')}</p>
      {users.length > 0 && (
        <p className="notice">
          {t('volumeActions.removeInUse', { names: [...new Set(users.map((u) => u.name))].join(', ') })}
        </p>
      )}
      {error && <ErrorAlert title={t('volumeActions.removeFailed')} messages={[error]} />}
      <Commands commands={described.data?.commands} failed={described.isError} />
    </ActionDialog>
  );
}

export function CloneVolumeDialog({ from, onDone }: { from: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [to, setTo] = useState(`${from}-copy`);
  const valid = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(to);
  const described = useDescribe(valid ? { action: 'clone', from, to } : null);
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (!valid) return;
    if (await run(() => client.request('volumes.clone', { from, to }))) onDone();
  };
  return (
    <ActionDialog
      title={t('volumeActions.cloneTitle', { name: from })}
      onCancel={onDone}
      action={busy ? t('volumeActions.cloning') : t('volumeActions.clone')}
      onAction={() => void confirm()}
      disabled={busy || !valid}
      formId="clone-volume"
    >
      <label className="field">
        <span className="field-label">{t('volumeActions.cloneName')}</span>
        <input
          type="text"
          className="mono"
          data-autofocus
          value={to}
          aria-invalid={!valid}
          onChange={(e) => setTo(e.target.value)}
        />
        {!valid && <span className="field-error">{t('volumeActions.nameHelp')}</span>}
      </label>
      <p className="muted small">{t('volumeActions.cloneExplain')}</p>
      {error && <ErrorAlert title={t('volumeActions.failed')} messages={[error]} />}
      <Commands commands={described.data?.commands} failed={described.isError} />
    </ActionDialog>
  );
}

export function ImportVolumeDialog({ name, onDone }: { name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [from, setFrom] = useState<'browser' | 'path'>('browser');
  const [file, setFile] = useState('');
  const [picked, setPicked] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const absolute = file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
  const ready = from === 'browser' ? picked !== null : absolute;
  const described = useDescribe({ action: 'import', name, ...(from === 'path' && absolute ? { file } : {}) });
  const { busy, error, run } = useRunner();
  const confirm = async () => {
    if (!ready) return;
    if (from === 'path') {
      if (await run(() => client.request('volumes.import', { name, file }))) onDone();
      return;
    }
    if (!picked) return;
    const result = await run(async () => {
      // The tar streams into the volume a chunk at a time, as it is; the commands shown are the import's.
      await uploadChunked(client, { kind: 'volume', name }, '/', { kind: 'tar', file: picked }, setProgress).finally(
        () => setProgress(null),
      );
      return { commands: described.data?.commands ?? [] };
    });
    if (result) onDone();
  };
  return (
    <ActionDialog
      title={t('volumeActions.importTitle', { name })}
      onCancel={onDone}
      action={busy ? t('volumeActions.importing') : t('volumeActions.import')}
      onAction={() => void confirm()}
      disabled={busy || !ready}
      formId="import-volume"
    >
      <label className="check">
        <input type="radio" name="import-from" checked={from === 'browser'} onChange={() => setFrom('browser')} />
        <span>{t('volumeActions.importFromBrowser')}</span>
      </label>
      {from === 'browser' && (
        <input
          type="file"
          accept=".tar,application/x-tar"
          aria-label={t('volumeActions.importPick')}
          onChange={(e) => setPicked(e.target.files?.[0] ?? null)}
        />
      )}
      <label className="check">
        <input type="radio" name="import-from" checked={from === 'path'} onChange={() => setFrom('path')} />
        <span>{t('volumeActions.importFile')}</span>
      </label>
      {from === 'path' && (
        <input
          type="text"
          className="mono"
          aria-label={t('volumeActions.importFile')}
          placeholder="/home/me/backup.tar"
          value={file}
          onChange={(e) => setFile(e.target.value)}
        />
      )}
      <span className="check-help">{t('volumeActions.importHelp')}</span>
      {progress && (
        <div className="upload-progress" role="status" data-testid="upload-progress">
          <progress max={progress.total || 1} value={progress.sent} aria-label={t('files.uploadProgress')} />
          <span className="small mono">
            {formatBytes(progress.sent)} / {formatBytes(progress.total)}
          </span>
        </div>
      )}
      {error && <ErrorAlert title={t('volumeActions.failed')} messages={[error]} />}
      <Commands commands={described.data?.commands} failed={described.isError} />
    </ActionDialog>
  );
}
